import { parse } from 'csv-parse/sync';
import { accountRoutes } from '../../shared/http/routes/accounts';
import { allocationRoutes } from '../../shared/http/routes/allocation';
import { auditRoutes } from '../../shared/http/routes/audit';
import { certificationRoutes as r } from '../../shared/http/routes/certifications';
import { courseRoutes } from '../../shared/http/routes/course';
import { providerRoutes } from '../../shared/http/routes/providers';
import { registryRoutes } from '../../shared/http/routes/registry';
import { at, useClockReset } from '../support/clock';
import { createProvider, endorsedApplicant, enrolledLearners, publishedIteration } from '../support/fixtures';
import { readSafeCsv } from '../support/csv';
import { ads, applicantA, dds, invoke } from '../support/invoke';
import { emailsTo } from '../support/ses';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

type Learner = Awaited<ReturnType<typeof enrolledLearners>>['learners'][number];

/** Runs the course: every class recorded (`absentFrom` misses the second), the homework handed in on time and marked complete. */
async function runCourse(
  iteration: Awaited<ReturnType<typeof enrolledLearners>>['iteration'],
  learners: Learner[],
  absentFrom?: Learner,
) {
  const roster = (date: string) => ({
    entries: learners.map((l) => ({
      applicationId: l.applicationId,
      status: l === absentFrom && date === '2027-02-09' ? 'absent' : 'present',
    })),
  });
  for (const [date, time] of [
    ['2027-02-02', '-05:00'],
    ['2027-02-09', '-05:00'],
    ['2027-03-16', '-04:00'],
  ] as const) {
    at(`${date}T12:05:00${time}`);
    const recorded = await invoke(courseRoutes.recordAttendance, {
      as: ads,
      params: { iterationId: iteration.id, date },
      body: roster(date),
    });
    if (recorded.status !== 201) throw new Error(recorded.text);
    if (date === '2027-02-09') {
      at('2027-03-12T10:00:00-05:00');
      for (const l of learners)
        await invoke(courseRoutes.submitHomework, {
          as: l.who,
          params: { applicationId: l.applicationId, assignmentId: iteration.assignments[0]!.id },
          body: { text: 'profile' },
        });
      for (const l of learners)
        await invoke(courseRoutes.reviewHomework, {
          as: ads,
          params: {
            iterationId: iteration.id,
            assignmentId: iteration.assignments[0]!.id,
            applicationId: l.applicationId,
          },
          body: { status: 'complete' },
        });
    }
  }
  at('2027-03-20T10:00:00-04:00');
}

