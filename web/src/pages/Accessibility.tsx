import { Page } from '../components/Page';

export const ACCESSIBILITY_CONTACT = 'ce-accessibility@ads.example.org';

export function Accessibility() {
  return (
    <Page title="Accessibility statement">
      <p>
        The Connecticut Department of Aging and Disability Services wants everyone to be able to use this service. It
        aims to meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA, as the Americans with Disabilities
        Act (Title II) and Connecticut's web accessibility policy require.
      </p>
      <h2>What we test</h2>
      <p>
        Every page is checked automatically with axe-core in each state our tests reach, at desktop width and at 320
        pixels wide, and the main journeys are tested with the keyboard alone. Some checks can only be done by people
        (for example with screen readers); the list and when they were last done are published with the service's code.
      </p>
      <h2>Tell us about a problem</h2>
      <p>
        If something on this site does not work for you, or you need information in another format, email{' '}
        <a className="usa-link" href={`mailto:${ACCESSIBILITY_CONTACT}`}>
          {ACCESSIBILITY_CONTACT}
        </a>
        . Say which page and what happened; we answer within five business days.
      </p>
    </Page>
  );
}
