import { optionalEnv } from '../config/env';
import { now } from '../clock';
import { auditPut } from '../data/audit';
import { actorOf } from '../domain/audit';
import { applicationsInStatus } from '../data/applications';
import {
  certificatesExpiringBetween,
  certificatesOfPerson,
  certificatesOfProvider,
  completionItem,
  completions,
  createCertificateItems,
  followHolderItems,
  issuanceGuardItem,
  newCertificateItems,
  getCertificate,
  saveCertificateItem,
  searchActive,
  type RegistryFilter,
} from '../data/certifications';
import { getIteration } from '../data/iterations';
import { getPerson, savePersonItems } from '../data/people';
import { getProvider, getProviders, setPriorityItem } from '../data/providers';
import type { Application } from '../domain/application';
import { ctDate, toCtIso } from '../domain/calendar/time';
import {
  certificationState,
  changeStanding,
  expiryAfterThreeYears,
  externalCredentialRefusal,
  renewalExpiry,
  stillStands,
  type Certification,
  type ExternalCredential,
  type LifecyclePolicy,
  type StandingAction,
} from '../domain/certification';
import { lifecycleSettings } from '../data/settings';
import { randomCode } from '../domain/ids';
import type { Iteration } from '../domain/iteration';
import { assertWorksFor, type Person } from '../domain/person';
import { departureGrantsPriority } from '../domain/provider';
import { describeMissing } from '../domain/qualification';
import { CE_STAGE_NAMES, CE_STAGES, REGIONS, type CeStage, type Region } from '../domain/vocabulary';
import type { Outgoing } from '../email/outbox';
import { certificationsIssued, standingChanged } from '../email/templates';
import type { Actor } from '../domain/actor';
import { NotFound, RuleBroken, StaleWrite } from '../domain/errors';
import { count } from '../observability/metrics';
import { qualificationOf } from './course';
import { commit, commitOrStale, named, type Change } from './unit-of-work';

const PUBLIC_BASE_URL = optionalEnv('PUBLIC_BASE_URL', 'http://127.0.0.1:3000');

/** Certificate numbers: 80 random bits in Crockford base32, grouped for reading off paper. */
export const newCertificateNumber = () => `CT-CE-${randomCode(10).match(/.{4}/g)!.join('-')}`;

export type CertificateView = ReturnType<typeof certificateView>;

export const certificateView = (c: Certification, today: string, policy: LifecyclePolicy) => {
  const state = certificationState(c, today, policy);
  return {
    number: c.number,
    personId: c.holderSub,
    holderName: c.holderName,
    stage: c.stage,
    stageName: CE_STAGE_NAMES[c.stage],
    source: c.source,
    status: state.state,
    active: state.active,
    issuedOn: c.issuedOn,
    expiresOn: c.expiresOn,
    renewalOpensOn: state.renewalOpensOn,
    graceEndsOn: state.graceEndsOn,
    providerId: c.providerId ?? null,
    providerName: c.providerName ?? null,
    providerRegions: c.providerRegions,
    iterationId: c.iterationId,
    external: c.external,
    renews: c.renews,
    supersededBy: c.supersededBy,
    history: c.history,
  };
};

