import { useCallback, useEffect, useState } from "react";

export type Loaded<T> =
  { state: "loading" } | { state: "error"; message: string } | { state: "ready"; value: T };

/** Runs `load` now and whenever `reload()` is called or a dependency changes. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [result, setResult] = useState<Loaded<T>>({ state: "loading" });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setResult({ state: "ready", value }),
      (error: unknown) =>
        live &&
        setResult({
          state: "error",
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      live = false;
    };
    // The caller lists what `load` reads in `deps`.
  }, [...deps, generation]);
  return [result, reload] as const;
}
