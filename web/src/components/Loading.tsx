import type { Problem } from '../api/client';
import { ErrorSummary } from './forms';

/** What a page shows while its data loads, or when loading failed. */
export function Loading({ loading, problem }: { loading: boolean; problem?: Problem }) {
  if (problem) return <ErrorSummary problem={problem} />;
  return loading ? <p aria-busy="true">Loading…</p> : null;
}