describe('issuing certifications', () => {
  it('issues one certification per stage to those who qualify, skips the others with what is missing, never twice; an exception needs a reason', async () => {
    const { iteration, learners, providerId } = await enrolledLearners(3);
    const [a, b, c] = learners;
    await runCourse(iteration, learners, c);
    const issue = await invoke(r.issueCertifications, { as: ads, params: { iterationId: iteration.id }, body: {} });
    expect(issue.status).toBe(200);
    expect(issue.body.issued.map((i: { name: string }) => i.name).sort()).toEqual(['Learner 1', 'Learner 2']);
    expect(issue.body.skipped).toEqual([
      {
        applicationId: c!.applicationId,
        personId: c!.who.sub,
        name: 'Learner 3',
        missing: ['Live class of 2027-02-09: absent'],
      },
    ]);
    const certs = issue.body.issued[0].certificates;
    expect(certs.map((x: { stage: string }) => x.stage)).toEqual(['discovery', 'job-development', 'post-employment']);
    expect(
      certs.every(
        (x: { expiresOn: string; number: string }) =>
          x.expiresOn === '2030-03-20' && /^CT-CE-(\w{4}-){3}\w{4}$/.test(x.number),
      ),
    ).toBe(true);
    expect(
      new Set(
        issue.body.issued.flatMap((i: { certificates: { number: string }[] }) => i.certificates.map((x) => x.number)),
      ).size,
    ).toBe(6);
    const certified = (await emailsTo(a!.who.email!)).find((m) => m.subject.startsWith('Certified'));
    expect(certified?.body.text).toContain(certs[0].number);
    // Each certificate's one permanent public address, as a real link, answers the verification.
    for (const c of certs as { number: string }[]) {
      const address = `${process.env.PUBLIC_BASE_URL}/verify/${c.number}`;
      expect(certified?.body.html).toContain(`<a href="${address}">`);
      const [atAddress, byNumber] = await Promise.all([
        invoke(registryRoutes.verifyAtAddress, { params: { number: c.number } }),
        invoke(registryRoutes.verifyCertificate, { params: { number: c.number } }),
      ]);
      expect([atAddress.status, atAddress.headers['content-type'], byNumber.status]).toEqual([
        200,
        'text/html; charset=utf-8',
        200,
      ]);
      expect(atAddress.text).toContain(`<h1>Certificate ${c.number}</h1>`);
    }

    const again = await invoke(r.issueCertifications, { as: ads, params: { iterationId: iteration.id }, body: {} });
    expect(again.body.alreadyIssued.sort()).toEqual([a!.applicationId, b!.applicationId].sort());
    expect(again.body.issued).toEqual([]);
    expect((await invoke(r.myCertifications, { as: a!.who })).body.items).toHaveLength(3);

    const exception = await invoke(r.issueCertifications, {
      as: ads,
      params: { iterationId: iteration.id },
      body: {
        exceptions: [{ applicationId: c!.applicationId, reason: 'Absence was a documented ADS platform outage' }],
      },
    });
    expect(exception.body.issued).toEqual([
      expect.objectContaining({ applicationId: c!.applicationId, byException: true }),
    ]);
    const trail = await invoke(auditRoutes.getAuditTrail, {
      as: ads,
      params: { subjectType: 'application', subjectId: c!.applicationId },
    });
    expect(trail.body.items.at(-1)).toMatchObject({
      action: 'certified-by-exception',
      reason: 'Absence was a documented ADS platform outage',
      before: { missing: ['Live class of 2027-02-09: absent'] },
    });

    const report = await invoke(r.completionReport, {
      as: dds,
      params: { providerId },
      query: { from: '2027-01-01', to: '2027-12-31' },
    });
    expect(report.body.items.map((x: { learnerName: string }) => x.learnerName).sort()).toEqual([
      'Learner 1',
      'Learner 2',
      'Learner 3',
    ]);
    expect(report.body.items[0]).toMatchObject({
      providerId,
      iterationTitle: 'Spring 2027 — initial certification',
      completedOn: '2027-03-20',
      enrolledAt: expect.any(String),
    });

    // The same report as CSV, for DDS's payment records: one row per completion, read back by a CSV parser.
    const csv = await invoke(r.completionReportCsv, {
      as: dds,
      params: { providerId },
      query: { from: '2027-01-01', to: '2027-12-31' },
    });
    expect(csv.status).toBe(200);
    const { rows } = readSafeCsv(csv.body as string);
    expect(rows.map((row) => row.Learner).sort()).toEqual(['Learner 1', 'Learner 2', 'Learner 3']);
    expect(rows[0]).toMatchObject({ Iteration: 'Spring 2027 — initial certification', 'Completed on': '2027-03-20' });
  });

  it('revokes, suspends and reinstates with a reason, keeping the history; anyone can verify a number without personal data', async () => {
    const { iteration, learners } = await enrolledLearners(1);
    await runCourse(iteration, learners);
    const { body } = await invoke(r.issueCertifications, { as: ads, params: { iterationId: iteration.id }, body: {} });
    const number = body.issued[0].certificates[0].number;
    const verified = await invoke(registryRoutes.verifyCertificate, { params: { number } });
    expect(verified.body).toEqual({
      lastChangedAt: verified.body.lastChangedAt,
      credential: `/verify/${number}/credential`,
      number,
      holderName: 'Learner 1',
      stage: 'discovery',
      stageName: 'Discovery',
      status: 'active',
      active: true,
      issuedOn: '2027-03-20',
      expiresOn: '2030-03-20',
    });
    expect(verified.text).not.toContain('@');
    await invoke(r.setCertificateStanding, {
      as: ads,
      params: { number },
      body: { action: 'suspend', reason: 'Under review after a complaint' },
    });
    expect((await invoke(registryRoutes.verifyCertificate, { params: { number } })).body).toMatchObject({
      status: 'suspended',
      active: false,
    });
    const reinstated = await invoke(r.setCertificateStanding, {
      as: ads,
      params: { number },
      body: { action: 'reinstate', reason: 'Complaint not upheld' },
    });
    expect(reinstated.body.history.map((h: { action: string }) => h.action)).toEqual([
      'issued',
      'suspended',
      'reinstated',
    ]);
    await invoke(r.setCertificateStanding, {
      as: ads,
      params: { number },
      body: { action: 'revoke', reason: 'Fraudulent attendance record' },
    });
    expect((await invoke(registryRoutes.verifyCertificate, { params: { number } })).body.status).toBe('revoked');
    expect(
      (
        await invoke(r.setCertificateStanding, {
          as: ads,
          params: { number },
          body: { action: 'reinstate', reason: 'x' },
        })
      ).status,
    ).toBe(409);
    at('2030-03-20T00:00:00-04:00');
    const other = body.issued[0].certificates[1].number;
    expect((await invoke(registryRoutes.verifyCertificate, { params: { number: other } })).body).toMatchObject({
      status: 'in-grace',
      active: false,
    });
    expect(
      (await invoke(registryRoutes.verifyCertificate, { params: { number: 'CT-CE-0000-0000-0000-0000' } })).status,
    ).toBe(404);
    expect(
      (
        await invoke(r.setCertificateStanding, {
          as: dds,
          params: { number },
          body: { action: 'suspend', reason: 'x' },
        })
      ).status,
    ).toBe(403);
  });

  it('records only an ACRE-accredited Customized Employment certification from elsewhere; CESP is refused with the reason', async () => {
    const { learners } = await enrolledLearners(1);
    const personId = learners[0]!.who.sub;
    const base = {
      accreditedBy: 'ACRE',
      body: 'Griffin-Hammis Associates',
      course: 'Customized Employment certificate',
      issuedOn: '2025-06-01',
      expiresOn: '2028-06-01',
      evidenceReference: 'Certificate scan, file 2025-118',
    };
    const cesp = await invoke(r.recordExternalCertification, {
      as: ads,
      params: { personId },
      body: { ...base, credential: 'cesp' },
    });
    expect([cesp.status, cesp.body.errors[0].code]).toEqual([422, 'cesp_not_ce']);
    expect(cesp.body.errors[0].message).toContain('does not allow a person to provide Customized Employment services');
    const notAcre = await invoke(r.recordExternalCertification, {
      as: ads,
      params: { personId },
      body: { ...base, credential: 'customized-employment', accreditedBy: 'NCCA' },
    });
    expect(notAcre.body.errors[0].code).toBe('not_acre');
    const ok = await invoke(r.recordExternalCertification, {
      as: ads,
      params: { personId },
      body: { ...base, credential: 'customized-employment' },
    });
    expect(
      ok.body.items.map((c: { stage: string; source: string; status: string }) => [c.stage, c.source, c.status]),
    ).toEqual([
      ['discovery', 'external', 'active'],
      ['job-development', 'external', 'active'],
      ['post-employment', 'external', 'active'],
    ]);
  });
});

