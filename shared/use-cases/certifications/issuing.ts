import { now } from '../../clock';
import { config } from '../../config/runtime';
import { auditPut } from '../../data/audit';
import { actorOf } from '../../domain/audit';
import { applicationsInStatus } from '../../data/applications';
import {
  certificatesOfPerson,
  completionItem,
  issuanceGuardItem,
  newCertificateItems,
  saveCertificateItem,
} from '../../data/certifications';
import { getIteration } from '../../data/iterations';
import { getPerson } from '../../data/people';
import type { Application } from '../../domain/application';
import { ctDate, toCtIso } from '../../domain/calendar/time';
import { expiryAfterThreeYears, renewalExpiry, stillStands, type Certification } from '../../domain/certification';
import { lifecycleSettings } from '../../data/settings';
import { reserveStatusIndexes, statusEntryWrite } from '../../data/credential-status';
import { statusValue } from '../../credentials/status-list';
import { newCertificateNumber } from '../../domain/certificate-number';
import type { Iteration } from '../../domain/iteration';
import { describeMissing } from '../../domain/qualification';
import { CE_STAGE_NAMES, CE_STAGES, type CeStage } from '../../domain/vocabulary';
import type { Outgoing } from '../../email/outbox';
import { certificationsIssued } from '../../email/templates';
import type { Actor } from '../../domain/actor';
import { NotFound, RuleBroken, StaleWrite } from '../../domain/errors';
import { count } from '../../observability/metrics';
import { commit, named, type Change } from '../unit-of-work';
import { currentProvider } from './views';
import { qualificationOf } from '../course/qualification';

/**
 * Issue certifications to every enrolled learner of an iteration who qualifies, in one action.
 * 1. For each enrolled learner: qualification (all live classes attended in full, all homework complete on time).
 *    One who does not qualify is skipped with what is missing — unless ADS records an exception with a reason.
 * 2. One certification per Connecticut CE stage, each with an unguessable number, issued today (Connecticut),
 *    expiring three years later. Completing a recertification iteration renews each stage held: the earlier
 *    certification becomes superseded and stays in the history.
 * 3. Guards make a second issuance impossible; a learner already issued is reported, not doubled.
 * 4. The course completion is recorded under the provider the learner enrolled from (DDS pays on completion).
 */
export async function issueForIteration(
  iterationId: string,
  exceptions: { applicationId: string; reason: string }[],
  actor: Actor,
) {
  const stored = await getIteration(iterationId);
  if (!stored) throw new NotFound('The iteration');
  const iteration = stored.iteration;
  const learners = await applicationsInStatus(iterationId, 'enrolled');
  const unknown = exceptions.filter((e) => !learners.some((l) => l.id === e.applicationId));
  if (unknown.length > 0)
    throw new RuleBroken(
      'Exceptions name learners who are not enrolled here.',
      unknown.map((e) => ({ field: 'exceptions', code: 'not_enrolled', message: e.applicationId })),
    );
  const issued: {
    applicationId: string;
    personId: string;
    name: string;
    certificates: { number: string; stage: CeStage; expiresOn: string }[];
    byException: boolean;
  }[] = [];
  const skipped: { applicationId: string; personId: string; name: string; missing: string[] }[] = [];
  const alreadyIssued: string[] = [];
  for (const learner of learners) {
    const q = await qualificationOf(learner, iteration);
    const exception = exceptions.find((e) => e.applicationId === learner.id);
    if (!q.qualifies && !exception) {
      skipped.push({
        applicationId: learner.id,
        personId: learner.applicantSub,
        name: learner.applicant.name,
        missing: q.missing.map(describeMissing),
      });
      continue;
    }
    const outcome = await issueTo(
      learner,
      iteration,
      actor,
      exception && !q.qualifies ? { reason: exception.reason, missing: q.missing.map(describeMissing) } : undefined,
    );
    if (outcome === 'already') alreadyIssued.push(learner.id);
    else
      issued.push({
        applicationId: learner.id,
        personId: learner.applicantSub,
        name: learner.applicant.name,
        certificates: outcome,
        byException: exception !== undefined && !q.qualifies,
      });
  }
  count('CertificationsIssued', issued.length * CE_STAGES.length);
  return { issued, skipped, alreadyIssued };
}

