import type { FieldProblem } from './errors';
import type { Position } from './person';
import { promotionOpen } from './enrolment';
import type { Iteration, IterationKind } from './iteration';
import { SUPERVISOR_CHANGEABLE } from './endorsement';
import { REGIONS, type Region } from './vocabulary';

/**
 * An application's life: submitted → endorsed (by the supervisor) → offered → accepted (agreement pending) →
 * enrolled; or not-endorsed (the supervisor said no; the applicant may name another supervisor while the window is
 * open, which makes it submitted again), waitlisted, declined, lapsed, withdrawn (reopened by applying again while
 * the window is open), not-considered (no endorsement by the window's close), waitlist-ended (the waitlist ended
 * with the allocation; apply again next time).
 */
export const APPLICATION_STATUSES = [
  'submitted',
  'not-endorsed',
  'endorsed',
  'not-considered',
  'waitlisted',
  'offered',
  'accepted',
  'enrolled',
  'declined',
  'lapsed',
  'withdrawn',
  'waitlist-ended',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Statuses of an application still in play: the applicant may still withdraw it, and for recertification it means a renewal is under way. */
export const WITHDRAWABLE: readonly ApplicationStatus[] = [
  'submitted',
  'not-endorsed',
  'endorsed',
  'waitlisted',
  'offered',
  'accepted',
  'enrolled',
];

export interface Application {
  id: string;
  iterationId: string;
  iterationKind: IterationKind;
  applicantSub: string;
  /** As declared when applying (what allocation weighs). */
  applicant: { name: string; email: string; jobTitle: string; position: Position };
  providerId?: string;
  providerName?: string;
  region: Region;
  supervisor: { name: string; email: string };
  /** The endorsement link now in force (its SHA-256 only): replacing it revokes this one in the same transaction. */
  endorsementLink?: { hash: string; sentAt: string };
  /**
   * The supervisor named is not (yet) authorised for the applicant's agency: no link has been sent. Authorising them
   * sends it; refusing them asks the applicant to name another (`refused`).
   */
  awaitingSupervisor?: { since: string; refused?: { at: string; reason: string } };
  /** Endorsement-link emails after the first (resends, supervisor changes) in the current rate-limit window. */
  linkSends?: { windowStartedAt: string; count: number };
  /** The supervisor's "I do not endorse this", while the application is not-endorsed. */
  endorsementDeclined?: { at: string; by: { name: string; email: string }; reason?: string };
  acknowledgedAt: string;
  futureStaffPlanned: number;
  submittedAt: string;
  status: ApplicationStatus;
  endorsedAt?: string;
  /** Statewide waitlist position while waitlisted. */
  waitlistPosition?: number;
  /** The seat offered: its region's counter holds it (a statewide promotion can fill another region's seat). */
  offer?: { offeredAt: string; deadline: string; seatRegion: Region; via: 'allocation' | 'waitlist' };
  /** `linkHash`: the co-sign link emailed to the supervisor, used up when the agency's administrator co-signs instead. */
  agreement?: { signedAt?: string; cosignedAt?: string; linkHash?: string };
  enrolledAt?: string;
  closedAt?: string;
  closedReason?: string;
  /** Its applicant's and supervisor's personal data were removed (on request, or at the records schedule's end). */
  anonymisedAt?: string;
  version: number;
  updatedAt: string;
}

/** An application to a recertification iteration still in play: the holder's recertification is under way. */
export const recertificationUnderWay = (applications: Pick<Application, 'iterationKind' | 'status'>[]): boolean =>
  applications.some((a) => a.iterationKind === 'recertification' && WITHDRAWABLE.includes(a.status));

/**
 * The regions whose seats a person may compete for: those their provider covers; a self-hired person (no provider)
 * may compete for any region's seat.
 */
export const regionsOpenTo = (providerRegions: readonly Region[] | undefined): Region[] =>
  providerRegions ? REGIONS.filter((r) => providerRegions.includes(r)) : [...REGIONS];

/** Why this person cannot apply to this iteration now, or undefined. */
export function applicationProblem(input: {
  windowState: 'upcoming' | 'open' | 'closed';
  published: boolean;
  region: Region;
  providerRegions: Region[] | undefined;
  iterationKind: IterationKind;
  /** For a recertification iteration: whether this person may apply, and why (`recertificationStanding`). */
  recertification?: { mayApply: boolean; reason: string };
}): FieldProblem | undefined {
  if (!input.published)
    return { field: 'iterationId', code: 'not_published', message: 'this iteration is not open to applications' };
  if (input.windowState === 'upcoming')
    return { field: 'iterationId', code: 'window_not_open', message: 'the application window has not opened yet' };
  if (input.windowState === 'closed')
    return { field: 'iterationId', code: 'window_closed', message: 'the application window has closed' };
  if (!regionsOpenTo(input.providerRegions).includes(input.region)) {
    return {
      field: 'region',
      code: 'region_not_covered',
      message: `your provider does not cover the ${input.region} region`,
    };
  }
  if (input.iterationKind === 'recertification' && !input.recertification?.mayApply) {
    return {
      field: 'iterationId',
      code: 'not_eligible',
      message: input.recertification?.reason ?? 'this is a recertification course and you may not apply to it',
    };
  }
  return undefined;
}

/** What an application's shown status depends on besides itself: its iteration's dates. */
export type StatusDates = Pick<Iteration, 'applicationClosesAt' | 'classDates' | 'allocationClosedAt'>;

/**
 * The status as it is true now. A stored status with a deadline reads as what it becomes once that deadline has
 * passed, before the job that acts on it has run: an offer (offered, or accepted awaiting the co-signature) past its
 * deadline reads `lapsed` (the `allocation-sweep` job still releases the seat); an application not endorsed by the
 * window's close reads `not-considered` (the `application-deadlines` job still closes it and tells the applicant);
 * a waitlist place once promotion has stopped reads `waitlist-ended`. The same goes for an application the
 * supervisor did not endorse: after the close, it is not considered. Every view that shows a status uses this.
 */
export function shownStatus(
  a: Pick<Application, 'status' | 'offer'>,
  dates: StatusDates,
  now: Date,
): ApplicationStatus {
  const t = now.getTime();
  switch (a.status) {
    case 'offered':
    case 'accepted':
      return a.offer && Date.parse(a.offer.deadline) <= t ? 'lapsed' : a.status;
    case 'submitted':
    case 'not-endorsed':
      return Date.parse(dates.applicationClosesAt) <= t ? 'not-considered' : a.status;
    case 'waitlisted':
      return promotionOpen(dates, now) ? a.status : 'waitlist-ended';
    default:
      return a.status;
  }
}

/**
 * What the applicant may do with the application now, read from its shown status (so a passed deadline already
 * counts): withdraw it, name another supervisor or have the endorsement link sent again (before the supervisor
 * endorsed it, while the window is open), accept the offer (and sign the agreement), or decline it. The routes
 * refuse the rest; this tells a page which buttons to show.
 */
export function applicantActions(
  a: Pick<Application, 'status' | 'offer' | 'awaitingSupervisor'>,
  dates: StatusDates,
  now: Date,
) {
  const status = shownStatus(a, dates, now);
  return {
    withdraw: WITHDRAWABLE.includes(status),
    changeSupervisor: SUPERVISOR_CHANGEABLE.includes(status),
    // No link was sent while ADS has not authorised the supervisor: there is nothing to send again.
    resendEndorsementLink: status === 'submitted' && !a.awaitingSupervisor,
    acceptOffer: status === 'offered',
    declineOffer: status === 'offered' || status === 'accepted',
  };
}
