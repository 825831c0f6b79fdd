import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Role } from '../../shared/domain/vocabulary';
import { Page } from './components/Page';
import { AdsAllocation } from './pages/ads/Allocation';
import { AdsApplications } from './pages/ads/Applications';
import { IterationForm } from './pages/ads/IterationForm';
import { AdsIteration, AdsIterations, BlackoutDates } from './pages/ads/Iterations';
import { CourseWork, CourseWorkIterations } from './pages/ads/CourseWork';
import { HomeworkReview } from './pages/ads/HomeworkReview';
import { Issuing } from './pages/ads/Issuing';
import { PersonCertifications } from './pages/ads/PersonCertifications';
import { Roster } from './pages/ads/Roster';
import { Notices } from './pages/ads/Notices';
import { Accounts, AuditLookup, People } from './pages/ads/People';
import { Person } from './pages/ads/Person';
import { AdsProviders, ProviderForm } from './pages/ads/Providers';
import { Registry } from './pages/ads/Registry';
import { Settings } from './pages/ads/Settings';
import { Supervisors } from './pages/ads/Supervisors';
import { AgencyPerson, AgencyStaff, AgencySupervisors } from './pages/agency/Agency';
import { Completions } from './pages/dds/Completions';
import { NoticeHistory } from './pages/dds/NoticeHistory';

/**
 * The staff screens: ADS's console, DDS's views and a provider administrator's agency pages. Each entry is a page only people of that role may open (the API
 * refuses the others anyway; the page says so in words instead of showing a failed request). Staff navigation is
 * built from the entries that carry a `nav` label, in this order.
 */
export interface StaffRoute {
  path: string;
  element: ReactNode;
  role: Extract<Role, 'ads-staff' | 'dds' | 'provider-admin'>;
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
  {
    path: '/ads/course-work',
    element: <CourseWorkIterations />,
    role: 'ads-staff',
    nav: 'Attendance, homework, issuing',
  },
  { path: '/ads/iterations/:iterationId/course-work', element: <CourseWork />, role: 'ads-staff' },
  { path: '/ads/iterations/:iterationId/classes/:date', element: <Roster />, role: 'ads-staff' },
  { path: '/ads/iterations/:iterationId/homework/:assignmentId', element: <HomeworkReview />, role: 'ads-staff' },
  { path: '/ads/iterations/:iterationId/qualification', element: <Issuing />, role: 'ads-staff' },
  { path: '/ads/people/:personId/certifications', element: <PersonCertifications />, role: 'ads-staff' },
  { path: '/ads/people', element: <People />, role: 'ads-staff', nav: 'People' },
  { path: '/ads/providers', element: <AdsProviders />, role: 'ads-staff', nav: 'Provider agencies' },
  { path: '/ads/providers/new', element: <ProviderForm />, role: 'ads-staff' },
  { path: '/ads/providers/:providerId', element: <ProviderForm />, role: 'ads-staff' },
  { path: '/ads/supervisors', element: <Supervisors />, role: 'ads-staff', nav: 'Supervisors' },
  { path: '/ads/people/:personId', element: <Person />, role: 'ads-staff' },
  { path: '/ads/accounts', element: <Accounts />, role: 'ads-staff', nav: 'Staff accounts' },
  { path: '/ads/registry', element: <Registry />, role: 'ads-staff', nav: 'Registry' },
  { path: '/ads/notices', element: <Notices />, role: 'ads-staff', nav: 'Notices to DDS' },
  { path: '/ads/settings', element: <Settings />, role: 'ads-staff', nav: 'Settings' },
  { path: '/ads/audit', element: <AuditLookup />, role: 'ads-staff', nav: 'Audit trail' },
  { path: '/ads/audit/:subjectType/:subjectId', element: <AuditLookup />, role: 'ads-staff' },
  { path: '/ads/completions', element: <Completions />, role: 'ads-staff', nav: 'Completions' },
  { path: '/dds/registry', element: <Registry />, role: 'dds', nav: 'Registry' },
  { path: '/dds/completions', element: <Completions />, role: 'dds', nav: 'Completions' },
  { path: '/dds/notices', element: <NoticeHistory />, role: 'dds', nav: 'Notices sent to DDS' },
  { path: '/agency', element: <AgencyStaff />, role: 'provider-admin', nav: 'Your staff' },
  { path: '/agency/staff/:personId', element: <AgencyPerson />, role: 'provider-admin' },
  { path: '/agency/supervisors', element: <AgencySupervisors />, role: 'provider-admin', nav: 'Supervisors' },
];

/** The navigation entries of a role. */
export const staffNav = (role: StaffRoute['role']) =>
  STAFF_ROUTES.filter((r) => r.role === role && r.nav).map((r) => ({ path: r.path, label: r.nav! }));

/** The staff role of a signed-in person, if any (ADS before DDS before a provider administrator). */
export const staffRoleOf = (groups: string[]): StaffRoute['role'] | undefined =>
  groups.includes('ads-staff')
    ? 'ads-staff'
    : groups.includes('dds')
      ? 'dds'
      : groups.includes('provider-admin')
        ? 'provider-admin'
        : undefined;

/**
 * Where each role lands after signing in: ADS its console, DDS its views, a provider administrator their agency, an
 * applicant their profile.
 */
export const homeOf = (groups: string[]) => {
  const role = staffRoleOf(groups);
  return role === 'ads-staff' ? '/ads' : role === 'dds' ? '/dds' : role === 'provider-admin' ? '/agency' : '/profile';
};

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
