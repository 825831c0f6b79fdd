import { now } from '../../clock';
import { auditPut } from '../../data/audit';
import { certificatesOfPerson, getCertificate, renamedCertificateItems } from '../../data/certifications';
import { reserveStatusIndexes, statusEntryWrite } from '../../data/credential-status';
import { forgetCredentialItem } from '../../data/credentials';
import { getPerson, savePersonItems } from '../../data/people';
import { lifecycleSettings } from '../../data/settings';
import { replacedEntryValue, statusValue } from '../../credentials/status-list';
import type { Actor } from '../../domain/actor';
import { actorOf } from '../../domain/audit';
import { ctDate, toCtIso } from '../../domain/calendar/time';
import { hasCredential, type Certification } from '../../domain/certification';
import { NotFound, RuleBroken, StaleWrite } from '../../domain/errors';
import type { Person } from '../../domain/person';
import type { TransactItem } from '../../data/transactions';
import { config } from '../../config/runtime';
import type { Outgoing } from '../../email/outbox';
import { legalNameChanged } from '../../email/templates';
import { commit, commitOrStale, sendQueued } from '../unit-of-work';
import { certificateView } from './views';

/** How often one certification is re-read and tried again when another write beat this one to it. */
const ATTEMPTS = 3;

/**
 * ADS changes (or corrects) a person's legal name, with a reason. The name is on their profile and on each of their
 * certifications (one name everywhere: the certificate's PDF, its verification page and its credential), so:
 * 1. The profile takes the new name, with its name-index entries (ADS's people search), audited on the person; the
 *    holder's email (download your credentials again) queued in the same transaction, sent at the end.
 * 2. Each certification still carrying another name takes the new one, in its own transaction: the item and its
 *    holder-name entries (the registry's name search), its history, an audit record, and — for one with a credential
 *    — the credential reissued: a new status-list entry (its standing's value), the old entry set to superseded (a
 *    revoked one stays revoked), and the kept JWT forgotten, so the next download signs the new one.
 * A failure part-way leaves the profile renamed and some certifications behind; the same request again finds the
 * profile done and finishes the certifications still carrying another name (each step is keyed on the name, not on
 * what the first attempt did), so a retry always completes it. When there is nothing left to do the request is
 * refused (422 `unchanged`): the name is already theirs everywhere.
 */
export async function changeLegalName(personId: string, name: string, reason: string, actor: Actor) {
  const person = await getPerson(personId);
  if (!person) throw new NotFound('The person');
  const held = await certificatesOfPerson(personId);
  const lagging = held.filter((c) => c.holderName !== name);
  if (person.name === name && lagging.length === 0)
    throw new RuleBroken('This is already their name, on their profile and on every certification.', [
      { field: 'name', code: 'unchanged', message: 'this is already their legal name everywhere' },
    ]);
  const emails = person.name !== name ? await renamePerson(person, name, reason, actor) : [];
  // The answer shows what was written (the person's index is read before, and may lag behind, these writes).
  const written = new Map<string, Certification>();
  const reissued: string[] = [];
  for (const cert of lagging) {
    const outcome = await renameCertificate(cert, name, reason, actor);
    if (outcome.cert) written.set(cert.number, outcome.cert);
    if (outcome.reissued) reissued.push(cert.number);
  }
  // The holder hears of it once every certification carries the name (if this request fails part-way, the outbox job
  // sends it).
  await sendQueued(emails);
  const today = ctDate(now());
  const policy = await lifecycleSettings();
  return {
    personId,
    name,
    previousName: person.name === name ? undefined : person.name,
    renamed: lagging.map((c) => c.number),
    reissued,
    certificates: held.map((c) => certificateView(written.get(c.number) ?? c, today, policy)),
  };
}

/** The profile under the new name, audited; the holder's email queued in the same transaction, sent later. */
async function renamePerson(person: Person, name: string, reason: string, actor: Actor): Promise<Outgoing[]> {
  const stamp = toCtIso(now());
  const next: Person = { ...person, name, version: person.version + 1, updatedAt: stamp };
  const emails: Outgoing[] = [
    {
      key: `legal-name#${person.sub}#${next.version}`,
      message: legalNameChanged({ name, email: person.email }, person.name, reason, config.publicBaseUrl),
    },
  ];
  await commitOrStale(
    {
      emails,
      sendLater: true,
      writes: [
        ...savePersonItems(next, person),
        auditPut({
          subjectType: 'person',
          subjectId: person.sub,
          action: 'legal-name-changed',
          actor: actorOf(actor),
          at: stamp,
          reason,
          before: { name: person.name },
          after: { name },
        }),
      ],
    },
    'The profile changed at the same moment; reload and try again.',
  );
  return emails;
}

/**
 * One certification under the new name, reissuing its credential when it has one: the certification as it now
 * stands, and whether its credential was reissued. Re-read and tried again if another write (a change of standing, a
 * provider move) got there first.
 */
async function renameCertificate(
  first: Certification,
  name: string,
  reason: string,
  actor: Actor,
): Promise<{ cert?: Certification; reissued: boolean }> {
  let cert: Certification | undefined = first;
  for (let attempt = 0; attempt < ATTEMPTS && cert; attempt++) {
    if (cert.holderName === name) return { cert, reissued: false };
    const stamp = toCtIso(now());
    const reissue = hasCredential(cert) && cert.statusIndex !== undefined;
    const statusIndex = reissue ? await reserveStatusIndexes(1) : undefined;
    const next: Certification = {
      ...cert,
      holderName: name,
      ...(reissue
        ? {
            statusIndex,
            replacedStatusIndexes: [...(cert.replacedStatusIndexes ?? []), cert.statusIndex!],
          }
        : {}),
      history: [
        ...cert.history,
        {
          at: stamp,
          action: reissue ? 'reissued-under-new-name' : 'holder-name-changed',
          reason,
          by: actor.sub,
        },
      ],
      version: cert.version + 1,
    };
    const credentialWrites: TransactItem[] = reissue
      ? [
          statusEntryWrite(cert.statusIndex!, replacedEntryValue(cert.standing), cert.number),
          statusEntryWrite(statusIndex!, statusValue(cert.standing), cert.number),
          forgetCredentialItem(cert.number),
        ]
      : [];
    const result = await commit({
      writes: [
        ...renamedCertificateItems(cert, next),
        ...credentialWrites,
        auditPut({
          subjectType: 'certificate',
          subjectId: cert.number,
          action: next.history.at(-1)!.action,
          actor: actorOf(actor),
          at: stamp,
          reason,
          before: { holderName: cert.holderName, statusIndex: cert.statusIndex },
          after: { holderName: name, statusIndex: next.statusIndex },
        }),
      ],
    });
    if (result.ok) return { cert: next, reissued: reissue };
    cert = await getCertificate(cert.number);
  }
  if (!cert) return { reissued: false };
  throw new StaleWrite('A certification changed at the same moment; send the name change again to finish it.');
}
