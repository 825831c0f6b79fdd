import { config } from '../../config/runtime';
import {
  getQualificationNotices,
  putQualificationNotices,
  type StoredAttendance,
  type StoredHomework,
  type StoredQualificationNotices,
} from '../../data/course';
import type { TransactItem } from '../../data/transactions';
import type { Application } from '../../domain/application';
import type { Iteration } from '../../domain/iteration';
import { qualificationNotice } from '../../domain/qualification';
import { getEmails, type Outgoing } from '../../email/outbox';
import { cannotQualify, qualificationRestored } from '../../email/templates';

/**
 * The one home of "you can no longer qualify" and its follow-up "you are back on track": which one a change calls
 * for (`qualificationNotice`), the email, and the record of what the learner was told, all written with the change.
 */

/** The first notice kept the key it always had, so enrolments told before this record existed are read as told. */
const legacyLostKey = (applicationId: string) => `cannot-qualify#${applicationId}`;
const noticeKey = (kind: 'lost' | 'restored', applicationId: string, n: number) =>
  kind === 'lost'
    ? n === 1
      ? legacyLostKey(applicationId)
      : `cannot-qualify#${applicationId}#${n}`
    : `qualification-restored#${applicationId}#${n}`;

/** What each enrolment's learner was told: the record, else "lost" when the first notice's email exists. */
export async function noticesOf(applicationIds: readonly string[]): Promise<Map<string, StoredQualificationNotices>> {
  const [stored, legacy] = await Promise.all([
    getQualificationNotices(applicationIds),
    getEmails(applicationIds.map(legacyLostKey)),
  ]);
  return new Map(
    applicationIds.map((id) => [
      id,
      stored.get(id) ??
        (legacy.has(legacyLostKey(id))
          ? { applicationId: id, told: 'lost', sent: 1, version: 0 }
          : { applicationId: id, told: 'none', sent: 0, version: 0 }),
    ]),
  );
}

export interface NoticeChange {
  /** The change marks a class absent or partial. */
  missedClass: boolean;
  canStillQualifyBefore?: boolean;
  canStillQualifyAfter?: boolean;
  /** What happened, as the email's first sentence says it ("ADS corrected …"). */
  what: string;
}

/** The email and the record of it that a change calls for, to commit with the change; nothing when none is due. */
export function noticeWrites(
  application: Application,
  iteration: Iteration,
  notices: StoredQualificationNotices,
  change: NoticeChange,
): { writes: TransactItem[]; emails: Outgoing[] } {
  const kind = qualificationNotice(notices, change);
  if (!kind) return { writes: [], emails: [] };
  const sent = notices.sent + 1;
  const message =
    kind === 'lost'
      ? cannotQualify(application, iteration, change.what, config.adsTeam)
      : qualificationRestored(application, iteration, change.what, config.adsTeam, config.publicBaseUrl);
  return {
    writes: [putQualificationNotices({ ...notices, told: kind, sent, version: notices.version + 1 }, notices.version)],
    emails: [{ key: noticeKey(kind, application.id, sent), message }],
  };
}

/** A learner's records with one record replaced by the change (what qualifying is judged on after it). */
export const replaced = <T extends StoredAttendance | StoredHomework>(
  records: readonly T[],
  next: T,
  same: (r: T) => boolean,
): T[] => [...records.filter((r) => !same(r)), next];
