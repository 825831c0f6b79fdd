import { useEffect, useState } from 'react';
import { asProblem, type Problem } from './client';

/**
 * Loads data for a page: `{ data, problem, loading }`. `load` is an API call through `api` returning openapi-fetch's
 * `{ data, error }`; the call runs again when `deps` change.
 */
export function useApi<T>(
  load: () => Promise<{ data?: T; error?: unknown }>,
  deps: unknown[] = [],
): { data?: T; problem?: Problem; loading: boolean } {
  const [state, setState] = useState<{ data?: T; problem?: Problem; loading: boolean }>({ loading: true });
  useEffect(() => {
    let live = true;
    setState({ loading: true });
    load()
      .then(({ data, error }) => {
        if (live) setState(error ? { problem: asProblem(error), loading: false } : { data, loading: false });
      })
      .catch((error) => live && setState({ problem: asProblem(error), loading: false }));
    return () => {
      live = false;
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the call depends on
  }, deps);
  return state;
}
