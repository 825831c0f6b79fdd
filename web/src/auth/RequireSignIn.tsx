import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from './session';

/** Pages for signed-in people: others are sent to sign in, and come back here after. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <p aria-busy="true">Loading…</p>;
  if (session.status === 'signed-out') return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return children;
}
