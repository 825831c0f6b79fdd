import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCognito, type Running } from '../../scripts/local/components';
import { cognitoClient, ensurePool, ensureUser } from '../../scripts/local/cognito';
import type { AuditSubjectType } from '../../shared/domain/audit';
import type { RouteSpec } from '../../shared/http/route';
import { ALL_ROUTES } from '../../shared/http/routes';
import { accountRoutes } from '../../shared/http/routes/accounts';
import { allocationRoutes } from '../../shared/http/routes/allocation';
import { courseRoutes } from '../../shared/http/routes/course';
import { homeworkFileRoutes } from '../../shared/http/routes/homework-files';
import { uploadedFile } from '../support/homework-files';
import { iterationRoutes } from '../../shared/http/routes/iterations';
import { noticeRoutes } from '../../shared/http/routes/notices';
import { providerRoutes } from '../../shared/http/routes/providers';
import { reason as reasonSchema } from '../../shared/http/schemas';
import { injectFaults } from '../support/faults';
import { auditRecords, auditRecordsAddedBy, storedItem, type StoredAudit } from '../support/stored';
import { seedCertificate } from '../support/certificates';
import { at, useClockReset } from '../support/clock';
import {
  createIteration,
  createProvider,
  endorsedApplicant,
  enrolledLearners,
  newApplicant,
  publishedIteration,
  saveProfile,
  springPlan,
  unique,
} from '../support/fixtures';
import { ads, invoke, type Answer, type Call } from '../support/invoke';
import { providerAdmin } from '../support/provider-admins';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

/**
 * Every ADS write is audited (README, "Rules chosen where the documents are silent"), generated from the route
 * table: each route that is not a GET and that ADS staff may call is called once, successfully, and must leave an
 * audit record — read back from the table — on each record it changed, naming who (the ADS caller), what (the
 * action) and why (the reason, where the route takes one). A new ADS write route fails here until it has a case
 * below, or is listed in NO_AUDIT with the reason it legitimately writes none.
 */
let cognito: Running | undefined;
let userPool = '';
beforeAll(async () => {
  // ADS creates staff accounts in Cognito: this file brings its own cognito-local, before any handler loads.
  cognito = await startCognito({ dataDir: mkdtempSync(join(tmpdir(), 'ce-audit-cognito-')) });
  const { userPoolId } = await ensurePool(cognitoClient(cognito.endpoint));
  userPool = userPoolId;
  Object.assign(process.env, {
    USER_POOL_ID: userPoolId,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
  });
}, 60_000);
afterAll(async () => cognito?.stop());

/** A record the call changed, and the action its audit record must name. */
interface Changed {
  type: AuditSubjectType;
  id: string;
  action: string;
}

interface AuditCase {
  /** Brings about what the route needs to succeed, and says how to call it. */
  prepare: () => Promise<Call>;
  /** The records the successful call changed. */
  changed: (call: Call, answer: Answer) => Changed[];
  /** The why to find in the record when it is not the body's `reason` (the route's reason is checked generically). */
  why?: (call: Call) => string | undefined;
  /** Restores what the call changed for the cases after it. */
  after?: () => Promise<void>;
}

/** Routes that legitimately write no audit record, each with the reason. None today. */
const NO_AUDIT: Record<string, string> = {};

const body = (call: Call) => call.body as Record<string, any>;

/** The application a confirmed allocation offers a seat to (set by that case's prepare). */
let offeredApplication = '';
const WHY = 'Decided at the ADS-DDS team meeting of 14 January';

/** One course with two enrolled learners, shared by the course and certification cases (each uses its own part). */
let course: ReturnType<typeof enrolledLearners> | undefined;
const sharedCourse = () => {
  course ??= enrolledLearners(2);
  return course;
};

/** A published iteration with one endorsed application, the window closed: ready for allocation. */
async function endorsedIteration() {
  at('2026-11-22T12:00:00-05:00');
  const provider = await createProvider({ regions: ['North', 'South', 'West'] });
  const iteration = await publishedIteration({ seats: { North: 1, South: 0, West: 0 } });
  at('2026-12-02T10:00:00-05:00');
  const { applicationId } = await endorsedApplicant(iteration.id, provider.id, 'North');
  at('2027-01-16T09:00:00-05:00');
  return { iterationId: iteration.id, applicationId };
}

