import { now } from '../clock';
import { auditPut } from '../data/audit';
import { supervisorActor } from '../domain/audit';
import { getApplication, saveApplicationItem } from '../data/applications';
import { getIteration } from '../data/iterations';
import { linkHash, useLinkItem, type Link } from '../data/links';
import { certificatesOfPerson, followHolderItems } from '../data/certifications';
import { confirmMembershipItem, getPerson } from '../data/people';
import { firstConfirmationItem, getProvider } from '../data/providers';
import type { Application } from '../domain/application';
import { toCtIso } from '../domain/calendar/time';
import { liveClassTimes } from '../domain/calendar/live-classes';
import { applicationEndorsed, endorsementDeclined } from '../email/templates';
import { Gone, NotFound, StateConflict } from '../domain/errors';
import { count } from '../observability/metrics';
import { commitVouching, mayVouch } from './supervisor-authorisation';
import { flagReviewItem, type Review } from '../data/reviews';
import { isNewlyAuthorised, type Supervisor } from '../domain/supervisor';

/**
 * The link's application and iteration. A link that is not the application's link in force was replaced (another
 * supervisor named, or the link sent again): it no longer works, even if its revocation were somehow missing.
 */
async function load(link: Link, token: string) {
  const application = await getApplication(link.applicationId);
  const stored = application && (await getIteration(application.iterationId));
  if (!application || !stored) throw new NotFound('This link');
  if (application.endorsementLink && application.endorsementLink.hash !== linkHash(token))
    throw new Gone('This link was replaced by a newer one and no longer works.');
  return { application, iteration: stored.iteration };
}

/** What the supervisor is asked to confirm (shown by the link's GET, which changes nothing). */
export async function describeEndorsement(link: Link, token: string) {
  const { application: a, iteration } = await load(link, token);
  return {
    purpose: 'endorsement' as const,
    applicantName: a.applicant.name,
    jobTitle: a.applicant.jobTitle,
    providerName: a.providerName,
    iterationTitle: iteration.title,
    supervisorName: a.supervisor.name,
    liveClasses: iteration.classDates.map((d) => liveClassTimes(d)),
    homeworkDeadlines: iteration.assignments.map((h) => ({ title: h.title, dueAt: h.dueAt })),
    applicationClosesAt: iteration.applicationClosesAt,
    open: a.status === 'submitted',
  };
}

/**
 * The supervisor endorses: in one transaction the link is used up (refused if used or expired), the application
 * becomes endorsed (only from `submitted`), the applicant's claimed membership of the provider is confirmed and
 * their certifications are listed under it (they follow their holder's confirmed provider), the applicant is told,
 * and the act is in the application's audit trail.
 */
export async function confirmEndorsement(link: Link, token: string) {
  const { application, iteration } = await load(link, token);
  if (application.status !== 'submitted')
    throw new StateConflict(`This application is ${application.status}; there is nothing to endorse.`);
  const at = toCtIso(now());
  const next: Application = {
    ...application,
    status: 'endorsed',
    endorsedAt: at,
    version: application.version + 1,
    updatedAt: at,
  };
  const person = await getPerson(application.applicantSub);
  const vouching = await mayVouch(application, person?.email);
  const member = application.providerId !== undefined && person?.providerId === application.providerId;
  const confirmsMembership = member && person?.membership !== 'confirmed';
  // Confirmed at this provider: the applicant's certifications are listed under it from now on.
  const provider = member ? await getProvider(application.providerId!) : undefined;
  const flags = reviewFlags(confirmsMembership && !provider?.firstConfirmedAt, vouching.supervisor, now());
  const follow = provider
    ? followHolderItems(await certificatesOfPerson(application.applicantSub), provider, {
        at,
        by: supervisorActor(application.supervisor.email).id,
      })
    : { items: [], moved: [] };
  const emails = [{ key: `endorsed#${application.id}`, message: applicationEndorsed(next, iteration) }];
  await commitVouching(
    {
      writes: [
        useLinkItem(token, at),
        vouching.check,
        saveApplicationItem(next, application),
        ...(confirmsMembership
          ? [
              confirmMembershipItem(application.applicantSub, application.providerId!, at),
              firstConfirmationItem(application.providerId!, at),
            ]
          : []),
        ...(flags.length > 0
          ? [
              flagReviewItem({
                applicationId: application.id,
                personId: application.applicantSub,
                applicantName: application.applicant.name,
                providerId: application.providerId,
                providerName: application.providerName,
                supervisor: application.supervisor,
                flags,
                flaggedAt: at,
                status: 'open',
              }),
            ]
          : []),
        ...follow.items,
        auditPut({
          subjectType: 'application',
          subjectId: application.id,
          action: 'endorsed',
          actor: supervisorActor(application.supervisor.email),
          at,
          before: { status: application.status },
          after: {
            status: next.status,
            membershipConfirmed: confirmsMembership,
            certificationsMoved: follow.moved,
            flaggedForReview: flags,
          },
        }),
      ],
      emails,
    },
    'This link was used or changed at the same moment; reload the page.',
  );
  count('ApplicationsEndorsed');
  return {
    purpose: 'endorsement' as const,
    applicantName: application.applicant.name,
    iterationTitle: iteration.title,
  };
}

/**
 * The supervisor answers "I do not endorse this", optionally saying why: in one transaction the link is used up,
 * the application becomes `not-endorsed` (only from `submitted`), the applicant is told (with the reason, and that
 * they may name another supervisor while the window is open), and the answer is in the application's audit trail.
 */
export async function declineEndorsement(link: Link, token: string, reason: string | undefined) {
  const { application, iteration } = await load(link, token);
  if (application.status !== 'submitted')
    throw new StateConflict(`This application is ${application.status}; there is nothing to answer.`);
  const vouching = await mayVouch(application, (await getPerson(application.applicantSub))?.email);
  const at = toCtIso(now());
  const next: Application = {
    ...application,
    status: 'not-endorsed',
    endorsementDeclined: { at, by: application.supervisor, reason },
    version: application.version + 1,
    updatedAt: at,
  };
  await commitVouching(
    {
      writes: [
        useLinkItem(token, at),
        vouching.check,
        saveApplicationItem(next, application),
        auditPut({
          subjectType: 'application',
          subjectId: application.id,
          action: 'endorsement-declined',
          actor: supervisorActor(application.supervisor.email),
          at,
          reason,
          before: { status: application.status },
          after: { status: next.status },
        }),
      ],
      emails: [
        {
          key: `endorsement-declined#${application.id}#${next.version}`,
          message: endorsementDeclined(next, iteration, reason),
        },
      ],
    },
    'This link was used or changed at the same moment; reload the page.',
  );
  return {
    purpose: 'endorsement-declined' as const,
    applicantName: application.applicant.name,
    iterationTitle: iteration.title,
  };
}

/**
 * Why ADS should look at an endorsement: it confirms the provider's first ever member, or comes from a supervisor
 * authorised in the last `NEW_SUPERVISOR_DAYS` days (the two moments a false vouch is most likely to go unnoticed).
 */
function reviewFlags(firstConfirmation: boolean, supervisor: Supervisor, at: Date): Review['flags'] {
  const flags: Review['flags'] = [];
  if (firstConfirmation) flags.push('first-confirmation');
  if (isNewlyAuthorised(supervisor, at)) flags.push('new-supervisor');
  return flags;
}
