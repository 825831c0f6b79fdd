import { now } from '../../clock';
import { auditPut } from '../../data/audit';
import { getApplication, saveApplicationItem } from '../../data/applications';
import { seatChangeItem } from '../../data/iterations';
import type { Link } from '../../data/links';
import type { Application } from '../../domain/application';
import { toCtIso } from '../../domain/calendar/time';
import { trainingAgreement } from '../../domain/enrolment';
import { assertOpenOffer } from '../../domain/offers';
import type { Outgoing } from '../../email/outbox';
import { enrolled, enrolledSupervisorNotice } from '../../email/templates';
import { classJoinLinks } from '../../domain/iteration';
import { Gone, NotFound } from '../../domain/errors';
import { count } from '../../observability/metrics';
import { commitVouching, mayVouch, type Voucher } from '../supervisor-authorisation';
import type { Iteration } from '../../domain/iteration';
import { getPerson } from '../../data/people';
import { findIteration } from '../find';

/** The supervisor's co-signature of the training agreement, through a single-use link: it enrols the learner. */

async function loadForLink(link: Link) {
  const application = await getApplication(link.applicationId);
  if (!application) throw new NotFound('This link');
  // Co-signed another way (by the agency's provider administrator) before this link kept its hash on the application.
  if (application.agreement?.cosignedAt)
    throw new Gone('This agreement is already co-signed; the link no longer works.');
  return { application, iteration: await findIteration(application.iterationId) };
}

export async function describeAgreement(link: Link) {
  const { application: a, iteration } = await loadForLink(link);
  return {
    purpose: 'agreement' as const,
    applicantName: a.applicant.name,
    iterationTitle: iteration.title,
    supervisorName: a.supervisor.name,
    agreement: trainingAgreement(iteration),
    open: a.status === 'accepted',
  };
}

/** The supervisor co-signs through the link. */
export async function confirmAgreement(link: Link, token: string) {
  const { application, iteration } = await loadForLink(link);
  return cosign(application, iteration, { by: 'link', token });
}

/**
 * Someone who may vouch (the supervisor by the link, or the agency's provider administrator) co-signs: the learner is
 * enrolled, the seat moves from offered to enrolled (it stays held). The emailed link is used up either way.
 */
export async function cosign(application: Application, iteration: Iteration, voucher: Voucher) {
  const at = now();
  assertOpenOffer(application, at, ['accepted']);
  const stamp = toCtIso(at);
  const vouching = await mayVouch(
    application,
    (await getPerson(application.applicantSub))?.email,
    voucher,
    stamp,
    application.agreement?.linkHash,
  );
  const next: Application = {
    ...application,
    status: 'enrolled',
    enrolledAt: stamp,
    agreement: { ...application.agreement, cosignedAt: stamp },
    version: application.version + 1,
    updatedAt: stamp,
  };
  const emails: Outgoing[] = [
    { key: `enrolled#${application.id}`, message: enrolled(next, iteration, classJoinLinks(iteration)) },
    { key: `enrolled-supervisor#${application.id}`, message: enrolledSupervisorNotice(next, iteration) },
  ];
  await commitVouching(
    {
      writes: [
        ...vouching.writes,
        saveApplicationItem(next, application),
        seatChangeItem(application.iterationId, application.offer!.seatRegion, { offered: -1, enrolled: 1 }),
        auditPut({
          subjectType: 'application',
          subjectId: application.id,
          action: 'enrolled',
          actor: vouching.actor,
          at: stamp,
          before: { status: 'accepted' },
          after: { status: 'enrolled' },
        }),
      ],
      emails,
    },
    vouching,
    'This link was used or the application changed at the same moment; reload the page.',
  );
  count('Enrolments');
  return {
    purpose: 'agreement' as const,
    applicantName: application.applicant.name,
    iterationTitle: iteration.title,
  };
}
