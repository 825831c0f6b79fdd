import { now } from '../clock';
import { applicationsOfPerson, getApplication } from '../data/applications';
import { certificatesOfPerson } from '../data/certifications';
import { getIterationPlans, type IterationRecord } from '../data/iterations';
import { getPerson, staffOfProvider } from '../data/people';
import { adminLinkOf, type ProviderAdmin } from '../data/provider-admins';
import { getProvider } from '../data/providers';
import { lifecycleSettings } from '../data/settings';
import { supervisorsOf } from '../data/supervisors';
import type { Actor } from '../domain/actor';
import { type Application, shownStatus } from '../domain/application';
import { ctDate, toCtIso } from '../domain/calendar/time';
import { type Certification, certificationState } from '../domain/certification';
import { NotFound, RuleBroken, StateConflict } from '../domain/errors';
import { applicationWindowState } from '../domain/iteration';
import type { Person } from '../domain/person';
import { costFree } from '../domain/provider';
import { ownApplication, type Supervisor } from '../domain/supervisor';
import { recordDeparture } from './certifications/departures';
import { decline, endorse } from './endorsement';
import { findIteration } from './find';
import { cosign } from './seats/cosign';
import { nameSupervisor } from './supervisor-authorisation';
import { decideSupervisor } from './supervisor-decisions';

/**
 * A provider administrator's view of their one agency. The agency is the one ADS linked their account to, read from
 * the server (`PERSON#<sub>`/`ADMIN_OF`), never from the token. Another agency's person or application answers 404,
 * like a missing one. Endorsing, declining, co-signing, departures and supervisors go through the same use cases as
 * the emailed links and ADS's routes: only who acts differs.
 */

async function agencyOf(actor: Actor): Promise<ProviderAdmin> {
  const admin = await adminLinkOf(actor.sub);
  if (admin?.status !== 'active') throw new NotFound('Your agency');
  return admin;
}

/** A person whose profile names the caller's agency (a claimed or confirmed member); anyone else is not found. */
async function staffMember(admin: ProviderAdmin, personId: string): Promise<Person> {
  const person = await getPerson(personId);
  if (person?.providerId !== admin.providerId) throw new NotFound('The person');
  return person;
}

/** An application from the caller's agency, by someone still on its staff; anything else is not found. */
async function agencyApplication(admin: ProviderAdmin, applicationId: string) {
  const application = await getApplication(applicationId);
  const applicant = application && (await getPerson(application.applicantSub));
  if (application?.providerId !== admin.providerId || applicant?.providerId !== admin.providerId)
    throw new NotFound('The application');
  return { application, iteration: await findIteration(application.iterationId) };
}

export async function getAgency(actor: Actor) {
  const admin = await agencyOf(actor);
  const provider = await getProvider(admin.providerId);
  if (!provider) throw new NotFound('Your agency');
  return {
    id: provider.id,
    name: provider.name,
    regions: provider.regions,
    contact: provider.contact,
    costFree: costFree(provider),
    priority: provider.priority ? { since: provider.priority.since, reason: provider.priority.reason } : null,
    administrator: { name: admin.name, email: admin.email },
  };
}

/** What an employer sees of an application: where it stands and by when, and what they may do about it now. */
function applicationLine(a: Application, iteration: IterationRecord | undefined, at: Date, self: boolean) {
  const status = iteration ? shownStatus(a, iteration, at) : a.status;
  return {
    id: a.id,
    iteration: { id: a.iterationId, kind: a.iterationKind, title: iteration?.title ?? '' },
    status,
    submittedAt: a.submittedAt,
    endorsedAt: a.endorsedAt,
    offerDeadline: a.offer?.deadline,
    signedAt: a.agreement?.signedAt,
    cosignedAt: a.agreement?.cosignedAt,
    enrolledAt: a.enrolledAt,
    firstClass: iteration?.classDates[0],
    lastClass: iteration?.classDates.at(-1),
    closedReason: a.closedReason,
    actions: {
      endorse:
        !self &&
        a.status === 'submitted' &&
        iteration !== undefined &&
        applicationWindowState(iteration, at) === 'open',
      cosign: !self && status === 'accepted',
    },
  };
}

function certificationLine(c: Certification, today: string, policy: Awaited<ReturnType<typeof lifecycleSettings>>) {
  return {
    number: c.number,
    stage: c.stage,
    source: c.source,
    issuedOn: c.issuedOn,
    expiresOn: c.expiresOn,
    state: certificationState(c, today, policy).state,
  };
}

/**
 * A person as their employer sees them: profile, the applications made from this agency, and — once their membership
 * is confirmed (the agency vouched for them) — their certifications. Attendance and homework stay between the learner
 * and ADS.
 */