async function personWithProfile(providerId: string | null) {
  const who = newApplicant(`Pat ${unique()}`);
  await saveProfile(who, providerId);
  return who;
}

/** A DDS account in the pool, as ADS created it. */
const poolAccount = () =>
  ensureUser(cognitoClient(cognito!.endpoint), userPool, `dds.${unique()}@dds.example.org`, 'Local-Passw0rd!', 'dds');

const providerBody = (name: string) => ({
  name,
  regions: ['North'],
  contractsWithAds: 'yes',
  contractsWithDds: 'yes',
  contact: { name: 'Dana Contact', email: `dana.${unique()}@harbor.example.org` },
});

const CASES: Record<string, AuditCase> = {
  // ---- iterations ----
  createIteration: {
    prepare: async () => {
      at('2026-11-22T12:00:00-05:00');
      return { body: springPlan() };
    },
    changed: (_, answer) => [{ type: 'iteration', id: answer.body.id, action: 'created' }],
  },
  updateIteration: {
    prepare: async () => {
      at('2026-11-22T12:00:00-05:00');
      const { id, version } = await createIteration();
      return { params: { iterationId: id }, body: { ...springPlan({ title: 'Spring 2027 (cohort B)' }), version } };
    },
    changed: (call) => [{ type: 'iteration', id: call.params!.iterationId!, action: 'updated' }],
  },
  publishIteration: {
    prepare: async () => {
      at('2026-11-22T12:00:00-05:00');
      const { id } = await createIteration();
      return { params: { iterationId: id } };
    },
    changed: (call) => [{ type: 'iteration', id: call.params!.iterationId!, action: 'published' }],
  },
  correctCalendar: {
    prepare: async () => {
      at('2026-11-22T12:00:00-05:00');
      const { id } = await publishedIteration();
      const read = await invoke(iterationRoutes.getIterationForAds, { as: ads, params: { iterationId: id } });
      at('2027-02-02T09:00:00-05:00');
      return {
        params: { iterationId: id },
        body: {
          version: read.body.version,
          liveClasses: [{ date: '2027-02-02' }, { date: '2027-02-10' }, { date: '2027-03-16' }],
          assignments: read.body.assignments.map(({ id: a, title, dueAt }: Record<string, string>) => ({
            id: a,
            title,
            dueAt,
          })),
          reason: 'Snow closure on 9 February',
        },
      };
    },
    changed: (call) => [{ type: 'iteration', id: call.params!.iterationId!, action: 'calendar-corrected' }],
  },
  putBlackoutDate: {
    // The blackout's own `reason` is what it is (e.g. a staff training day), recorded as the change (`after`).
    prepare: async () => ({ params: { date: '2027-07-02' }, body: { reason: 'ADS staff training day' } }),
    changed: (call) => [{ type: 'blackout', id: call.params!.date!, action: 'added' }],
  },
  deleteBlackoutDate: {
    prepare: async () => {
      const put = await invoke(iterationRoutes.putBlackoutDate, {
        as: ads,
        params: { date: '2027-07-09' },
        body: { reason: 'Office move' },
      });
      if (put.status !== 200) throw new Error(put.text);
      return { params: { date: '2027-07-09' } };
    },
    changed: (call) => [{ type: 'blackout', id: call.params!.date!, action: 'removed' }],
  },
  // ---- accounts ----
  createStaffAccount: {
    prepare: async () => ({ body: { name: 'Morgan Ellis', email: `dds.${unique()}@dds.example.org`, role: 'dds' } }),
    changed: (_, answer) => [{ type: 'person', id: answer.body.personId, action: 'account-created:dds' }],
  },
  disableAccount: {
    prepare: async () => ({ params: { personId: await poolAccount() }, body: { reason: WHY } }),
    changed: (call) => [{ type: 'person', id: call.params!.personId!, action: 'account-disabled' }],
  },
  enableAccount: {
    prepare: async () => {
      const personId = await poolAccount();
      const disabled = await invoke(accountRoutes.disableAccount, {
        as: ads,
        params: { personId },
        body: { reason: WHY },
      });
      if (disabled.status !== 200) throw new Error(`disabling failed: ${disabled.text}`);
      return { params: { personId }, body: { reason: WHY } };
    },
    changed: (call) => [{ type: 'person', id: call.params!.personId!, action: 'account-enabled' }],
  },
  signOutEverywhere: {
    prepare: async () => ({}),
    changed: () => [{ type: 'person', id: ads.sub, action: 'signed-out-everywhere' }],
    // The ADS caller's tokens issued until that second are refused: the next case's is issued in a later one.
    after: () => new Promise((resolve) => setTimeout(resolve, 1100 - (Date.now() % 1000))),
  },
  // ---- providers ----
  endProviderAdmin: {
    prepare: async () => {
      const { id } = await createProvider();
      const admin = await providerAdmin(id);
      return { params: { providerId: id, personId: admin.sub }, body: { reason: WHY } };
    },
    changed: (call) => [
      { type: 'provider', id: call.params!.providerId!, action: 'admin-ended' },
      { type: 'person', id: call.params!.personId!, action: 'admin-link-ended' },
    ],
  },
  createProvider: {
    prepare: async () => ({ body: providerBody(`Harbor Supports ${unique()}`) }),
    changed: (_, answer) => [{ type: 'provider', id: answer.body.id, action: 'created' }],
  },
  updateProvider: {
    prepare: async () => {
      const { id, version } = await createProvider();
      return { params: { providerId: id }, body: { ...providerBody(`Renamed Supports ${unique()}`), version } };
    },
    changed: (call) => [{ type: 'provider', id: call.params!.providerId!, action: 'updated' }],
  },
  setProviderPriority: {
    prepare: async () => {
      const { id } = await createProvider();
      return { params: { providerId: id }, body: { priority: true, reason: WHY } };
    },
    changed: (call) => [{ type: 'provider', id: call.params!.providerId!, action: 'priority-set' }],
  },
  addProviderSupervisor: {
    prepare: async () => {
      const { id } = await createProvider();
      return {
        params: { providerId: id },
        body: { name: 'Sam Supervisor', email: `sam.${unique()}@harbor.example.org`, reason: WHY },
      };
    },
    changed: (call, answer) => [
      { type: 'supervisor', id: `${call.params!.providerId}#${answer.body.id}`, action: 'authorised' },
    ],
  },
  decideSupervisor: {
    prepare: async () => {
      const { id } = await createProvider();
      await saveProfile(newApplicant(`Pat ${unique()}`), id, {}, { authorised: false });
      const listed = await invoke(providerRoutes.listProviderSupervisors, { as: ads, params: { providerId: id } });
      const [pending] = listed.body.items;
      return {
        params: { providerId: id, supervisorId: pending.id },
        body: { decision: 'refuse', reason: WHY, version: pending.version },
      };
    },
    changed: (call) => [
      { type: 'supervisor', id: `${call.params!.providerId}#${call.params!.supervisorId}`, action: 'refused' },
    ],
  },
  decideReview: {
    prepare: async () => {
      const { applicationId } = await endorsedIteration();
      return { params: { applicationId }, body: { outcome: 'upheld', reason: WHY } };
    },
    changed: (call) => [{ type: 'review', id: call.params!.applicationId!, action: 'upheld' }],
  },
  // ---- applications ----
  admitToRecertification: {
    prepare: async () => {
      at('2026-11-22T12:00:00-05:00');
      const { id } = await createIteration({ kind: 'recertification', title: 'Recertification 2027' });
      const who = await personWithProfile(null);
      return { params: { iterationId: id, personId: who.sub }, body: { reason: WHY } };
    },
    changed: (call) => [{ type: 'person', id: call.params!.personId!, action: 'admitted-to-recertification' }],
  },
  // ---- allocation ----
  computeProposal: {
    prepare: async () => {
      const { iterationId } = await endorsedIteration();
      return { params: { iterationId } };
    },
    changed: (call) => [{ type: 'allocation', id: call.params!.iterationId!, action: 'proposal-computed' }],
  },
  setOverride: {
    prepare: async () => {
      const { iterationId, applicationId } = await endorsedIteration();
      return { params: { iterationId, applicationId }, body: { decision: 'waitlist', reason: WHY } };
    },
    changed: (call) => [{ type: 'application', id: call.params!.applicationId!, action: 'override-waitlist' }],
  },
  confirmProposal: {
    prepare: async () => {
      const { iterationId, applicationId } = await endorsedIteration();
      offeredApplication = applicationId;
      const proposal = await invoke(allocationRoutes.computeProposal, { as: ads, params: { iterationId } });
      return { params: { iterationId }, body: { version: proposal.body.version } };
    },
    // The applicant's standing changed too (offered a seat): it has its own record, naming the confirmation.
    changed: (call) => [
      { type: 'allocation', id: call.params!.iterationId!, action: 'confirmation-started' },
      { type: 'application', id: offeredApplication, action: 'offered' },
    ],
  },
  closeAllocation: {
    prepare: async () => {
      const { iterationId } = await endorsedIteration();
      return { params: { iterationId }, body: { reason: 'Enough learners for this cohort' } };
    },
    changed: (call) => [{ type: 'allocation', id: call.params!.iterationId!, action: 'allocation-closed' }],
  },
  // ---- course ----
  recordAttendance: {
    prepare: async () => {
      const { iteration, learners } = await sharedCourse();
      at('2027-02-02T12:05:00-05:00');
      return {
        params: { iterationId: iteration.id, date: '2027-02-02' },
        body: { entries: learners.map((l) => ({ applicationId: l.applicationId, status: 'present' })) },
      };
    },
    changed: (call) => [
      { type: 'attendance', id: `${call.params!.iterationId}#${call.params!.date}`, action: 'roster-recorded' },
    ],
  },
  correctAttendance: {
    prepare: async () => {
      const { iteration, learners } = await sharedCourse();
      at('2027-02-09T12:05:00-05:00');
      return {
        params: { iterationId: iteration.id, date: '2027-02-09', applicationId: learners[0]!.applicationId },
        body: { status: 'partial', minutesMissed: 20, reason: 'Joined late: the roster was taken too early' },
      };
    },
    changed: (call) => [
      { type: 'attendance', id: `${call.params!.iterationId}#${call.params!.date}`, action: 'corrected' },
    ],
  },
  reviewHomework: {
    prepare: async () => {
      const { iteration, learners } = await sharedCourse();
      const learner = learners[0]!;
      const assignmentId = iteration.assignments[0]!.id;
      at('2027-03-12T10:00:00-05:00');
      const submitted = await invoke(courseRoutes.submitHomework, {
        as: learner.who,
        params: { applicationId: learner.applicationId, assignmentId },
        body: { text: 'My discovery profile' },
      });
      if (submitted.status >= 300) throw new Error(submitted.text);
      return {
        params: { iterationId: iteration.id, assignmentId, applicationId: learner.applicationId },
        body: { status: 'returned', feedback: 'Add the employers you contacted' },
      };
    },
    changed: (call) => [
      {
        type: 'homework',
        id: `${call.params!.iterationId}#${call.params!.assignmentId}#${call.params!.applicationId}`,
        action: 'marked-returned',
      },
    ],
    why: (call) => body(call).feedback,
  },
  grantExtension: {
    prepare: async () => {
      const { iteration, learners } = await sharedCourse();
      at('2027-03-10T10:00:00-05:00');
      return {
        params: {
          iterationId: iteration.id,
          assignmentId: iteration.assignments[0]!.id,
          applicationId: learners[1]!.applicationId,
        },
        body: { until: '2027-03-22T23:59', reason: 'Medical leave' },
      };
    },
    changed: (call) => [
      {
        type: 'homework',
        id: `${call.params!.iterationId}#${call.params!.assignmentId}#${call.params!.applicationId}`,
        action: 'extension-granted',
      },
    ],
  },
  homeworkFileLink: {
    prepare: async () => {
      const { iteration, learners } = await sharedCourse();
      at('2027-03-10T10:00:00-05:00');
      const learner = learners[0]!;
      const assignmentId = iteration.assignments[0]!.id;
      const fileId = await uploadedFile(
        learner.who,
        { applicationId: learner.applicationId, assignmentId },
        { scanned: true },
      );
      return { params: { iterationId: iteration.id, assignmentId, applicationId: learner.applicationId, fileId } };
    },
    changed: (call) => [
      {
        type: 'homework',
        id: `${call.params!.iterationId}#${call.params!.assignmentId}#${call.params!.applicationId}`,
        action: 'download-link-issued',
      },
    ],
  },
  putHomeworkFileSettings: {
    prepare: async () => {
      const current = await invoke(homeworkFileRoutes.getHomeworkFileSettings, { as: ads });
      return { body: { ...current.body, maxFilesPerAssignment: current.body.maxFilesPerAssignment + 1 } };
    },
    changed: () => [{ type: 'settings', id: 'homework-files', action: 'updated' }],
  },
  // ---- certifications ----
  issueCertifications: {
    prepare: async () => {
      const { iteration, learners } = await sharedCourse();
      at('2027-03-20T10:00:00-04:00');
      return {
        params: { iterationId: iteration.id },
        body: { exceptions: [{ applicationId: learners[1]!.applicationId, reason: 'Missed a class for jury duty' }] },
      };
    },
    changed: (call, answer) => [
      ...answer.body.issued.flatMap((i: { certificates: { number: string }[] }) =>
        i.certificates.map((c) => ({ type: 'certificate' as const, id: c.number, action: 'issued-by-exception' })),
      ),
      { type: 'application', id: body(call).exceptions[0].applicationId, action: 'certified-by-exception' },
    ],
    why: (call) => body(call).exceptions[0].reason,
  },
  setCertificateStanding: {
    prepare: async () => {
      const who = await personWithProfile(null);
      const cert = await seedCertificate({ holderSub: who.sub, holderName: who.name, expiresOn: '2029-01-01' });
      return { params: { number: cert.number }, body: { action: 'suspend', reason: 'Under review after a complaint' } };
    },
    changed: (call) => [{ type: 'certificate', id: call.params!.number!, action: 'suspend' }],
  },
  recordExternalCertification: {
    prepare: async () => {
      const who = await personWithProfile(null);
      return {
        params: { personId: who.sub },
        body: {
          credential: 'customized-employment',
          accreditedBy: 'ACRE',
          body: 'Griffin-Hammis Associates',
          course: 'Customized Employment certificate series',
          issuedOn: '2026-06-01',
          expiresOn: '2029-06-01',
          evidenceReference: 'certificate scan in the shared drive',
        },
      };
    },
    changed: (_, answer) =>
      answer.body.items.map((c: { number: string }) => ({
        type: 'certificate' as const,
        id: c.number,
        action: 'recorded-external',
      })),
  },
  recordDeparture: {
    prepare: async () => {
      const provider = await createProvider();
      const who = await personWithProfile(provider.id);
      return { params: { personId: who.sub }, body: { providerId: provider.id, leftOn: '2027-01-10' } };
    },
    changed: (call, answer) => [
      { type: 'person', id: call.params!.personId!, action: 'left-provider' },
      // Nobody certified is left at the provider: it gets priority, with the reason in its own trail.
      ...(answer.body.priorityGranted
        ? [{ type: 'provider' as const, id: body(call).providerId, action: 'priority-set' }]
        : []),
    ],
  },
  changeLegalName: {
    prepare: async () => {
      const who = await personWithProfile(null);
      await seedCertificate({ holderSub: who.sub, holderName: who.name, expiresOn: '2029-01-01' });
      return {
        params: { personId: who.sub },
        body: { name: `${who.name} Keller`, reason: 'Marriage certificate seen by ADS' },
      };
    },
    changed: (call, answer) => [
      { type: 'person', id: call.params!.personId!, action: 'legal-name-changed' },
      ...answer.body.renamed.map((number: string) => ({
        type: 'certificate' as const,
        id: number,
        action: 'holder-name-changed',
      })),
    ],
  },
  anonymisePerson: {
    prepare: async () => {
      const who = await personWithProfile(null);
      await seedCertificate({ holderSub: who.sub, holderName: who.name, expiresOn: '2029-01-01' });
      return { params: { personId: who.sub }, body: { reason: 'Erasure requested in writing' } };
    },
    changed: (call) => [{ type: 'person', id: call.params!.personId!, action: 'person-anonymised' }],
  },
  // ---- notices ----
  resendNotice: {
    prepare: async () => {
      at('2027-08-01T07:00:00-04:00');
      const { handler } = await import('../../functions/jobs/dds-expiry-notice');
      await handler({});
      return { params: { period: '2027-08' }, body: { reason: 'DDS asked for another copy' } };
    },
    changed: (call) => [{ type: 'notice', id: call.params!.period!, action: 'resent' }],
  },
  putLifecycleSettings: {
    prepare: async () => {
      const current = await invoke(noticeRoutes.getLifecycleSettings, { as: ads });
      return { body: { ...current.body, graceDays: current.body.graceDays + 30 } };
    },
    changed: () => [{ type: 'settings', id: 'lifecycle', action: 'updated' }],
  },
};

