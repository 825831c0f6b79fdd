import { stringify } from 'csv-stringify/sync';
import { now } from '../clock';
import { optionalEnv } from '../config/env';
import { actorOf, auditPut } from '../data/audit';
import { admitItem } from '../data/admissions';
import {
  applicationIdOf,
  applicationsOfPerson,
  createApplicationItems,
  getApplication,
  listApplications,
  saveApplicationItem,
} from '../data/applications';
import { getIteration } from '../data/iterations';
import { createLinkItem, newLinkToken } from '../data/links';
import { getPerson } from '../data/people';
import { futureStaffItem, getProvider, getProviders } from '../data/providers';
import { transact } from '../data/transactions';
import { applicationProblem, WITHDRAWABLE, type Application, type ApplicationStatus } from '../domain/application';
import { toCtIso } from '../domain/calendar/time';
import { newId } from '../domain/ids';
import { applicationWindowState } from '../domain/iteration';
import type { Region } from '../domain/vocabulary';
import { queueAll, sendQueued, type Outgoing } from '../email/outbox';
import { applicationReceipt, endorsementRequest } from '../email/templates';
import type { Caller } from '../http/caller';
import { Conflict, NotFound, RuleViolation } from '../http/errors';
import { WithStatus } from '../http/route';
import { count } from '../observability/metrics';
import { applicationView } from './application-views';
import { recertificationEligible } from './lifecycle';
import { releaseSeat } from './seats';

const PUBLIC_BASE_URL = optionalEnv('PUBLIC_BASE_URL', 'http://127.0.0.1:3000');

export interface ApplyInput {
  iterationId: string;
  region: Region;
  acknowledgement: { attendAllLiveClasses: true; homeworkByDeadlines: true };
  futureStaffPlanned: number;
}

/**
 * Apply to an iteration.
 * 1. Someone who already applied gets their application back (200), nothing new is written or sent.
 * 2. The profile must be complete; the iteration published and its window open (Connecticut time); the region one
 *    the provider covers; a recertification iteration needs eligibility.
 * 3. One transaction writes the application, its guard (one per person and iteration), the supervisor's
 *    single-use endorsement link (expiring when the window closes), the receipt and the endorsement request.
 * 4. The provider's future-staff figure becomes this one, unless a later application already set it.
 */
export async function apply(caller: Caller, input: ApplyInput) {
  const existingId = await applicationIdOf(caller.sub, input.iterationId);
  if (existingId) return existing(existingId);

  const person = await getPerson(caller.sub);
  if (!person)
    throw new RuleViolation('Complete your profile before applying.', [
      { field: 'profile', code: 'profile_missing', message: 'PUT /me/profile first' },
    ]);
  const stored = await getIteration(input.iterationId);
  if (stored?.iteration.status !== 'published') throw new NotFound('The iteration');
  const iteration = stored.iteration;
  const provider = person.providerId ? await getProvider(person.providerId) : undefined;
  const at = now();
  const problem = applicationProblem({
    windowState: applicationWindowState(iteration, at),
    published: true,
    region: input.region,
    providerRegions: provider?.regions,
    iterationKind: iteration.kind,
    recertificationEligible:
      iteration.kind === 'recertification' ? await recertificationEligible(caller.sub, iteration.id) : true,
  });
  if (problem) throw new RuleViolation('This application cannot be made.', [problem]);

  const stamp = toCtIso(at);
  const application: Application = {
    id: newId('ap'),
    iterationId: iteration.id,
    iterationKind: iteration.kind,
    applicantSub: caller.sub,
    applicant: { name: person.name, email: person.email, jobTitle: person.jobTitle, position: person.position },
    providerId: provider?.id,
    providerName: provider?.name,
    region: input.region,
    supervisor: person.supervisor,
    acknowledgedAt: stamp,
    futureStaffPlanned: input.futureStaffPlanned,
    submittedAt: stamp,
    status: 'submitted',
    version: 1,
    updatedAt: stamp,
  };
  const token = newLinkToken();
  const emails: Outgoing[] = [
    { key: `application-receipt#${application.id}`, message: applicationReceipt(application, iteration) },
    {
      key: `endorsement-request#${application.id}`,
      message: endorsementRequest(application, iteration, `${PUBLIC_BASE_URL}/links/${token}`),
    },
  ];
  const result = await transact([
    ...createApplicationItems(application),
    createLinkItem(token, {
      purpose: 'endorsement',
      applicationId: application.id,
      expiresAt: iteration.applicationClosesAt,
      createdAt: stamp,
    }),
    ...queueAll(emails),
  ]);
  if (!result.ok) {
    // Another request by the same person won the race: theirs is the application.
    const winner = await applicationIdOf(caller.sub, input.iterationId);
    if (winner) return existing(winner);
    throw new Conflict('The application could not be saved; retry.');
  }
  count('ApplicationsSubmitted');
  // Refused (and rightly ignored) when a later application already reported a newer figure.
  if (provider)
    await transact([
      futureStaffItem(provider.id, {
        count: input.futureStaffPlanned,
        reportedAt: at.toISOString(),
        applicationId: application.id,
      }),
    ]);
  await sendQueued(emails);
  return applicationView(application, iteration.title);
}

async function existing(id: string) {
  const application = await getApplication(id);
  if (!application) throw new Conflict('The application is being saved; retry.');
  return new WithStatus(200, applicationView(application));
}

