import { now } from '../clock';
import { auditPut } from '../data/audit';
import { getApplication, saveApplicationItem } from '../data/applications';
import { getIteration } from '../data/iterations';
import { linkHash, type Link } from '../data/links';
import { certificatesOfPerson, followHolderItems } from '../data/certifications';
import { confirmMembershipItem, getPerson } from '../data/people';
import { firstConfirmationItem, getProvider } from '../data/providers';
import type { Application } from '../domain/application';
import { toCtIso } from '../domain/calendar/time';
import { liveClassTimes } from '../domain/calendar/live-classes';
import { applicationEndorsed, endorsementDeclined } from '../email/templates';
import { Gone, NotFound, StateConflict } from '../domain/errors';
import { count } from '../observability/metrics';
import { commitVouching, mayVouch, type Voucher } from './supervisor-authorisation';
import { flagReviewItem, type Review } from '../data/reviews';
import type { Iteration } from '../domain/iteration';

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
 * The supervisor endorses through the link: in one transaction the link is used up (refused if used or expired), and
 * everything `endorse` does.
 */
export async function confirmEndorsement(link: Link, token: string) {
  const { application, iteration } = await load(link, token);
  return endorse(application, iteration, { by: 'link', token });
}

/**
 * Someone who may vouch endorses (the supervisor by the link, or the agency's provider administrator): in one
 * transaction the application becomes endorsed (only from `submitted`), the applicant's claimed membership of the
 * provider is confirmed and their certifications are listed under it (they follow their holder's confirmed provider),
 * flags for ADS's review are raised, the applicant is told, and the act is in the application's audit trail.
 */
export async function endorse(application: Application, iteration: Iteration, voucher: Voucher) {
  if (application.status !== 'submitted')
    throw new StateConflict(`This application is ${application.status}; there is nothing to endorse.`);
  const at = toCtIso(now());
  const next: Application = {
    ...application,
    status: 'endorsed',
    endorsedAt: at,
    // Endorsed from the agency's page while the named supervisor still waited for ADS: nothing waits any more.
    awaitingSupervisor: undefined,
    version: application.version + 1,
    updatedAt: at,
  };
  const person = await getPerson(application.applicantSub);
  const vouching = await mayVouch(application, person?.email, voucher, at, application.endorsementLink?.hash);
  const member = application.providerId !== undefined && person?.providerId === application.providerId;
  const confirmsMembership = member && person?.membership !== 'confirmed';
  // Confirmed at this provider: the applicant's certifications are listed under it from now on.
  const provider = member ? await getProvider(application.providerId!) : undefined;
  const flags = reviewFlags(confirmsMembership && !provider?.firstConfirmedAt, vouching.newlyAuthorised);
  const follow = provider
    ? followHolderItems(await certificatesOfPerson(application.applicantSub), provider, {
        at,
        by: vouching.actor.id,
      })
    : { items: [], moved: [] };
  const emails = [{ key: `endorsed#${application.id}`, message: applicationEndorsed(next, iteration) }];
  await commitVouching(
    {
      writes: [
        ...vouching.writes,
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
                supervisor: vouching.who,
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
          actor: vouching.actor,
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
    vouching,
    'This link was used or changed at the same moment; reload the page.',
  );
  count('ApplicationsEndorsed');
  return {
    purpose: 'endorsement' as const,
    applicantName: application.applicant.name,
    iterationTitle: iteration.title,
  };
}

/** The supervisor answers "I do not endorse this" through the link, optionally saying why. */
export async function declineEndorsement(link: Link, token: string, reason: string | undefined) {
  const { application, iteration } = await load(link, token);
  return decline(application, iteration, { by: 'link', token }, reason);
}

/**
 * Someone who may vouch says no: in one transaction the application becomes `not-endorsed` (only from `submitted`),
 * the applicant is told (with the reason, and that they may name another supervisor while the window is open), and
 * the answer is in the application's audit trail.
 */
export async function decline(
  application: Application,
  iteration: Iteration,
  voucher: Voucher,
  reason: string | undefined,
) {
  if (application.status !== 'submitted')
    throw new StateConflict(`This application is ${application.status}; there is nothing to answer.`);
  const at = toCtIso(now());
  const vouching = await mayVouch(
    application,
    (await getPerson(application.applicantSub))?.email,
    voucher,
    at,
    application.endorsementLink?.hash,
  );
  const next: Application = {
    ...application,
    status: 'not-endorsed',
    endorsementDeclined: { at, by: vouching.who, reason },
    awaitingSupervisor: undefined,
    version: application.version + 1,
    updatedAt: at,
  };
  await commitVouching(
    {
      writes: [
        ...vouching.writes,
        saveApplicationItem(next, application),
        auditPut({
          subjectType: 'application',
          subjectId: application.id,
          action: 'endorsement-declined',
          actor: vouching.actor,
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
    vouching,
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
function reviewFlags(firstConfirmation: boolean, newlyAuthorised: boolean): Review['flags'] {
  const flags: Review['flags'] = [];
  if (firstConfirmation) flags.push('first-confirmation');
  if (newlyAuthorised) flags.push('new-supervisor');
  return flags;
}
