import { now } from '../clock';
import { auditPut } from '../data/audit';
import { actorOf } from '../domain/audit';
import { admitItem } from '../data/admissions';
import {
  applicationIdOf,
  applicationsOfPerson,
  createApplicationItems,
  getApplication,
  allApplicationsListed,
  listApplications,
  saveApplicationItem,
} from '../data/applications';
import { getIteration, getIterationPlans } from '../data/iterations';
import { revokeLinkItem } from '../data/links';
import { getPerson } from '../data/people';
import { futureStaffItem, getProvider, getProviders } from '../data/providers';
import {
  applicationProblem,
  shownStatus,
  WITHDRAWABLE,
  type Application,
  type ApplicationStatus,
} from '../domain/application';
import type { Iteration } from '../domain/iteration';
import { toCtIso } from '../domain/calendar/time';
import { newId } from '../domain/ids';
import { holdsSeat } from '../domain/offers';
import { applicationWindowState } from '../domain/iteration';
import type { Region } from '../domain/vocabulary';
import type { Outgoing } from '../email/outbox';
import { applicationReceipt } from '../email/templates';
import { verifiedEmail, type Actor } from '../domain/actor';
import { NotFound, RuleBroken, StaleWrite, StateConflict } from '../domain/errors';
import { count } from '../observability/metrics';
import { applicationView } from './application-views';
import { recertificationEligibility } from './lifecycle';
import { releaseSeat } from './seats/ledger';
import { linkOrWait } from './supervisor';
import { nameSupervisor } from './supervisor-authorisation';
import { supervisorScope } from '../domain/supervisor';
import { commit, commitOrStale, sendQueued } from './unit-of-work';
import { findOwnApplication } from './find';

export interface ApplyInput {
  iterationId: string;
  region: Region;
  acknowledgement: { attendAllLiveClasses: true; homeworkByDeadlines: true };
  futureStaffPlanned: number;
}

/**
 * Apply to an iteration.
 * 1. Someone who already applied gets their application back (`already-applied`), nothing new is written or sent —
 *    unless they withdrew it: then, while the window is open, applying again reopens that same application.
 * 2. The profile must be complete; the iteration published and its window open (Connecticut time); the region one
 *    the provider covers; a recertification iteration needs eligibility.
 * 3. One transaction writes the application, its guard (one per person and iteration), the supervisor's
 *    single-use endorsement link (expiring when the window closes), the receipt and the endorsement request.
 * 4. The provider's future-staff figure becomes this one, unless a later application already set it.
 */
export async function apply(actor: Actor, input: ApplyInput) {
  const existingId = await applicationIdOf(actor.sub, input.iterationId);
  const previous = existingId ? await getApplication(existingId) : undefined;
  if (existingId && previous?.status !== 'withdrawn') return existing(existingId);

  const person = await getPerson(actor.sub);
  if (!person)
    throw new RuleBroken('Complete your profile before applying.', [
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
    recertification:
      iteration.kind === 'recertification' ? await recertificationEligibility(actor.sub, iteration.id) : undefined,
  });
  if (problem) throw new RuleBroken('This application cannot be made.', [problem]);

  const stamp = toCtIso(at);
  const supervisor = await nameSupervisor(
    supervisorScope(provider?.id),
    person.supervisor,
    verifiedEmail(actor),
    actor.sub,
    stamp,
  );
  const id = previous?.id ?? newId('ap');
  const version = (previous?.version ?? 0) + 1;
  const draft: Application = {
    id,
    iterationId: iteration.id,
    iterationKind: iteration.kind,
    applicantSub: actor.sub,
    applicant: { name: person.name, email: person.email, jobTitle: person.jobTitle, position: person.position },
    providerId: provider?.id,
    providerName: provider?.name,
    region: input.region,
    supervisor: person.supervisor,
    acknowledgedAt: stamp,
    futureStaffPlanned: input.futureStaffPlanned,
    submittedAt: stamp,
    status: 'submitted',
    version,
    updatedAt: stamp,
  };
  // A reopened application's events are new events: its emails are keyed by its version.
  const event = previous ? `${id}#${version}` : id;
  const link = linkOrWait(draft, iteration, supervisor, at, `endorsement-request#${event}`);
  const application = link.application;
  const emails: Outgoing[] = [
    { key: `application-receipt#${event}`, message: applicationReceipt(application, iteration) },
    ...link.emails,
  ];
  const result = await commit({
    writes: [
      ...(previous
        ? [
            saveApplicationItem(application, previous),
            ...(previous.endorsementLink ? [revokeLinkItem(previous.endorsementLink.hash, stamp)] : []),
            auditPut({
              subjectType: 'application',
              subjectId: id,
              action: 'reopened',
              actor: actorOf(actor),
              at: stamp,
              before: { status: previous.status, closedAt: previous.closedAt },
              after: { status: application.status, region: application.region, supervisor: application.supervisor },
            }),
          ]
        : createApplicationItems(application)),
      ...link.writes,
    ],
    emails,
    sendLater: true,
  });
  if (!result.ok) {
    // Another request by the same person won the race (applied, or reopened): theirs is the application.
    const winner = await applicationIdOf(actor.sub, input.iterationId);
    if (winner) return existing(winner);
    throw new StaleWrite('The application could not be saved; retry.');
  }
  count('ApplicationsSubmitted');
  // Refused (and rightly ignored) when a later application already reported a newer figure.
  if (provider)
    await commit({
      writes: [
        futureStaffItem(provider.id, {
          count: input.futureStaffPlanned,
          reportedAt: at.toISOString(),
          applicationId: application.id,
        }),
      ],
    });
  await sendQueued(emails);
  return {
    outcome: previous ? ('reopened' as const) : ('applied' as const),
    application: applicationView(application, iteration, now()),
  };
}

