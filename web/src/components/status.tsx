import { createContext, type ReactNode, useCallback, useContext, useState } from 'react';

/**
 * The app's one `aria-live` status region. Pages announce what happened ("Profile saved.") with `useAnnounce()`;
 * the region sits in the layout, so a message survives the navigation that often follows it.
 */
const AnnounceContext = createContext<(message: string) => void>(() => undefined);

export function StatusProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const announce = useCallback((text: string) => {
    // Clearing first makes a repeated message be read again.
    setMessage('');
    window.setTimeout(() => setMessage(text), 50);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="usa-sr-only" role="status" aria-live="polite" data-testid="status-region">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

export const useAnnounce = () => useContext(AnnounceContext);
