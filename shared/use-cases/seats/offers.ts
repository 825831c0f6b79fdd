import { now } from '../../clock';
import { config } from '../../config/runtime';
import { actorOf } from '../../domain/audit';
import { saveApplicationItem } from '../../data/applications';
import { createLinkItem, linkHash, newLinkToken } from '../../data/links';
import type { Application } from '../../domain/application';
import { toCtIso } from '../../domain/calendar/time';
import { trainingAgreement } from '../../domain/enrolment';
import { classJoinLinks } from '../../domain/iteration';
import { assertOffer, assertOpenOffer } from '../../domain/offers';
import { SEALED_TOKEN } from '../../email/link-seal';
import type { Outgoing } from '../../email/outbox';
import { agreementCosignRequest } from '../../email/templates';
import type { Actor } from '../../domain/actor';
import { StateConflict } from '../../domain/errors';
import { applicationView } from '../application-views';
import { commitOrStale } from '../unit-of-work';
import { findIteration, findOwnApplication } from '../find';
import { releaseSeat } from './ledger';

/** The applicant's side of an offer: the training agreement to read, accepting and signing it, declining. */

export async function agreementFor(actor: Actor, id: string) {
  const application = await findOwnApplication(actor, id);
  if (!application.offer) throw new StateConflict('There is no agreement before a seat is offered.');
  const iteration = await findIteration(application.iterationId);
  return {
    ...trainingAgreement(iteration),
    deadline: application.offer.deadline,
    agreement: application.agreement ?? {},
    // The meeting links are the enrolled learner's alone.
    ...(application.status === 'enrolled' ? { joinLinks: classJoinLinks(iteration) } : {}),
  };
}

/**
 * The learner accepts the offer and signs the training agreement; their supervisor is asked to co-sign it by a
 * single-use link that expires with the offer. Enrolment follows the co-signature.
 */
export async function accept(actor: Actor, id: string) {
  const application = await findOwnApplication(actor, id);
  const at = now();
  assertOpenOffer(application, at, ['offered']);
  const iteration = await findIteration(application.iterationId);
  const stamp = toCtIso(at);
  const token = newLinkToken();
  const next: Application = {
    ...application,
    status: 'accepted',
    agreement: { signedAt: stamp, linkHash: linkHash(token) },
    version: application.version + 1,
    updatedAt: stamp,
  };
  const emails: Outgoing[] = [
    {
      key: `agreement-request#${application.id}`,
      message: agreementCosignRequest(
        next,
        iteration,
        `${config.publicBaseUrl}/links/${SEALED_TOKEN}`,
        application.offer!.deadline,
      ),
      linkToken: token,
    },
  ];
  await commitOrStale(
    {
      writes: [
        saveApplicationItem(next, application),
        createLinkItem(token, {
          purpose: 'agreement',
          applicationId: application.id,
          expiresAt: application.offer!.deadline,
          createdAt: stamp,
        }),
      ],
      emails,
    },
    'The application changed at the same moment; reload and try again.',
  );
  return applicationView(next, iteration, now());
}

export async function decline(actor: Actor, id: string) {
  const application = await findOwnApplication(actor, id);
  assertOffer(application, ['offered', 'accepted']);
  const declined = await releaseSeat(application, 'declined', actorOf(actor), 'declined by the applicant', now());
  return applicationView(declined, await findIteration(declined.iterationId), now());
}
