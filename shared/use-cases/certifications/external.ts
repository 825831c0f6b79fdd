import { now } from '../../clock';
import { auditPut } from '../../data/audit';
import { actorOf } from '../../domain/audit';
import { createCertificateItems } from '../../data/certifications';
import { getPerson } from '../../data/people';
import { ctDate, toCtIso } from '../../domain/calendar/time';
import { externalCredentialRefusal, type Certification, type ExternalCredential } from '../../domain/certification';
import { lifecycleSettings } from '../../data/settings';
import { CE_STAGES, type CeStage } from '../../domain/vocabulary';
import type { Actor } from '../../domain/actor';
import { NotFound } from '../../domain/errors';
import { commit } from '../unit-of-work';
import { certificateView, currentProvider } from './views';
import { newCertificateNumber } from '../../domain/certificate-number';

export interface ExternalInput extends ExternalCredential {
  body: string;
  course: string;
  evidenceReference: string;
  stages?: CeStage[];
}

/** A certification earned elsewhere, recorded for each stage it covers if it qualifies (`externalCredentialRefusal`). */
export async function recordExternal(personId: string, input: ExternalInput, actor: Actor) {
  const refusal = externalCredentialRefusal(input);
  if (refusal) throw refusal;
  const person = await getPerson(personId);
  if (!person) throw new NotFound('The person');
  const provider = await currentProvider(person);
  const stamp = toCtIso(now());
  const certs: Certification[] = (input.stages ?? [...CE_STAGES]).map((stage) => ({
    number: newCertificateNumber(),
    holderSub: personId,
    holderName: person.name,
    stage,
    source: 'external',
    external: { body: input.body, course: input.course, evidenceReference: input.evidenceReference },
    issuedOn: input.issuedOn,
    expiresOn: input.expiresOn,
    standing: 'issued',
    providerId: provider?.id,
    providerName: provider?.name,
    providerRegions: provider?.regions ?? [],
    history: [{ at: stamp, action: 'recorded-external', by: actor.sub }],
    createdAt: stamp,
    version: 1,
  }));
  await commit({
    writes: [
      ...certs.flatMap(createCertificateItems),
      ...certs.map((c) =>
        auditPut({
          subjectType: 'certificate',
          subjectId: c.number,
          action: 'recorded-external',
          actor: actorOf(actor),
          at: stamp,
          after: { stage: c.stage, ...input },
        }),
      ),
    ],
  });
  const policy = await lifecycleSettings();
  return { items: certs.map((c) => certificateView(c, ctDate(now()), policy)) };
}
