import { meter } from '../../scripts/bench/ddb-meter';
import { dynamo } from '../../shared/data/client';
import { accountRoutes } from '../../shared/http/routes/accounts';
import { courseRoutes } from '../../shared/http/routes/course';
import { seedCertificate } from '../support/certificates';
import { at, useClockReset } from '../support/clock';
import { enrolledLearners } from '../support/fixtures';
import { ads, applicantA, dds, invoke } from '../support/invoke';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

describe("a person's record for ADS", () => {
  it('shows the profile, every application, attendance and homework per enrolment, and certifications — with reads that do not grow with the record', async () => {
    const { iteration, learners, providerId } = await enrolledLearners(2);
    const [a, b] = learners;
    const params = { personId: a!.who.sub };
    const read = async () => {
      const calls = meter(dynamo);
      try {
        const answer = await invoke(accountRoutes.personRecord, { as: ads, params });
        expect(answer.status).toBe(200);
        return { body: answer.body, calls: { ...calls.calls } };
      } finally {
        calls.stop();
      }
    };
    await read(); // the lifecycle settings are cached after the first read of a warm function
    const before = await read();
    expect(before.body.profile).toMatchObject({
      name: a!.who.name,
      email: a!.who.email,
      providerId,
      membership: 'confirmed',
    });
    expect(before.body.applications).toEqual([
      expect.objectContaining({
        id: a!.applicationId,
        status: 'enrolled',
        iteration: expect.objectContaining({ id: iteration.id }),
      }),
    ]);
    expect(before.body.enrolments[0].attendance).toEqual([
      { date: '2027-02-02', status: null },
      { date: '2027-02-09', status: null },
      { date: '2027-03-16', status: null },
    ]);
    expect(before.body.certifications).toEqual([]);

    at('2027-02-02T12:30:00.000-05:00');
    await invoke(courseRoutes.recordAttendance, {
      as: ads,
      params: { iterationId: iteration.id, date: '2027-02-02' },
      body: {
        entries: [
          { applicationId: a!.applicationId, status: 'partial', minutesMissed: 20 },
          { applicationId: b!.applicationId, status: 'present' },
        ],
      },
    });
    at('2027-02-09T12:30:00.000-05:00');
    await invoke(courseRoutes.recordAttendance, {
      as: ads,
      params: { iterationId: iteration.id, date: '2027-02-09' },
      body: {
        entries: [
          { applicationId: a!.applicationId, status: 'present' },
          { applicationId: b!.applicationId, status: 'absent' },
        ],
      },
    });
    const submitted = await invoke(courseRoutes.submitHomework, {
      as: a!.who,
      params: { applicationId: a!.applicationId, assignmentId: iteration.assignments[0]!.id },
      body: { text: 'My discovery profile' },
    });
    expect(submitted.status).toBe(201);
    const certificate = await seedCertificate({
      holderSub: a!.who.sub,
      holderName: a!.who.name,
      expiresOn: '2029-06-01',
    });

    const after = await read();
    expect(after.body.enrolments).toEqual([
      expect.objectContaining({
        applicationId: a!.applicationId,
        title: expect.any(String),
        attendance: [
          { date: '2027-02-02', status: 'partial', minutesMissed: 20 },
          { date: '2027-02-09', status: 'present' },
          { date: '2027-03-16', status: null },
        ],
        homework: [
          expect.objectContaining({
            assignmentId: iteration.assignments[0]!.id,
            submissions: [expect.objectContaining({ text: 'My discovery profile', onTime: true })],
          }),
        ],
      }),
    ]);
    expect(after.body.certifications).toEqual([expect.objectContaining({ number: certificate.number, active: true })]);
    // Nothing of the other learner leaks in.
    expect(JSON.stringify(after.body)).not.toContain(b!.applicationId);
    // Two more classes, a submission and a certification later: the same calls.
    expect(after.calls).toEqual(before.calls);
    expect(after.calls.ScanCommand).toBeUndefined();
  });

  it('someone with no profile and nothing recorded is 404; only ADS may read a record', async () => {
    expect((await invoke(accountRoutes.personRecord, { as: ads, params: { personId: 'nobody-here' } })).status).toBe(
      404,
    );
    for (const who of [dds, applicantA])
      expect((await invoke(accountRoutes.personRecord, { as: who, params: { personId: applicantA.sub } })).status).toBe(
        403,
      );
  });
});
