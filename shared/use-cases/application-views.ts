import type { Application } from '../domain/application';

/** An application as its applicant (and the API) sees it. */
export const applicationView = (a: Application, iterationTitle?: string) => ({
  id: a.id,
  iteration: { id: a.iterationId, kind: a.iterationKind, title: iterationTitle },
  region: a.region,
  providerId: a.providerId ?? null,
  providerName: a.providerName ?? null,
  position: a.applicant.position,
  supervisor: a.supervisor,
  futureStaffPlanned: a.futureStaffPlanned,
  status: a.status,
  submittedAt: a.submittedAt,
  endorsedAt: a.endorsedAt,
  waitlistPosition: a.waitlistPosition,
  offer: a.offer,
  agreement: a.agreement,
  enrolledAt: a.enrolledAt,
  closedAt: a.closedAt,
  closedReason: a.closedReason,
});
