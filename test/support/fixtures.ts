import { iterationRoutes } from '../../shared/http/routes/iterations';
import { ads, invoke } from './invoke';

/** A plan ADS might send: window Dec–mid-Jan, classes Feb–Mar 2027 (across the March DST change). */
export const springPlan = (overrides: Record<string, unknown> = {}) => ({
  kind: 'initial',
  title: 'Spring 2027 — initial certification',
  applicationWindow: { opensAt: '2026-12-01T09:00', closesAt: '2027-01-15T17:00' },
  seats: { North: 2, South: 1, West: 1 },
  liveClasses: [{ date: '2027-02-02' }, { date: '2027-02-09' }, { date: '2027-03-16' }],
  assignments: [{ title: 'Discovery profile', dueAt: '2027-03-15T23:59', component: 'discovery' }],
  ...overrides,
});

export async function createIteration(overrides: Record<string, unknown> = {}) {
  const created = await invoke(iterationRoutes.createIteration, { as: ads, body: springPlan(overrides) });
  if (created.status !== 201) throw new Error(`create failed: ${created.text}`);
  return created.body as { id: string; version: number };
}

export async function publishedIteration(overrides: Record<string, unknown> = {}) {
  const { id } = await createIteration(overrides);
  const published = await invoke(iterationRoutes.publishIteration, { as: ads, params: { iterationId: id } });
  if (published.status !== 200) throw new Error(`publish failed: ${published.text}`);
  return published.body as { id: string; version: number };
}

import { providerRoutes } from '../../shared/http/routes/providers';
import { accountRoutes } from '../../shared/http/routes/accounts';
import { applicationRoutes } from '../../shared/http/routes/applications';
import type { As } from './invoke';

/** A unique suffix so parallel test files never read each other's emails from the shared local SES. */
export const unique = () => Math.random().toString(36).slice(2, 10);

export async function createProvider(overrides: Record<string, unknown> = {}) {
  const created = await invoke(providerRoutes.createProvider, {
    as: ads,
    body: {
      name: `Harbor Supports ${unique()}`,
      regions: ['North', 'West'],
      contractsWithAds: 'yes',
      contractsWithDds: 'intends',
      contact: { name: 'Dana Contact', email: `dana.${unique()}@harbor.example.org` },
      ...overrides,
    },
  });
  if (created.status !== 201) throw new Error(`provider failed: ${created.text}`);
  return created.body as { id: string; name: string; version: number };
}

/** A signed-in applicant with a fresh identity and mailboxes of their own. */
export function newApplicant(name = 'Ann Applicant'): As & { supervisorEmail: string; name: string } {
  const tag = unique();
  return {
    sub: `applicant-${tag}`,
    roles: ['applicant'],
    email: `applicant.${tag}@provider.example.org`,
    supervisorEmail: `supervisor.${tag}@provider.example.org`,
    name,
  };
}

/** ADS authorises a supervisor for an agency (`null`: self-hired staff), as the console does. */
export async function authoriseSupervisor(providerId: string | null, supervisor: { name: string; email: string }) {
  const added = await invoke(providerRoutes.addProviderSupervisor, {
    as: ads,
    params: { providerId: providerId ?? 'self-hired' },
    body: { ...supervisor, reason: 'Confirmed with the agency by phone' },
  });
  if (added.status !== 201) throw new Error(`authorising the supervisor failed: ${added.text}`);
  return added.body as { id: string; version: number; status: string };
}

/**
 * Saves the applicant's profile; unless `authorised: false`, ADS has first authorised the supervisor it names (as
 * it must before any link is sent to them).
 */
export async function saveProfile(
  who: ReturnType<typeof newApplicant>,
  providerId: string | null,
  overrides: Record<string, unknown> = {},
  options: { authorised?: boolean } = {},
) {
  const body = {
    name: who.name,
    jobTitle: 'Employment specialist',
    position: 'direct-service',
    providerId,
    supervisor: { name: 'Sam Supervisor', email: who.supervisorEmail },
    ...overrides,
  };
  if (options.authorised !== false) await authoriseSupervisor(providerId, body.supervisor);
  const saved = await invoke(accountRoutes.putMyProfile, { as: who, body });
  if (saved.status !== 200) throw new Error(`profile failed: ${saved.text}`);
  return saved.body;
}

