import { type Application, applicantActions, shownStatus, type StatusDates } from '../domain/application';
import type { Iteration } from '../domain/iteration';

/**
 * An application as its applicant (and the API) sees it: always with its iteration's title, and its status as it
 * is true at `now` (a deadline that has passed shows, even before the job acting on it has run).
 */
export const applicationView = (a: Application, iteration: Pick<Iteration, 'title'> & StatusDates, now: Date) => ({
  id: a.id,
  iteration: { id: a.iterationId, kind: a.iterationKind, title: iteration.title },
  region: a.region,
  providerId: a.providerId ?? null,
  providerName: a.providerName ?? null,
  position: a.applicant.position,
  supervisor: a.supervisor,
  futureStaffPlanned: a.futureStaffPlanned,
  status: shownStatus(a, iteration, now),
  applicationClosesAt: iteration.applicationClosesAt,
  actions: applicantActions(a, iteration, now),
  submittedAt: a.submittedAt,
  endorsedAt: a.endorsedAt,
  endorsementDeclined: a.endorsementDeclined,
  endorsementLinkSentAt: a.endorsementLink?.sentAt,
  awaitingSupervisor: a.awaitingSupervisor,
  waitlistPosition: a.waitlistPosition,
  offer: a.offer,
  agreement: a.agreement && { signedAt: a.agreement.signedAt, cosignedAt: a.agreement.cosignedAt },
  enrolledAt: a.enrolledAt,
  closedAt: a.closedAt,
  closedReason: a.closedReason,
});
