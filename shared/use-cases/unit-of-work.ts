import { transact, type TransactItem } from '../data/transactions';
import { StaleWrite } from '../domain/errors';
import { dispatch, queueOutgoing, type Outgoing } from '../email/outbox';

/**
 * How long a change may spend sending its emails after the commit. A request answers within the API's limits and
 * SES's sending rate is respected; what is not sent in time stays pending for the `email-outbox` job.
 */
export const SEND_BUDGET_MS = 5000;

/** A conditional write, named for what its condition guards, so that a refusal says which one refused. */
export interface NamedWrite {
  name: string;
  item: TransactItem;
}
export const named = (name: string, item: TransactItem): NamedWrite => ({ name, item });

export interface Change {
  writes: (TransactItem | NamedWrite)[];
  /** Emails the change causes: queued in the same transaction (an event key is never queued twice), sent after. */
  emails?: Outgoing[];
  /** The caller sends them with `sendQueued` after its other commits, so that a request's commits share one budget. */
  sendLater?: boolean;
}

/**
 * What became of a change: written (its emails sent, or left pending for the job), or refused — by the names of the
 * writes whose condition failed, each with its item as it stood when the write asked for it (the stored version, the
 * seats already taken). Refusals of unnamed writes leave `refused` empty: the change failed for a reason the caller
 * did not ask to tell apart.
 */
export type Outcome = { ok: true } | { ok: false; refused: Map<string, Record<string, unknown> | undefined> };

/** The one unit of work: writes the change and the emails it causes together or not at all, then sends them. */
export async function commit(change: Change): Promise<Outcome> {
  const emails = change.emails ?? [];
  const writes = change.writes.map((w) => ('name' in w ? w : { name: undefined, item: w }));
  const queued = await Promise.all(emails.map(queueOutgoing));
  const result = await transact([...writes.map((w) => w.item), ...queued]);
  if (!result.ok) {
    const refused = new Map<string, Record<string, unknown> | undefined>();
    writes.forEach((w, i) => {
      if (w.name !== undefined && result.reasons[i]?.Code === 'ConditionalCheckFailed')
        refused.set(w.name, result.reasons[i]?.Item);
    });
    return { ok: false, refused };
  }
  if (!change.sendLater) await sendQueued(emails);
  return { ok: true };
}

/** Commits a change whose only possible refusal is that someone changed what it read: that is a stale write. */
export async function commitOrStale(change: Change, whyRefused: string): Promise<void> {
  if (!(await commit(change)).ok) throw new StaleWrite(whyRefused);
}

/** Sends emails already committed (`sendLater`), within the one budget. */
export const sendQueued = (emails: Outgoing[]) =>
  dispatch(
    emails.map((e) => e.key),
    SEND_BUDGET_MS,
  );
