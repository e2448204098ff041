/** Helpers every language's texts share: how long a quoted value may be, and a duration's parts. */

/** Quoted header text is cut here, so a hostile header cannot flood the pane. */
export const QUOTE_LIMIT = 200;

export function clip(value: string): string {
  return value.length > QUOTE_LIMIT ? `${value.slice(0, QUOTE_LIMIT - 3)}...` : value;
}

export function durationParts(seconds: number): { hours: number; minutes: number; rest: number } {
  const total = Math.round(Math.abs(seconds));
  return {
    hours: Math.floor(total / 3600),
    minutes: Math.floor((total % 3600) / 60),
    rest: total % 60,
  };
}
