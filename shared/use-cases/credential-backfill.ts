import { auditPut } from '../data/audit';
import { certificatesAwaitingStatus, getCertificate, saveCertificateItem } from '../data/certifications';
import { reserveStatusIndexes, statusEntryWrite } from '../data/credential-status';
import { statusValue } from '../credentials/status-list';
import { systemActor } from '../domain/audit';
import { toCtIso } from '../domain/calendar/time';
import type { Certification } from '../domain/certification';
import { commit } from './unit-of-work';

const JOB = 'credential-backfill';

/**
 * Gives course certifications issued before credentials existed their credential: a place in the status list.
 * 1. Read, a page at a time from the expiry index, the course certifications with no status index.
 * 2. Reserve one index per certification of the page (an index reserved and not used is simply never used).
 * 3. Each in its own transaction, conditioned on the version read: the index on the certification and, for one
 *    suspended, revoked or superseded, its status entry — so its credential says so from its first download — with an
 *    audit record. The JWT is signed on the first download, as for every certificate.
 * Idempotent: a certification with an index is never read again, so a second run finds nothing. One changed meanwhile
 * (a change of standing) is re-read and tried once more; if it changed again it is left for the next run.
 */
export async function backfillCredentials(at: Date) {
  const stamp = toCtIso(at);
  let given = 0;
  let left = 0;
  for await (const page of certificatesAwaitingStatus()) {
    let next = await reserveStatusIndexes(page.length);
    for (const found of page) {
      const index = next++;
      if (await giveStatusIndex(found, index, stamp)) given++;
      else {
        const reread = await getCertificate(found.number);
        if (reread?.statusIndex !== undefined) continue;
        if (reread && (await giveStatusIndex(reread, index, stamp))) given++;
        else left++;
      }
    }
  }
  return { given, left };
}

async function giveStatusIndex(cert: Certification, statusIndex: number, stamp: string) {
  const result = await commit({
    writes: [
      saveCertificateItem({ ...cert, statusIndex, version: cert.version + 1 }, cert.version),
      statusEntryWrite(statusIndex, statusValue(cert.standing), cert.number),
      auditPut({
        subjectType: 'certificate',
        subjectId: cert.number,
        action: 'credential-status-assigned',
        actor: systemActor(JOB),
        at: stamp,
        after: { statusIndex, standing: cert.standing },
      }),
    ],
  });
  return result.ok;
}