describe('staff departures and priority', () => {
  it("when a provider's last certified staff member leaves, it gets priority (audited), used by one allocation; the person keeps their certifications", async () => {
    const { iteration, learners, providerId } = await enrolledLearners(1);
    await runCourse(iteration, learners);
    await invoke(r.issueCertifications, { as: ads, params: { iterationId: iteration.id }, body: {} });
    const person = learners[0]!.who;
    at('2027-06-01T10:00:00-04:00');
    const left = await invoke(r.recordDeparture, {
      as: ads,
      params: { personId: person.sub },
      body: { providerId, leftOn: '2027-05-31' },
    });
    expect(left.body).toMatchObject({ remainingCertifiedStaff: 0, priorityGranted: true });
    const provider = await invoke(providerRoutes.getProviderForAds, { as: ads, params: { providerId } });
    expect(provider.body.priority).toMatchObject({
      source: 'departure',
      reason: 'Learner 1 left on 2027-05-31; no remaining staff holds an active CE certification',
    });
    const mine = await invoke(r.myCertifications, { as: person });
    expect(
      mine.body.items.every((c: { active: boolean; providerId: string | null }) => c.active && c.providerId === null),
    ).toBe(true);
    expect((await invoke(accountRoutes.getMyProfile, { as: person })).body).toMatchObject({
      providerId: null,
      membership: 'none',
    });

    // The next allocation uses the priority, then it is cleared.
    at('2027-06-02T10:00:00-04:00');
    const next = await publishedIteration({
      title: 'Fall 2027',
      applicationWindow: { opensAt: '2027-06-02T09:00', closesAt: '2027-08-01T17:00' },
      seats: { North: 1, South: 0, West: 0 },
      liveClasses: [{ date: '2027-09-14' }],
      assignments: [],
    });
    const other = await createProvider();
    at('2027-06-03T10:00:00-04:00');
    await endorsedApplicant(next.id, other.id, 'North');
    at('2027-06-04T10:00:00-04:00');
    const fromPriority = await endorsedApplicant(next.id, providerId, 'North');
    at('2027-08-02T10:00:00-04:00');
    const proposal = await invoke(allocationRoutes.computeProposal, {
      as: ads,
      params: { iterationId: next.id },
    });
    expect(proposal.body.lines.find((l: { decision: string }) => l.decision === 'seat').applicationId).toBe(
      fromPriority.applicationId,
    );
    await invoke(allocationRoutes.confirmProposal, {
      as: ads,
      params: { iterationId: next.id },
      body: { version: proposal.body.version },
    });
    expect(
      (await invoke(providerRoutes.getProviderForAds, { as: ads, params: { providerId } })).body.priority,
    ).toBeUndefined();
    const trail = await invoke(auditRoutes.getAuditTrail, {
      as: ads,
      params: { subjectType: 'provider', subjectId: providerId },
    });
    expect(trail.body.items.slice(-2).map((e: { action: string }) => e.action)).toEqual([
      'priority-set',
      'priority-cleared',
    ]);
  });
});

