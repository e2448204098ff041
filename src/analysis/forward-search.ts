/**
 * indexOf for a few characters over one text, each answer remembered: a scanner that reads
 * several ranges of one text in order (a block's Received values, read where they stand) asks
 * again and again for the next ")" or ";", and most answers lie past its range. Remembered,
 * every search goes on where the last one for that character ended, so the searches of all the
 * ranges together cost the text's length at most, not the text's length per range.
 */
export class ForwardSearch {
  #text = "";
  /** Per character: the first index at or after `#from` that holds it (the text's length if none). */
  readonly #found: Int32Array;
  readonly #from: Int32Array;

  constructor(private readonly characters: readonly string[]) {
    this.#found = new Int32Array(characters.length);
    this.#from = new Int32Array(characters.length);
  }

  get text(): string {
    return this.#text;
  }

  /** Starts over on another text (forgets every answer). */
  reset(text: string): void {
    this.#text = text;
    this.#found.fill(-1);
    this.#from.fill(0);
  }

  /** The first index at or after `from` of `characters[which]`, or the text's length. */
  indexOf(which: number, from: number): number {
    const found = this.#found[which] as number;
    if (found >= from && (this.#from[which] as number) <= from) return found;
    const index = this.#text.indexOf(this.characters[which] as string, from);
    const answer = index < 0 ? this.#text.length : index;
    this.#found[which] = answer;
    this.#from[which] = from;
    return answer;
  }
}