async function staffView(admin: ProviderAdmin, person: Person, iterations: Map<string, IterationRecord>, at: Date) {
  const [all, certificates] = await Promise.all([
    applicationsOfPerson(person.sub),
    person.membership === 'confirmed' ? certificatesOfPerson(person.sub) : Promise.resolve([]),
  ]);
  // Applications made from another agency (before they moved here) are that agency's business, not this one's.
  const applications = all.filter((a) => a.providerId === admin.providerId);
  const missing = applications.map((a) => a.iterationId).filter((id) => !iterations.has(id));
  for (const [id, plan] of await getIterationPlans([...new Set(missing)])) iterations.set(id, plan);
  const today = ctDate(at);
  const policy = await lifecycleSettings();
  return {
    personId: person.sub,
    name: person.name,
    jobTitle: person.jobTitle,
    position: person.position,
    membership: person.membership as 'claimed' | 'confirmed',
    membershipConfirmedAt: person.membershipConfirmedAt,
    // The list's answer leaves these out (its schema strips them); the person's page shows them.
    email: person.email,
    supervisor: person.supervisor,
    applications: applications.map((a) =>
      applicationLine(a, iterations.get(a.iterationId), at, ownApplication(admin, a, person.email)),
    ),
    certifications: certificates
      .filter((c) => c.standing !== 'superseded')
      .map((c) => certificationLine(c, today, policy)),
  };
}

/** The agency's staff, a page at a time (confirmed members first), each with applications and certifications. */
export async function agencyStaff(actor: Actor, cursor: string | undefined, limit: number) {
  const admin = await agencyOf(actor);
  const page = await staffOfProvider(admin.providerId, cursor, limit);
  const iterations = new Map<string, IterationRecord>();
  const at = now();
  const items = await Promise.all(page.people.map((person) => staffView(admin, person, iterations, at)));
  return { items, cursor: page.cursor };
}

export async function agencyPerson(actor: Actor, personId: string) {
  const admin = await agencyOf(actor);
  const person = await staffMember(admin, personId);
  return staffView(admin, person, new Map(), now());
}

/** Endorse or decline from the agency's page: the same act as the supervisor's emailed link, which it uses up. */
export async function answerEndorsement(
  actor: Actor,
  applicationId: string,
  input: { decision: 'endorse' | 'decline'; reason?: string },
) {
  const admin = await agencyOf(actor);
  const { application, iteration } = await agencyApplication(admin, applicationId);
  if (applicationWindowState(iteration, now()) !== 'open')
    throw new StateConflict('The application window has closed: the endorsement can no longer be given.');
  const voucher = { by: 'provider-admin', admin } as const;
  if (input.decision === 'endorse') await endorse(application, iteration, voucher);
  else await decline(application, iteration, voucher, input.reason);
  return agencyPerson(actor, application.applicantSub);
}

/** Co-sign the training agreement from the agency's page: the same act as the supervisor's emailed link. */
export async function cosignFromAgency(actor: Actor, applicationId: string) {
  const admin = await agencyOf(actor);
  const { application, iteration } = await agencyApplication(admin, applicationId);
  await cosign(application, iteration, { by: 'provider-admin', admin });
  return agencyPerson(actor, application.applicantSub);
}

/** The agency reports that a staff member left: ADS's departure, the agency's administrator acting. */
export async function reportDeparture(actor: Actor, personId: string, leftOn: string) {
  const admin = await agencyOf(actor);
  await staffMember(admin, personId);
  return recordDeparture(personId, admin.providerId, leftOn, actor);
}

const supervisorLine = (
  s: Pick<
    Supervisor,
    'id' | 'name' | 'email' | 'status' | 'requestedAt' | 'authorisedAt' | 'decidedAt' | 'reason' | 'version'
  >,
) => ({
  id: s.id,
  name: s.name,
  email: s.email,
  status: s.status,
  requestedAt: s.requestedAt,
  authorisedAt: s.authorisedAt,
  decidedAt: s.decidedAt,
  reason: s.reason,
  version: s.version,
});

export async function agencySupervisors(actor: Actor) {
  const admin = await agencyOf(actor);
  return { items: (await supervisorsOf(admin.providerId)).map(supervisorLine) };
}

/**
 * The administrator proposes a supervisor: the same pending request an applicant's naming makes, in ADS's queue
 * (audited `requested`); an address already on record is answered as it stands.
 */
export async function proposeSupervisor(actor: Actor, input: { name: string; email: string }) {
  const admin = await agencyOf(actor);
  const supervisor = await nameSupervisor(
    admin.providerId,
    input,
    admin.email,
    actor.sub,
    toCtIso(now()),
    'provider-admin',
  ).catch((error: unknown) => {
    // The naming rules speak of an applicant's profile (`supervisor.email`); here the address is the body's own.
    if (!(error instanceof RuleBroken)) throw error;
    throw new RuleBroken(
      error.message,
      error.problems.map((p) => ({ ...p, field: p.field.replace(/^supervisor\./, '') })),
    );
  });
  return supervisorLine(supervisor);
}

/**
 * The administrator removes a supervisor at once (it only narrows who may vouch, so it needs no one's approval):
 * ADS's own removal, with the reason, audited; links of theirs still out stop working when used.
 */
export async function removeSupervisor(actor: Actor, supervisorId: string, input: { reason: string; version: number }) {
  const admin = await agencyOf(actor);
  const removed = await decideSupervisor(admin.providerId, supervisorId, { decision: 'remove', ...input }, actor);
  return supervisorLine(removed);
}
