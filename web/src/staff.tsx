import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Role } from '../../shared/domain/vocabulary';
import { Page } from './components/Page';
import { AdsAllocation } from './pages/ads/Allocation';
import { AdsApplications } from './pages/ads/Applications';
import { IterationForm } from './pages/ads/IterationForm';
import { AdsIteration, AdsIterations, BlackoutDates } from './pages/ads/Iterations';

/**
 * The staff screens: ADS's console and DDS's views. Each entry is a page only people of that role may open (the API
 * refuses the others anyway; the page says so in words instead of showing a failed request). Staff navigation is
 * built from the entries that carry a `nav` label, in this order.
 */
export interface StaffRoute {
  path: string;
  element: ReactNode;
  role: Extract<Role, 'ads-staff' | 'dds'>;
  /** The label in the staff navigation, for the pages that are entry points. */
  nav?: string;
}

export const STAFF_ROUTES: StaffRoute[] = [
  { path: '/ads', element: <StaffHome staffRole="ads-staff" />, role: 'ads-staff', nav: 'Console' },
  { path: '/ads/iterations', element: <AdsIterations />, role: 'ads-staff', nav: 'Iterations' },
  { path: '/ads/iterations/new', element: <IterationForm />, role: 'ads-staff' },
  { path: '/ads/iterations/:iterationId', element: <AdsIteration />, role: 'ads-staff' },
  { path: '/ads/iterations/:iterationId/edit', element: <IterationForm />, role: 'ads-staff' },
  { path: '/ads/iterations/:iterationId/applications', element: <AdsApplications />, role: 'ads-staff' },
  { path: '/ads/iterations/:iterationId/allocation', element: <AdsAllocation />, role: 'ads-staff' },
  { path: '/ads/blackout-dates', element: <BlackoutDates />, role: 'ads-staff', nav: 'Blackout dates' },
  { path: '/dds', element: <StaffHome staffRole="dds" />, role: 'dds', nav: 'DDS home' },
];

/** The navigation entries of a role. */
export const staffNav = (role: StaffRoute['role']) =>
  STAFF_ROUTES.filter((r) => r.role === role && r.nav).map((r) => ({ path: r.path, label: r.nav! }));

/** The staff role of a signed-in person, if any (ADS before DDS). */
export const staffRoleOf = (groups: string[]): StaffRoute['role'] | undefined =>
  groups.includes('ads-staff') ? 'ads-staff' : groups.includes('dds') ? 'dds' : undefined;

/** Where a staff member starts: the list of their screens. */
function StaffHome({ staffRole: role }: { staffRole: StaffRoute['role'] }) {
  const entries = staffNav(role).filter((e) => e.path !== (role === 'ads-staff' ? '/ads' : '/dds'));
  return (
    <Page title={role === 'ads-staff' ? 'ADS console' : 'DDS views'}>
      {entries.length ? (
        <ul className="usa-list">
          {entries.map((e) => (
            <li key={e.path}>
              <Link to={e.path}>{e.label}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>No screens yet.</p>
      )}
    </Page>
  );
}
