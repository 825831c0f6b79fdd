import { OFFICIAL_BANNER, SITE_NAME } from '../../../shared/site';
import { Header, NavMenuButton, PrimaryNav, Title } from '@trussworks/react-uswds';
import { useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { SessionWarning } from '../auth/SessionWarning';
import { useSession } from '../auth/session';
import { useAnnounce } from './status';
import { staffNav, staffRoleOf } from '../staff';

/** The frame of every page: banner, skip link, header with the navigation (public or signed in), main, footer. */
export function Layout() {
  const session = useSession();
  const announce = useAnnounce();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const close = () => setMenuOpen(false);
  const staffRole = session.status === 'signed-in' ? staffRoleOf(session.groups) : undefined;

  // A staff home (`/ads`, `/dds`, `/agency`) is current only on itself, not on every page under it.
  const link = (to: string, label: string) => (
    <NavLink
      to={to}
      end={to === '/ads' || to === '/dds' || to === '/agency'}
      className={({ isActive }) => `usa-nav__link${isActive ? ' usa-current' : ''}`}
      onClick={close}
    >
      <span>{label}</span>
    </NavLink>
  );
  const items = [
    link('/iterations', 'Courses'),
    link('/providers', 'Provider agencies'),
    ...(session.status === 'signed-in'
      ? [
          ...(staffRole
            ? staffNav(staffRole).map((e) => link(e.path, e.label))
            : [
                link('/applications', 'Your applications'),
                link('/classes', 'My classes'),
                link('/certifications', 'My certifications'),
                link('/profile', 'Your profile'),
              ]),
          <button
            key="sign-out"
            type="button"
            className="usa-nav__link usa-button--unstyled nav-button"
            onClick={async () => {
              close();
              await session.signOut();
              announce('You are signed out.');
              navigate('/signed-out');
            }}
          >
            <span>Sign out</span>
          </button>,
          link('/sign-out-everywhere', 'Sign out on every device'),
        ]
      : [link('/sign-in', 'Sign in'), link('/sign-up', 'Create an account')]),
  ];

  return (
    <>
      <a className="usa-skipnav" href="#main-content">
        Skip to main content
      </a>
      <section className="usa-banner" aria-label={OFFICIAL_BANNER}>
        <header className="usa-banner__header">
          <div className="usa-banner__inner">
            <p className="usa-banner__header-text">{OFFICIAL_BANNER}</p>
          </div>
        </header>
      </section>
      <div className={`usa-overlay${menuOpen ? ' is-visible' : ''}`} />
      <Header basic showMobileOverlay={menuOpen} className={staffRole ? 'staff-header' : undefined}>
        <div className="usa-nav-container">
          <div className="usa-navbar">
            <Title>
              <Link to="/" title="Home" aria-label={`${SITE_NAME}, home`}>
                {SITE_NAME}
              </Link>
            </Title>
            <NavMenuButton onClick={() => setMenuOpen((open) => !open)} label="Menu" />
          </div>
          <PrimaryNav
            aria-label="Primary"
            items={items}
            mobileExpanded={menuOpen}
            onToggleMobileNav={() => setMenuOpen((open) => !open)}
          />
        </div>
      </Header>
      <main id="main-content" className="grid-container main-content" key={location.pathname}>
        <Outlet />
      </main>
      <SessionWarning />
      <footer className="usa-footer usa-footer--slim">
        <div className="usa-footer__primary-section">
          <div className="grid-container">
            <nav className="usa-footer__nav" aria-label="Footer">
              <ul className="usa-list usa-list--unstyled footer-links">
                <li className="usa-footer__primary-content">
                  <Link className="usa-footer__primary-link" to="/accessibility">
                    Accessibility statement
                  </Link>
                </li>
                <li className="usa-footer__primary-content">
                  <a className="usa-footer__primary-link" href="/api/docs">
                    API documentation
                  </a>
                </li>
              </ul>
            </nav>
          </div>
        </div>
      </footer>
      <section className="usa-identifier" aria-label="Agency identifier">
        <section className="usa-identifier__section usa-identifier__section--masthead" aria-label="Agency description">
          <div className="usa-identifier__container">
            <p className="usa-identifier__identity-disclaimer">
              A service of the Connecticut Department of Aging and Disability Services (ADS), with the Department of
              Developmental Services (DDS).
            </p>
          </div>
        </section>
        <nav className="usa-identifier__section usa-identifier__section--required-links" aria-label="Important links">
          <div className="usa-identifier__container">
            <ul className="usa-identifier__required-links-list">
              <li className="usa-identifier__required-links-item">
                <Link to="/accessibility" className="usa-identifier__required-link usa-link">
                  Accessibility support
                </Link>
              </li>
              <li className="usa-identifier__required-links-item">
                <a href="https://portal.ct.gov/ads" className="usa-identifier__required-link usa-link">
                  About ADS
                </a>
              </li>
            </ul>
          </div>
        </nav>
      </section>
    </>
  );
}