async function issueTo(
  learner: Application,
  iteration: Iteration,
  actor: Actor,
  exception?: { reason: string; missing: string[] },
) {
  const person = await getPerson(learner.applicantSub);
  const provider = await currentProvider(person);
  const at = now();
  const stamp = toCtIso(at);
  const today = ctDate(at);
  const held = iteration.kind === 'recertification' ? await certificatesOfPerson(learner.applicantSub) : [];
  const { renewFrom } = await lifecycleSettings();
  const writes: Change['writes'] = [];
  const made: Certification[] = [];
  // Each certificate's place in the credential status list (reserved first: a transaction cannot read a counter).
  const firstStatusIndex = await reserveStatusIndexes(CE_STAGES.length);
  for (const [i, stage] of CE_STAGES.entries()) {
    const previous = held
      .filter((c) => c.stage === stage && stillStands(c))
      .sort((a, b) => b.expiresOn.localeCompare(a.expiresOn))[0];
    const cert: Certification = {
      number: newCertificateNumber(),
      holderSub: learner.applicantSub,
      holderName: person?.name ?? learner.applicant.name,
      stage,
      source: 'course',
      iterationId: iteration.id,
      applicationId: learner.id,
      issuedOn: today,
      expiresOn: previous ? renewalExpiry(previous, today, renewFrom) : expiryAfterThreeYears(today),
      standing: 'issued',
      providerId: provider?.id,
      providerName: provider?.name,
      providerRegions: provider?.regions ?? [],
      history: [
        {
          at: stamp,
          action: exception ? 'issued-by-exception' : previous ? 'renewed' : 'issued',
          reason: exception?.reason,
          by: actor.sub,
        },
      ],
      renews: previous?.number,
      statusIndex: firstStatusIndex + i,
      createdAt: stamp,
      version: 1,
    };
    made.push(cert);
    writes.push(
      ...newCertificateItems(cert),
      named('issued', issuanceGuardItem(cert)),
      auditPut({
        subjectType: 'certificate',
        subjectId: cert.number,
        action: cert.history[0]!.action,
        actor: actorOf(actor),
        at: stamp,
        reason: exception?.reason,
        after: {
          stage,
          issuedOn: today,
          expiresOn: cert.expiresOn,
          renews: previous?.number,
          missing: exception?.missing,
        },
      }),
    );
    if (previous) {
      // The renewed certificate's credential says "superseded" in the status list, in the same transaction.
      if (previous.statusIndex !== undefined)
        writes.push(statusEntryWrite(previous.statusIndex, statusValue('superseded'), previous.number));
      writes.push(
        saveCertificateItem(
          {
            ...previous,
            standing: 'superseded',
            supersededBy: cert.number,
            history: [
              ...previous.history,
              { at: stamp, action: 'superseded', reason: `renewed by ${cert.number}`, by: actor.sub },
            ],
            version: previous.version + 1,
          },
          previous.version,
        ),
      );
    }
  }
  writes.push(
    completionItem({
      providerId: learner.providerId,
      providerName: learner.providerName,
      applicationId: learner.id,
      iterationId: iteration.id,
      iterationTitle: iteration.title,
      learnerSub: learner.applicantSub,
      learnerName: learner.applicant.name,
      enrolledAt: learner.enrolledAt ?? learner.updatedAt,
      completedOn: today,
    }),
  );
  if (exception)
    writes.push(
      auditPut({
        subjectType: 'application',
        subjectId: learner.id,
        action: 'certified-by-exception',
        actor: actorOf(actor),
        at: stamp,
        reason: exception.reason,
        before: { missing: exception.missing },
      }),
    );
  const emails: Outgoing[] = [
    {
      key: `certified#${learner.id}`,
      message: certificationsIssued(
        learner,
        iteration.title,
        made.map((c) => ({ number: c.number, stage: CE_STAGE_NAMES[c.stage], expiresOn: c.expiresOn })),
        config.publicBaseUrl,
      ),
    },
  ];
  const result = await commit({ writes, emails });
  if (!result.ok) {
    if (result.refused.has('issued')) return 'already' as const;
    throw new StaleWrite('The certifications changed at the same moment; issue again.');
  }
  return made.map((c) => ({ number: c.number, stage: c.stage, expiresOn: c.expiresOn }));
}
