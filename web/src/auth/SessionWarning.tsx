import { FocusTrap } from 'focus-trap-react';
import { useEffect, useState } from 'react';
import { useAnnounce } from '../components/status';
import { whenCt } from '../time';
import { useSession } from './session';

/** How long before the ID token expires the warning appears. */
export const WARN_BEFORE_MS = 5 * 60_000;

/**
 * The warning before the session ends (WCAG 2.2.1 Timing Adjustable): a modal dialog over the page, which stays
 * mounted underneath, so nothing typed is lost. "Stay signed in" refreshes the tokens.
 */
export function SessionWarning() {
  const session = useSession();
  const announce = useAnnounce();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);

  if (session.status !== 'signed-in' || !session.expiresAt) return null;
  const left = session.expiresAt - now;
  if (left > WARN_BEFORE_MS) return null;
  const expired = left <= 0;

  const stay = async () => {
    await session.refresh(true);
    announce('You are still signed in.');
  };

  return (
    <FocusTrap focusTrapOptions={{ initialFocus: '#session-warning-heading', escapeDeactivates: false }}>
      <div className="session-warning-overlay">
        <div
          className="usa-modal session-warning"
          role="alertdialog"
          aria-modal="true"
          aria-labelledby="session-warning-heading"
          aria-describedby="session-warning-text"
        >
          <div className="usa-modal__content">
            <div className="usa-modal__main">
              <h2 className="usa-modal__heading" id="session-warning-heading" tabIndex={-1}>
                {expired ? 'Your session has ended' : 'Your session is about to end'}
              </h2>
              <p id="session-warning-text">
                {expired
                  ? 'Sign in again to continue. What you typed on this page is still here.'
                  : `For your security you will be signed out at ${whenCt(new Date(session.expiresAt).toISOString())}. What you typed stays on the page.`}
              </p>
              <ul className="usa-button-group">
                <li className="usa-button-group__item">
                  <button type="button" className="usa-button" onClick={stay}>
                    Stay signed in
                  </button>
                </li>
                <li className="usa-button-group__item">
                  <button type="button" className="usa-button usa-button--unstyled" onClick={() => session.signOut()}>
                    Sign out
                  </button>
                </li>
              </ul>
            </div>
          </div>
        </div>
      </div>
    </FocusTrap>
  );
}