/** The application someone already has: the same view the first answer gave. */
async function existing(id: string) {
  const application = await getApplication(id);
  if (!application) throw new StaleWrite('The application is being saved; retry.');
  return { outcome: 'already-applied' as const, application: await viewOf(application) };
}

async function iterationOf(application: Application): Promise<Iteration> {
  const stored = await getIteration(application.iterationId);
  if (!stored) throw new NotFound('The iteration');
  return stored.iteration;
}

/** The view of an application with its iteration (title, and the dates its shown status depends on). */
export async function viewOf(application: Application) {
  return applicationView(application, await iterationOf(application), now());
}

export async function myApplications(actor: Actor) {
  const applications = await applicationsOfPerson(actor.sub);
  const iterations = await getIterationPlans(applications.map((a) => a.iterationId));
  const at = now();
  return {
    items: applications.flatMap((a) => {
      const iteration = iterations.get(a.iterationId);
      return iteration ? [applicationView(a, iteration, at)] : [];
    }),
  };
}

export async function myApplication(actor: Actor, id: string) {
  return viewOf(await findOwnApplication(actor, id));
}

/** Withdraw one's own application; a seat it holds is released to the next person waiting. */
export async function withdraw(actor: Actor, id: string) {
  const application = await findOwnApplication(actor, id);
  if (application.status === 'withdrawn') return viewOf(application);
  if (!WITHDRAWABLE.includes(application.status))
    throw new StateConflict(`An application that is ${application.status} cannot be withdrawn.`);
  if (holdsSeat(application)) {
    return viewOf(await releaseSeat(application, 'withdrawn', actorOf(actor), 'withdrawn by the applicant', now()));
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
  await commitOrStale(
    { writes: [saveApplicationItem(next, application)] },
    'The application changed at the same moment; reload and try again.',
  );
  return viewOf(next);
}

// ---- ADS views ----

/** One row per application, with what allocation weighs. */
async function rows(applications: Application[], iteration: Iteration) {
  const at = now();
  const providers = await getProviders(applications.flatMap((a) => (a.providerId ? [a.providerId] : [])));
  return applications.map((a) => {
    const provider = a.providerId ? providers.get(a.providerId) : undefined;
    return {
      id: a.id,
      personId: a.applicantSub,
      applicantName: a.applicant.name,
      applicantEmail: a.applicant.email,
      jobTitle: a.applicant.jobTitle,
      position: a.applicant.position,
      providerId: a.providerId ?? null,
      providerName: a.providerName ?? null,
      providerRegions: provider?.regions ?? [],
      providerPriority: provider?.priority !== undefined,
      region: a.region,
      status: shownStatus(a, iteration, at),
      endorsed: a.endorsedAt !== undefined,
      endorsedAt: a.endorsedAt,
      endorsementDeclined: a.endorsementDeclined && {
        at: a.endorsementDeclined.at,
        reason: a.endorsementDeclined.reason,
      },
      submittedAt: a.submittedAt,
      futureStaffPlanned: a.futureStaffPlanned,
      waitlistPosition: a.waitlistPosition,
      offer: a.offer && { deadline: a.offer.deadline, seatRegion: a.offer.seatRegion },
    };
  });
}

export type ApplicationRow = Awaited<ReturnType<typeof rows>>[number];

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
  const stored = await getIteration(iterationId);
  if (!stored) throw new NotFound('The iteration');
  const page = await listApplications(iterationId, filter, cursor, limit);
  return { items: await rows(page.applications, stored.iteration), cursor: page.cursor };
}

/**
 * Every application of the listing, for the CSV export: the iteration, one Query stream and one batch of provider
 * reads for the providers named (DynamoDB calls that grow with the size of the data, not the number of rows).
 */
export async function exportRows(iterationId: string, filter: ApplicationFilter) {
  const stored = await getIteration(iterationId);
  if (!stored) throw new NotFound('The iteration');
  return rows(await allApplicationsListed(iterationId, filter), stored.iteration);
}

/** Whether the caller may apply to a published recertification iteration, and why (said before the form). */
export async function myRecertificationStanding(actor: Actor, iterationId: string) {
  const stored = await getIteration(iterationId);
  if (stored?.iteration.status !== 'published') throw new NotFound('The iteration');
  if (stored.iteration.kind !== 'recertification')
    throw new RuleBroken('Only recertification iterations ask who may apply.', [
      { field: 'iterationId', code: 'not_recertification', message: 'initial iterations are open to everyone' },
    ]);
  return recertificationEligibility(actor.sub, iterationId);
}

/** ADS admits a person to a recertification iteration, with a reason (audited). */
export async function admit(iterationId: string, personId: string, reason: string, actor: Actor) {
  const stored = await getIteration(iterationId);
  if (!stored) throw new NotFound('The iteration');
  if (stored.iteration.kind !== 'recertification')
    throw new RuleBroken('Only recertification iterations need admission.', [
      { field: 'iterationId', code: 'not_recertification', message: 'initial iterations are open to everyone' },
    ]);
  if (!(await getPerson(personId))) throw new NotFound('The person');
  const at = toCtIso(now());
  await commit({
    writes: [
      admitItem(iterationId, personId, reason, actor.sub, at),
      auditPut({
        subjectType: 'person',
        subjectId: personId,
        action: 'admitted-to-recertification',
        actor: actorOf(actor),
        at,
        reason,
        after: { iterationId },
      }),
    ],
  });
  return { iterationId, personId, reason, admittedAt: at };
}
