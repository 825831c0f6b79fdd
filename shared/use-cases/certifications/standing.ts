import { now } from '../../clock';
import { statusEntryWrite } from '../../data/credential-status';
import { statusValue } from '../../credentials/status-list';
import { auditPut } from '../../data/audit';
import { actorOf } from '../../domain/audit';
import { getCertificate, saveCertificateItem } from '../../data/certifications';
import { getPerson } from '../../data/people';
import { ctDate, toCtIso } from '../../domain/calendar/time';
import { changeStanding, type Certification, type StandingAction } from '../../domain/certification';
import { lifecycleSettings } from '../../data/settings';
import { CE_STAGE_NAMES } from '../../domain/vocabulary';
import type { Outgoing } from '../../email/outbox';
import { standingChanged } from '../../email/templates';
import type { Actor } from '../../domain/actor';
import { NotFound } from '../../domain/errors';
import { commitOrStale } from '../unit-of-work';
import { certificateView } from './views';

/** Revoke, suspend or reinstate, always with a reason; the history is kept on the certification and in the audit. */
export async function setStanding(number: string, action: StandingAction, reason: string, actor: Actor) {
  const cert = await getCertificate(number);
  if (!cert) throw new NotFound('The certificate');
  const { standing, done } = changeStanding(cert.standing, action);
  const stamp = toCtIso(now());
  const next: Certification = {
    ...cert,
    standing,
    history: [...cert.history, { at: stamp, action: done, reason, by: actor.sub }],
    version: cert.version + 1,
  };
  const person = await getPerson(cert.holderSub);
  const emails: Outgoing[] = person
    ? [
        {
          key: `standing#${number}#${next.version}`,
          message: standingChanged(
            { name: cert.holderName, email: person.email },
            number,
            CE_STAGE_NAMES[cert.stage],
            done,
            reason,
          ),
        },
      ]
    : [];
  await commitOrStale(
    {
      writes: [
        saveCertificateItem(next, cert.version),
        // Published to credential verifiers in the same transaction: the status list is never behind the record.
        ...(cert.statusIndex === undefined ? [] : [statusEntryWrite(cert.statusIndex, statusValue(standing), number)]),
        auditPut({
          subjectType: 'certificate',
          subjectId: number,
          action,
          actor: actorOf(actor),
          at: stamp,
          reason,
          before: { standing: cert.standing },
          after: { standing },
        }),
      ],
      emails,
    },
    'The certification changed at the same moment; reload.',
  );
  return certificateView(next, ctDate(now()), await lifecycleSettings());
}
