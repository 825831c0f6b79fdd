import type { ReactNode } from 'react';
import { Page } from '../components/Page';
import { SignIn } from '../pages/SignIn';
import { useSession } from './session';

/**
 * Pages for signed-in people: a signed-out visitor gets the sign-in form at the same address, and the page after
 * signing in (no redirect, so nothing races the sign-out's own navigation).
 */
export function RequireSignIn({ children, role }: { children: ReactNode; role?: string }) {
  const session = useSession();
  if (session.status === 'loading') return <p aria-busy="true">Loading…</p>;
  if (session.status === 'signed-out') return <SignIn />;
  if (role && !session.groups.includes(role))
    return (
      <Page title="Not available to your account">
        <p>
          This page is for {role === 'dds' ? 'DDS' : 'ADS staff'} accounts. You are signed in as {session.email}.
        </p>
      </Page>
    );
  return children;
}