/** One's own application; someone else's is "not found", never "forbidden" (its existence is not revealed). */
async function ownApplication(caller: Caller, id: string): Promise<Application> {
  const application = await getApplication(id);
  if (!application || application.applicantSub !== caller.sub) throw new NotFound('The application');
  return application;
}

export async function myApplications(caller: Caller) {
  return { items: (await applicationsOfPerson(caller.sub)).map((a) => applicationView(a)) };
}

export async function myApplication(caller: Caller, id: string) {
  const application = await ownApplication(caller, id);
  const stored = await getIteration(application.iterationId);
  return applicationView(application, stored?.iteration.title);
}

/** Withdraw one's own application; a seat it holds is released to the next person waiting. */
export async function withdraw(caller: Caller, id: string) {
  const application = await ownApplication(caller, id);
  if (application.status === 'withdrawn') return applicationView(application);
  if (!WITHDRAWABLE.includes(application.status))
    throw new Conflict(`An application that is ${application.status} cannot be withdrawn.`);
  if (application.offer && ['offered', 'accepted', 'enrolled'].includes(application.status)) {
    return applicationView(await releaseSeat(application, 'withdrawn', actorOf(caller), 'withdrawn by the applicant'));
  }
  const at = toCtIso(now());
  const next: Application = {
    ...application,
    status: 'withdrawn',
    closedAt: at,
    closedReason: 'withdrawn by the applicant',
    version: application.version + 1,
    updatedAt: at,
  };
  const result = await transact([saveApplicationItem(next, application)]);
  if (!result.ok) throw new Conflict('The application changed at the same moment; reload and try again.');
  return applicationView(next);
}

// ---- ADS views ----

/** One row per application, with what allocation weighs. */
async function rows(applications: Application[]) {
  const providers = await getProviders(applications.flatMap((a) => (a.providerId ? [a.providerId] : [])));
  return applications.map((a) => {
    const provider = a.providerId ? providers.get(a.providerId) : undefined;
    return {
      id: a.id,
      applicantName: a.applicant.name,
      applicantEmail: a.applicant.email,
      jobTitle: a.applicant.jobTitle,
      position: a.applicant.position,
      providerId: a.providerId ?? null,
      providerName: a.providerName ?? null,
      providerRegions: provider?.regions ?? [],
      providerPriority: provider?.priority !== undefined,
      region: a.region,
      status: a.status,
      endorsed: a.endorsedAt !== undefined,
      endorsedAt: a.endorsedAt,
      submittedAt: a.submittedAt,
      futureStaffPlanned: a.futureStaffPlanned,
      waitlistPosition: a.waitlistPosition,
    };
  });
}

export interface ApplicationFilter {
  status?: ApplicationStatus;
  region?: Region;
  providerId?: string;
}

export async function listForAds(
  iterationId: string,
  filter: ApplicationFilter,
  cursor: string | undefined,
  limit: number,
) {
  if (!(await getIteration(iterationId))) throw new NotFound('The iteration');
  const page = await listApplications(iterationId, filter, cursor, limit);
  return { items: await rows(page.applications), cursor: page.cursor };
}

const CSV_COLUMNS = [
  'id',
  'applicantName',
  'applicantEmail',
  'jobTitle',
  'position',
  'providerName',
  'providerRegions',
  'providerPriority',
  'region',
  'status',
  'endorsedAt',
  'submittedAt',
  'futureStaffPlanned',
  'waitlistPosition',
] as const;

export async function exportCsv(iterationId: string, filter: ApplicationFilter) {
  if (!(await getIteration(iterationId))) throw new NotFound('The iteration');
  const all: Awaited<ReturnType<typeof rows>> = [];
  let cursor: string | undefined;
  do {
    const page = await listApplications(iterationId, filter, cursor, 100);
    all.push(...(await rows(page.applications)));
    cursor = page.cursor;
  } while (cursor);
  const body = stringify(
    all.map((r) => ({
      ...r,
      providerRegions: r.providerRegions.join(' '),
      providerPriority: r.providerPriority ? 'yes' : 'no',
      endorsedAt: r.endorsedAt ?? '',
      waitlistPosition: r.waitlistPosition ?? '',
    })),
    { header: true, columns: [...CSV_COLUMNS] },
  );
  return { body, contentType: 'text/csv; charset=utf-8', filename: `applications-${iterationId}.csv` };
}

/** ADS admits a person to a recertification iteration, with a reason (audited). */
export async function admit(iterationId: string, personId: string, reason: string, caller: Caller) {
  const stored = await getIteration(iterationId);
  if (!stored) throw new NotFound('The iteration');
  if (stored.iteration.kind !== 'recertification')
    throw new RuleViolation('Only recertification iterations need admission.', [
      { field: 'path.iterationId', code: 'not_recertification', message: 'initial iterations are open to everyone' },
    ]);
  if (!(await getPerson(personId))) throw new NotFound('The person');
  const at = toCtIso(now());
  await transact([
    admitItem(iterationId, personId, reason, caller.sub, at),
    auditPut({
      subjectType: 'person',
      subjectId: personId,
      action: 'admitted-to-recertification',
      actor: actorOf(caller),
      at,
      reason,
      after: { iterationId },
    }),
  ]);
  return { iterationId, personId, reason, admittedAt: at };
}
