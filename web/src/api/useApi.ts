import { useEffect, useState } from 'react';
import { asProblem, type Problem } from './client';

/**
 * Loads data for a page: `{ data, problem, loading }`. `load` is an API call through `api` returning openapi-fetch's
 * `{ data, error }`; the call runs again when `deps` change.
 */
export function useApi<T>(
  load: () => Promise<{ data?: T; error?: unknown }>,
  deps: unknown[] = [],
  /** Runs with the answer of the latest call only (an earlier call's late answer is dropped, side effects too). */
  settled?: (answer: { data?: T; error?: unknown }) => void,
): { data?: T; problem?: Problem; loading: boolean } {
  const [state, setState] = useState<{ data?: T; problem?: Problem; loading: boolean }>({ loading: true });
  useEffect(() => {
    let live = true;
    setState({ loading: true });
    load()
      .then((answer) => {
        if (!live) return;
        settled?.(answer);
        setState(
          answer.error ? { problem: asProblem(answer.error), loading: false } : { data: answer.data, loading: false },
        );
      })
      .catch((error) => live && setState({ problem: asProblem(error), loading: false }));
    return () => {
      live = false;
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the call depends on
  }, deps);
  return state;
}