describe('the registry', () => {
  it('searches active certifications by provider, region, stage, name prefix (case- and accent-insensitive) and expiry; pages; exports CSV', async () => {
    const provider = await createProvider({ name: 'Registry Works', regions: ['North', 'West'] });
    const { iteration, learners } = await enrolledLearners(2, { providerId: provider.id });
    await invoke(accountRoutes.putMyProfile, {
      as: learners[0]!.who,
      body: {
        name: 'Éloïse Tremblay',
        jobTitle: 'Job developer',
        position: 'direct-service',
        providerId: provider.id,
        supervisor: { name: 'S', email: learners[0]!.who.supervisorEmail },
      },
    });
    await runCourse(iteration, learners);
    await invoke(r.issueCertifications, { as: ads, params: { iterationId: iteration.id }, body: {} });

    const byName = await invoke(registryRoutes.searchRegistry, { as: dds, query: { namePrefix: 'ELOISE tr' } });
    expect(byName.body.items.map((c: { holderName: string }) => c.holderName)).toEqual([
      'Éloïse Tremblay',
      'Éloïse Tremblay',
      'Éloïse Tremblay',
    ]);
    const byProvider = await invoke(registryRoutes.searchRegistry, {
      as: ads,
      query: { providerId: provider.id, stage: 'discovery' },
    });
    expect(byProvider.body.items.map((c: { holderName: string }) => c.holderName).sort()).toEqual([
      'Learner 2',
      'Éloïse Tremblay',
    ]);
    const byRegion = await invoke(registryRoutes.searchRegistry, {
      as: dds,
      query: { region: 'West', stage: 'post-employment', expiresFrom: '2030-03-01', expiresTo: '2030-03-31' },
    });
    expect(byRegion.body.items.filter((c: { providerId: string }) => c.providerId === provider.id)).toHaveLength(2);
    expect(
      (await invoke(registryRoutes.searchRegistry, { as: dds, query: { region: 'South', providerId: provider.id } }))
        .body.items,
    ).toEqual([]);
    const first = await invoke(registryRoutes.searchRegistry, {
      as: dds,
      query: { providerId: provider.id, limit: '4' },
    });
    const second = await invoke(registryRoutes.searchRegistry, {
      as: dds,
      query: { providerId: provider.id, limit: '4', cursor: first.body.cursor },
    });
    expect(first.body.items.length + second.body.items.length).toBe(6);
    const csv = parse(
      (await invoke(registryRoutes.registryCsv, { as: dds, query: { providerId: provider.id } })).text,
      { columns: true, bom: true },
    ) as Record<string, string>[];
    expect(csv).toHaveLength(6);
    expect(csv[0]).toMatchObject({
      Provider: 'Registry Works',
      Regions: 'North West',
      'Expires on': '2030-03-20',
      Source: 'course',
    });
    expect((await invoke(registryRoutes.searchRegistry, { as: applicantA })).status).toBe(403);
    expect((await invoke(registryRoutes.searchRegistry)).status).toBe(401);

    const qualified = await invoke(registryRoutes.qualifiedProviders);
    expect(qualified.body.regions.West.map((p: { name: string }) => p.name)).toContain('Registry Works');
    expect(qualified.body.regions.South.map((p: { name: string }) => p.name)).not.toContain('Registry Works');
  });
});

describe('certifications follow their provider', () => {
  it("a provider's new name and regions reach its staff's certifications in the registry", async () => {
    const provider = await createProvider({ name: 'Old Name Agency', regions: ['North'] });
    const { iteration, learners } = await enrolledLearners(1, { providerId: provider.id });
    await runCourse(iteration, learners);
    await invoke(r.issueCertifications, { as: ads, params: { iterationId: iteration.id }, body: {} });
    const current = (await invoke(providerRoutes.getProviderForAds, { as: ads, params: { providerId: provider.id } }))
      .body;
    await invoke(providerRoutes.updateProvider, {
      as: ads,
      params: { providerId: provider.id },
      body: {
        name: 'New Name Agency',
        regions: ['North', 'South'],
        contractsWithAds: current.contractsWithAds,
        contractsWithDds: current.contractsWithDds,
        contact: current.contact,
        version: current.version,
      },
    });
    const south = await invoke(registryRoutes.searchRegistry, {
      as: dds,
      query: { region: 'South', providerId: provider.id },
    });
    expect(
      south.body.items.map((c: { providerName: string; providerRegions: string[] }) => [
        c.providerName,
        c.providerRegions,
      ]),
    ).toEqual(Array(3).fill(['New Name Agency', ['North', 'South']]));
  });
});
