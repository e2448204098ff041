import { useCallback, useState } from "react";
import { useLoad, type Loaded } from "./use-load";

export interface Resource<T> {
  loaded: Loaded<T>;
  /** Runs a change; on success loads again, on failure keeps its message in `error`. */
  act: (work: () => Promise<unknown>) => Promise<boolean>;
  /** The last action's failure, else the load's, else null. */
  error: string | null;
  reload: () => void;
}

const messageOf = (failure: unknown) =>
  failure instanceof Error ? failure.message : String(failure);

/** What a console section loads and the actions that change it, in one place. */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [loaded, reload] = useLoad(load, deps);
  const [failure, setFailure] = useState<string | null>(null);
  const act = useCallback(
    async (work: () => Promise<unknown>) => {
      setFailure(null);
      try {
        await work();
        reload();
        return true;
      } catch (caught) {
        setFailure(messageOf(caught));
        return false;
      }
    },
    [reload],
  );
  const error = failure ?? (loaded.state === "error" ? loaded.message : null);
  return { loaded, act, error, reload };
}