export async function applyTo(
  who: As,
  iterationId: string,
  region = 'North',
  futureStaffPlanned = 2,
  headers?: Record<string, string>,
) {
  return invoke(applicationRoutes.apply, {
    as: who,
    headers,
    body: {
      iterationId,
      region,
      acknowledgement: { attendAllLiveClasses: true, homeworkByDeadlines: true },
      futureStaffPlanned,
    },
  });
}

/** The single-use link inside the latest email to an address. */
export function linkIn(text: string | undefined): string {
  const match = text?.match(/\/links\/([A-Za-z0-9_-]{43})/);
  if (!match) throw new Error('no link in the email');
  return match[1]!;
}

import { linkRoutes } from '../../shared/http/routes/links';
import { emailsTo } from './ses';

/** An applicant who applied and whose supervisor endorsed (through the real link), ready for allocation. */
export async function endorsedApplicant(
  iterationId: string,
  providerId: string | null,
  region: string,
  overrides: Record<string, unknown> = {},
  prepare?: (who: ReturnType<typeof newApplicant>) => Promise<void>,
) {
  const who = newApplicant((overrides.name as string) ?? `Learner ${unique()}`);
  await saveProfile(who, providerId, overrides);
  await prepare?.(who);
  const applied = await applyTo(who, iterationId, region);
  if (applied.status !== 201) throw new Error(`apply failed: ${applied.text}`);
  const token = linkIn(
    (await emailsTo(who.supervisorEmail)).find((m) => m.subject.startsWith('Please endorse'))?.body.text,
  );
  const endorsed = await invoke(linkRoutes.confirmLink, { params: { token } });
  if (endorsed.status !== 200) throw new Error(`endorse failed: ${endorsed.text}`);
  return { who, applicationId: applied.body.id as string };
}

import { allocationRoutes } from '../../shared/http/routes/allocation';
import { at as setClock } from './clock';

/**
 * A published iteration (window Dec 2026–15 Jan 2027; classes 2 Feb, 9 Feb and 16 Mar 2027; homework due 15 Mar
 * 23:59, after the DST change) with `count` learners enrolled through the real flow: endorsed, offered, accepted,
 * agreement co-signed. Leaves the clock at 16 Jan 2027.
 */
export async function enrolledLearners(
  count: number,
  options: {
    providerId?: string | null;
    overrides?: Record<string, unknown>;
    prepare?: (who: ReturnType<typeof newApplicant>) => Promise<void>;
  } = {},
) {
  setClock('2026-11-22T12:00:00-05:00');
  const providerId =
    options.providerId === undefined
      ? (await createProvider({ regions: ['North', 'South', 'West'] })).id
      : options.providerId;
  const iteration = await publishedIteration({ seats: { North: count, South: 0, West: 0 }, ...options.overrides });
  const learners = [];
  for (let i = 0; i < count; i++) {
    setClock(`2026-12-${String(2 + i).padStart(2, '0')}T10:00:00-05:00`);
    learners.push(
      await endorsedApplicant(iteration.id, providerId, 'North', { name: `Learner ${i + 1}` }, options.prepare),
    );
  }
  setClock('2027-01-16T09:00:00-05:00');
  const proposal = await invoke(allocationRoutes.computeProposal, {
    as: ads,
    params: { iterationId: iteration.id },
  });
  await invoke(allocationRoutes.confirmProposal, {
    as: ads,
    params: { iterationId: iteration.id },
    body: { version: proposal.body.version },
  });
  for (const l of learners) {
    await invoke(allocationRoutes.acceptOffer, {
      as: l.who,
      params: { applicationId: l.applicationId },
      body: { agreement: { courseDates: true, responsibilities: true, attendancePolicy: true } },
    });
    const token = linkIn(
      (await emailsTo(l.who.supervisorEmail)).find((m) => m.subject.includes('Training Agreement'))?.body.text,
    );
    const cosigned = await invoke(linkRoutes.confirmLink, { params: { token } });
    if (cosigned.status !== 200) throw new Error(`co-sign failed: ${cosigned.text}`);
  }
  const read = await invoke(iterationRoutes.getIterationForAds, { as: ads, params: { iterationId: iteration.id } });
  return {
    iteration: read.body as {
      id: string;
      assignments: { id: string; title: string; dueAt: string }[];
      liveClasses: { date: string }[];
    },
    learners,
    providerId: providerId as string,
  };
}
