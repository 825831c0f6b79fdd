import { deleteIfStillDue, dueRecords } from '../data/retention';

/**
 * The `records-retention` job: deletes every record whose period in the records schedule ended by `at` (the
 * emails and links of `shared/domain/retention.ts`). Idempotent: a second run finds nothing due.
 */
export async function applyRetention(at: Date): Promise<{ deleted: number }> {
  let deleted = 0;
  for await (const page of dueRecords(at)) for (const record of page) if (await deleteIfStillDue(record)) deleted++;
  return { deleted };
}
