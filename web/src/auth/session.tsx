import { Hub } from 'aws-amplify/utils';
import { fetchAuthSession, signOut as amplifySignOut } from 'aws-amplify/auth';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';

/**
 * Who is signed in, for every page: `useSession()`. Amplify Auth keeps the tokens (local storage) and refreshes
 * them; this only reads the ID token's claims and expiry and follows Amplify's sign-in/out events.
 */
export interface Session {
  status: 'loading' | 'signed-out' | 'signed-in';
  email?: string;
  groups: string[];
  /** When the ID token expires (ms since the epoch). */
  expiresAt?: number;
  refresh(force?: boolean): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<Omit<Session, 'refresh' | 'signOut'>>({ status: 'loading', groups: [] });

  const refresh = useCallback(async (force = false) => {
    const session = await fetchAuthSession({ forceRefresh: force }).catch(() => undefined);
    const id = session?.tokens?.idToken;
    if (!id) {
      setState({ status: 'signed-out', groups: [] });
      return;
    }
    const groups = id.payload['cognito:groups'];
    setState({
      status: 'signed-in',
      email: String(id.payload.email ?? ''),
      groups: Array.isArray(groups) ? groups.map(String) : [],
      expiresAt: (id.payload.exp ?? 0) * 1000,
    });
  }, []);

  const signOut = useCallback(async () => {
    await amplifySignOut();
    setState({ status: 'signed-out', groups: [] });
  }, []);

  useEffect(() => {
    void refresh();
    return Hub.listen('auth', ({ payload }) => {
      if (['signedIn', 'signedOut', 'tokenRefresh', 'tokenRefresh_failure'].includes(payload.event)) void refresh();
    });
  }, [refresh]);

  return <SessionContext.Provider value={{ ...state, refresh, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionProvider>');
  return session;
}
