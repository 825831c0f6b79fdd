import type { ReactNode } from 'react';
import { SignIn } from '../pages/SignIn';
import { useSession } from './session';

/**
 * Pages for signed-in people: a signed-out visitor gets the sign-in form at the same address, and the page after
 * signing in (no redirect, so nothing races the sign-out's own navigation).
 */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.status === 'loading') return <p aria-busy="true">Loading…</p>;
  if (session.status === 'signed-out') return <SignIn />;
  return children;
}