/** The provider a person's certifications are listed under: their confirmed provider, or none. */
async function currentProvider(person: Person | undefined) {
  if (!person?.providerId || person.membership !== 'confirmed') return undefined;
  return getProvider(person.providerId);
}

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
  for (const stage of CE_STAGES) {
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
        PUBLIC_BASE_URL,
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

export async function myCertifications(actor: Actor) {
  return personCertifications(actor.sub);
}

export async function personCertifications(personId: string) {
  const today = ctDate(now());
  const policy = await lifecycleSettings();
  return { items: (await certificatesOfPerson(personId)).map((c) => certificateView(c, today, policy)) };
}

/** Course completions of learners enrolled from a provider (outside training is not in it: DDS does not pay for it). */
export async function completionReport(providerId: string, from: string, to: string) {
  if (!(await getProvider(providerId))) throw new NotFound('The provider');
  return { items: (await completions(providerId, from, to)).map(({ learnerSub: _s, ...c }) => c) };
}

// ---- staff departures ----

/**
 * Records that a staff member left a provider (on a date). Their certifications stay theirs and leave the provider
 * with them. If that leaves the provider with no staff holding an active certification, it gets priority status
 * for the next allocation, automatically, with the reason in its audit trail.
 */
export async function recordDeparture(personId: string, providerId: string, leftOn: string, actor: Actor) {
  const person = await getPerson(personId);
  if (!person) throw new NotFound('The person');
  assertWorksFor(person, providerId);
  const provider = await getProvider(providerId);
  if (!provider) throw new NotFound('The provider');
  const stamp = toCtIso(now());
  const today = ctDate(now());
  const next: Person = {
    ...person,
    providerId: undefined,
    membership: 'none',
    membershipConfirmedAt: undefined,
    departedFrom: [...(person.departedFrom ?? []), { providerId, on: leftOn }],
    version: person.version + 1,
    updatedAt: stamp,
  };
  const follow = followHolderItems(await certificatesOfPerson(personId), undefined, { at: stamp, by: actor.sub });
  await commitOrStale(
    {
      writes: [
        ...savePersonItems(next, person),
        ...follow.items,
        auditPut({
          subjectType: 'person',
          subjectId: personId,
          action: 'left-provider',
          actor: actorOf(actor),
          at: stamp,
          before: { providerId, membership: person.membership },
          after: { providerId: null, membership: 'none', leftOn, certificationsMoved: follow.moved },
        }),
      ],
    },
    'The person changed at the same moment; reload.',
  );
  const policy = await lifecycleSettings();
  const remaining = new Set(
    (await certificatesOfProvider(providerId))
      .filter((c) => certificationState(c, today, policy).active)
      .map((c) => c.holderSub),
  );
  let priorityGranted = false;
  if (departureGrantsPriority(remaining.size, provider)) {
    const reason = `${person.name} left on ${leftOn}; no remaining staff holds an active CE certification`;
    await commit({
      writes: [
        setPriorityItem(providerId, { since: stamp, reason, source: 'departure' }, stamp),
        auditPut({
          subjectType: 'provider',
          subjectId: providerId,
          action: 'priority-set',
          actor: actorOf(actor),
          at: stamp,
          reason,
          after: { source: 'departure', personId },
        }),
      ],
    });
    priorityGranted = true;
  }
  return { personId, providerId, leftOn, remainingCertifiedStaff: remaining.size, priorityGranted };
}

// ---- the registry ----

export async function searchRegistry(filter: RegistryFilter, cursor: string | undefined, limit: number) {
  const today = ctDate(now());
  const page = await searchActive(filter, today, cursor, limit);
  const policy = await lifecycleSettings();
  return { items: page.certificates.map((c) => certificateView(c, today, policy)), cursor: page.cursor };
}

/** Every active certification matching the filter (all pages), for the CSV export. */
export async function registryRows(filter: RegistryFilter) {
  const rows: CertificateView[] = [];
  let cursor: string | undefined;
  do {
    const page = await searchRegistry(filter, cursor, 100);
    rows.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return rows;
}

/** Anyone may verify a certificate by its number: name, stage, status and dates, nothing personal beyond that. */
export async function verify(number: string) {
  const cert = await getCertificate(number);
  if (!cert) throw new NotFound('The certificate');
  const v = certificateView(cert, ctDate(now()), await lifecycleSettings());
  return {
    number: v.number,
    holderName: v.holderName,
    stage: v.stage,
    stageName: v.stageName,
    status: v.status,
    active: v.active,
    issuedOn: v.issuedOn,
    expiresOn: v.expiresOn,
  };
}

/**
 * The public list of qualified agencies: per region, the providers with at least one staff member holding an
 * active certification — not a statement of their capacity. Reads only unexpired certifications (expiry index).
 */
export async function qualifiedProviders() {
  const today = ctDate(now());
  const policy = await lifecycleSettings();
  const active = (await certificatesExpiringBetween(today, '9999-12-31')).filter(
    (c) => certificationState(c, today, policy).active && c.providerId,
  );
  const providers = await getProviders([...new Set(active.map((c) => c.providerId!))]);
  const regions = Object.fromEntries(REGIONS.map((r) => [r, [] as { id: string; name: string }[]])) as Record<
    Region,
    { id: string; name: string }[]
  >;
  for (const provider of [...providers.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    for (const region of provider.regions) regions[region].push({ id: provider.id, name: provider.name });
  }
  return {
    regions,
    note: 'Agencies with staff holding an active Customized Employment certification; not a statement of their capacity to take referrals.',
  };
}