/** A POST that only reads (`readOnly`: a proposal, a dry run) writes nothing; its own tests show the table unchanged. */
const isAdsWrite = (route: RouteSpec) =>
  route.method !== 'GET' && !route.readOnly && route.access !== 'public' && route.access.includes('ads-staff');
const ADS_WRITES = ALL_ROUTES.filter(isAdsWrite);
/** A route takes a why when its body has the shared `reason` field ("Why: kept in the audit trail"). */
const takesReason = (route: RouteSpec) =>
  (route.body as { shape?: Record<string, unknown> } | undefined)?.shape?.reason === reasonSchema;

describe('every ADS write is audited (generated from the route table)', () => {
  it('has a case, or a reason for writing none, for every ADS write route — and nothing else', () => {
    const ids = ADS_WRITES.map((r) => r.operationId);
    expect(ids.filter((id) => !(id in CASES) && !(id in NO_AUDIT))).toEqual([]);
    expect([...Object.keys(CASES), ...Object.keys(NO_AUDIT)].filter((id) => !ids.includes(id))).toEqual([]);
  });

  it.each(ADS_WRITES.filter((r) => r.operationId in CASES).map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s leaves who, what and why on each record it changed',
    async (_, route) => {
      const auditCase = CASES[route.operationId]!;
      const call = { ...(await auditCase.prepare()), as: ads };
      const { result: answer, added } = await auditRecordsAddedBy(() => invoke(route, call)).finally(auditCase.after);
      expect([answer.status, answer.text]).toEqual([route.success.status, answer.text]);
      const why = auditCase.why?.(call) ?? (takesReason(route) ? body(call).reason : undefined);
      const changed = auditCase.changed(call, answer);
      expect(changed.length).toBeGreaterThan(0);
      for (const record of changed) {
        const trail = added.filter((a) => a.pk === `AUDIT#${record.type}#${record.id}`);
        expect(trail.map((a) => a.action)).toContain(record.action);
        const entry = trail.find((a) => a.action === record.action)!;
        expect(summary(entry)).toEqual({
          subjectType: record.type,
          subjectId: record.id,
          who: { id: ads.sub, isAds: true },
          whenIsInstant: true,
          // Where the route takes no reason, the record may still carry one (e.g. a priority it granted on its own).
          why: why ?? entry.reason,
        });
      }
    },
  );
});

describe('an ADS write and its audit record are written together (README, "Audit records")', () => {
  it('re-sending a DDS notice records the re-send and its audit record in one transaction: both or neither', async () => {
    at('2029-08-01T07:00:00-04:00');
    const { handler } = await import('../../functions/jobs/dds-expiry-notice');
    await handler({});
    const fault = injectFaults({ transactionConflict: 1 });
    let answer: Answer;
    try {
      answer = await invoke(noticeRoutes.resendNotice, {
        as: ads,
        params: { period: '2029-08' },
        body: { reason: 'DDS asked for another copy' },
      });
    } finally {
      fault.stop();
    }
    expect(answer.status).toBe(409);
    expect((await storedItem('NOTICE#2029-08', '#NOTICE'))?.resends ?? []).toEqual([]);
    expect(await auditRecords('notice', '2029-08')).toEqual([]);
  });
});

const summary = (entry: StoredAudit) => ({
  subjectType: entry.subjectType,
  subjectId: entry.subjectId,
  who: { id: entry.actor.id, isAds: entry.actor.roles.includes('ads-staff') },
  whenIsInstant: !Number.isNaN(Date.parse(entry.at)),
  why: entry.reason,
});
