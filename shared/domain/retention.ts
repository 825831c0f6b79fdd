/**
 * The records schedule's periods that the table enforces (the README's _Records schedule_ says which schedule each
 * follows and why): how long a record is kept after the event that starts its period, then deleted. One home, read
 * by the writes that start a period and by the `records-retention` job.
 */
export const RETENTION_DAYS = {
  /** An outbox email, from its final outcome: long enough to answer "was I told?" for a whole course year. */
  email: 365,
  /** A supervisor link, from its expiry: its holder is told "used", "replaced" or "expired" for a season after. */
  link: 90,
  /**
   * A daily export of the user pool, from its day: the table's point-in-time recovery reaches 35 days back and
   * each daily backup holds that day's exports for the backups' own retention.
   */
  userPoolExport: 35,
  /**
   * An application never seated (see `NEVER_SEATED`), from its iteration's window closing: ADS plans iterations from
   * three years of demand; then it is anonymised, not deleted (the counts stay).
   */
  unseatedApplication: 3 * 365,
} as const;

/** Applications that never led to a seat: their personal data ends with the records schedule's period. */
export const NEVER_SEATED = ['not-considered', 'declined', 'lapsed', 'withdrawn', 'waitlist-ended'] as const;

export type RetainedRecord = keyof typeof RETENTION_DAYS;

const DAY_MS = 86_400_000;

/** The instant a record whose period starts at `from` is due to go. */
export const retentionEnds = (kind: RetainedRecord, from: Date | string): Date =>
  new Date(new Date(from).getTime() + RETENTION_DAYS[kind] * DAY_MS);
