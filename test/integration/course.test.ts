import { parse } from 'csv-parse/sync';
import { handler as homeworkReminders } from '../../functions/jobs/homework-reminders';
import { meter } from '../../scripts/bench/ddb-meter';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from '../../shared/data/client';
import { getEmail } from '../../shared/email/outbox';
import { auditRoutes } from '../../shared/http/routes/audit';
import { courseRoutes as r } from '../../shared/http/routes/course';
import { at, useClockReset } from '../support/clock';
import { enrolledLearners } from '../support/fixtures';
import { ads, dds, invoke } from '../support/invoke';
import { emailsTo } from '../support/ses';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

describe('attendance at the live classes', () => {
  it('a roster of 12 takes as many DynamoDB calls as a roster of 2: its reads are batched, not one per learner', async () => {
    const callsFor = async (count: number) => {
      const { iteration, learners } = await enrolledLearners(count);
      at('2027-02-02T12:00:00.000-05:00');
      // One learner absent (one email), the rest present: only the roster's size differs between the two runs.
      const entries = learners.map((l, i) => ({
        applicationId: l.applicationId,
        status: i === 0 ? 'absent' : 'present',
      }));
      const calls = meter(dynamo);
      try {
        const recorded = await invoke(r.recordAttendance, {
          as: ads,
          params: { iterationId: iteration.id, date: '2027-02-02' },
          body: { entries },
        });
        expect(recorded.status).toBe(201);
        expect(
          recorded.body.learners
            .map((l: { attendance: Record<string, { status: string }> }) => l.attendance['2027-02-02']?.status)
            .sort(),
        ).toEqual(entries.map((e) => e.status).sort());
        return { ...calls.calls };
      } finally {
        calls.stop();
      }
    };
    const few = await callsFor(2);
    const many = await callsFor(12);
    expect(many).toEqual(few);
  });

  it('cannot be recorded before the class starts (Connecticut time), nor for someone not enrolled; a roster is all or nothing', async () => {
    const { iteration, learners } = await enrolledLearners(2);
    const [a, b] = learners;
    const roster = {
      entries: [
        { applicationId: a!.applicationId, status: 'present' },
        { applicationId: b!.applicationId, status: 'present' },
      ],
    };
    at('2027-02-02T08:59:59.999-05:00');
    expect(
      (
        await invoke(r.recordAttendance, {
          as: ads,
          params: { iterationId: iteration.id, date: '2027-02-02' },
          body: roster,
        })
      ).body.errors[0],
    ).toMatchObject({
      code: 'class_not_started',
      message: 'the class has not started yet: it starts Tuesday, February 2, 2027 at 9:00 AM (Connecticut time)',
    });
    at('2027-02-02T09:00:00.000-05:00');
    const stranger = {
      entries: [
        { applicationId: a!.applicationId, status: 'present' },
        { applicationId: 'ap-0000000000000000', status: 'present' },
      ],
    };
    expect(
      (
        await invoke(r.recordAttendance, {
          as: ads,
          params: { iterationId: iteration.id, date: '2027-02-02' },
          body: stranger,
        })
      ).status,
    ).toBe(404);
    expect(
      (await invoke(r.attendanceGrid, { as: ads, params: { iterationId: iteration.id } })).body.learners[0].attendance[
        '2027-02-02'
      ],
    ).toBeNull();
    expect(
      (
        await invoke(r.recordAttendance, {
          as: ads,
          params: { iterationId: iteration.id, date: '2027-02-03' },
          body: roster,
        })
      ).status,
    ).toBe(404);
    const recorded = await invoke(r.recordAttendance, {
      as: ads,
      params: { iterationId: iteration.id, date: '2027-02-02' },
      body: roster,
    });
    expect(recorded.status).toBe(201);
    expect(
      (
        await invoke(r.recordAttendance, {
          as: ads,
          params: { iterationId: iteration.id, date: '2027-02-02' },
          body: roster,
        })
      ).status,
    ).toBe(409);
  });

  it('an absence emails the learner, their supervisor and ADS once; a correction has a reason and is audited before → after', async () => {
    const { iteration, learners } = await enrolledLearners(2);
    const [a, b] = learners;
    at('2027-02-02T12:30:00-05:00');
    await invoke(r.recordAttendance, {
      as: ads,
      params: { iterationId: iteration.id, date: '2027-02-02' },
      body: {
        entries: [
          { applicationId: a!.applicationId, status: 'absent' },
          { applicationId: b!.applicationId, status: 'partial', minutesMissed: 25 },
        ],
      },
    });
    const notice = (await emailsTo(a!.who.email!)).filter((m) => m.subject.includes('can no longer qualify'));
    expect(notice).toHaveLength(1);
    expect(notice[0]!.destination.cc[0]).toBe(a!.who.supervisorEmail);
    // aws-ses-v2-local keeps only the first Cc of a SendEmail call; what was sent to SES is in the outbox record.
    expect((await getEmail(`cannot-qualify#${a!.applicationId}`))?.cc).toEqual([
      a!.who.supervisorEmail,
      'ce-team@ads.example.org',
    ]);
    expect(notice[0]!.body.text).toContain('recorded absent from the live class of Tuesday, February 2, 2027');
    expect(
      (await emailsTo(b!.who.email!)).find((m) => m.subject.includes('can no longer qualify'))?.body.text,
    ).toContain('25 minutes missed');

    at('2027-02-09T12:30:00-05:00');
    await invoke(r.recordAttendance, {
      as: ads,
      params: { iterationId: iteration.id, date: '2027-02-09' },
      body: { entries: [{ applicationId: a!.applicationId, status: 'absent' }] },
    });
    expect((await emailsTo(a!.who.email!)).filter((m) => m.subject.includes('can no longer qualify'))).toHaveLength(1);

    const corrected = await invoke(r.correctAttendance, {
      as: ads,
      params: { iterationId: iteration.id, date: '2027-02-02', applicationId: a!.applicationId },
      body: { status: 'present', reason: 'Zoom log shows full attendance' },
    });
    expect(corrected.body).toMatchObject({ status: 'present' });
    const trail = await invoke(auditRoutes.getAuditTrail, {
      as: ads,
      params: { subjectType: 'attendance', subjectId: `${iteration.id}#2027-02-02` },
    });
    expect(trail.body.items.at(-1)).toMatchObject({
      action: 'corrected',
      reason: 'Zoom log shows full attendance',
      actor: { id: ads.sub },
      before: { status: 'absent' },
      after: { status: 'present' },
    });
  });

  it('a correction or an extension after which the learner can qualify again tells them they are back on track; a later loss is told again', async () => {
    const { iteration, learners } = await enrolledLearners(3);
    const [a, b, c] = learners;
    const hw = iteration.assignments[0]!;
    const subjects = async (email: string) => (await emailsTo(email)).map((m) => m.subject);
    const lost = (s: string) => s.includes('can no longer qualify');
    const back = (s: string) => s.includes('can qualify for certification') && s.endsWith('again');
    const correct = (applicationId: string, date: string, status: string, minutesMissed?: number) =>
      invoke(r.correctAttendance, {
        as: ads,
        params: { iterationId: iteration.id, date, applicationId },
        body: { status, minutesMissed, reason: 'Checked against the meeting log' },
      });
    at('2027-02-02T12:30:00-05:00');
    await invoke(r.recordAttendance, {
      as: ads,
      params: { iterationId: iteration.id, date: '2027-02-02' },
      body: {
        entries: [
          { applicationId: a!.applicationId, status: 'partial', minutesMissed: 20 },
          { applicationId: b!.applicationId, status: 'absent' },
          { applicationId: c!.applicationId, status: 'present' },
        ],
      },
    });
    expect((await subjects(a!.who.email!)).filter(lost)).toHaveLength(1);

    // Partial → present: the "no longer" notice is withdrawn, to the same people, with a link to the page.
    expect((await correct(a!.applicationId, '2027-02-02', 'present')).status).toBe(200);
    const restored = (await emailsTo(a!.who.email!)).filter((m) => back(m.subject));
    expect(restored).toHaveLength(1);
    expect(restored[0]!.body.text).toContain(
      'ADS corrected your attendance at the live class of Tuesday, February 2, 2027: you are now recorded as present',
    );
    expect(restored[0]!.body.text).toContain('You are back on track');
    expect(restored[0]!.body.text).toContain(`/learning/${a!.applicationId}/qualification`);
    expect((await getEmail(`qualification-restored#${a!.applicationId}#2`))?.cc).toEqual([
      a!.who.supervisorEmail,
      'ce-team@ads.example.org',
    ]);
    // Present again (nothing lost, nothing restored): no email.
    await correct(a!.applicationId, '2027-02-02', 'present');
    expect((await subjects(a!.who.email!)).filter(back)).toHaveLength(1);

    // Lost again after being told back on track: told again, with its own key; partial → absent says nothing new.
    at('2027-02-09T12:30:00-05:00');
    await invoke(r.recordAttendance, {
      as: ads,
      params: { iterationId: iteration.id, date: '2027-02-09' },
      body: {
        entries: [
          { applicationId: a!.applicationId, status: 'absent' },
          { applicationId: b!.applicationId, status: 'present' },
          { applicationId: c!.applicationId, status: 'present' },
        ],
      },
    });
    expect((await subjects(a!.who.email!)).filter(lost)).toHaveLength(2);
    expect(await getEmail(`cannot-qualify#${a!.applicationId}#3`)).toBeDefined();
    await correct(a!.applicationId, '2027-02-09', 'partial', 10);
    expect((await subjects(a!.who.email!)).filter(lost)).toHaveLength(2);
    expect((await subjects(a!.who.email!)).filter(back)).toHaveLength(1);

    // B has a second reason: her homework deadline passes without a submission. Correcting the absence alone does not
    // restore her; the extension then does.
    at('2027-03-16T08:00:00-04:00');
    await correct(b!.applicationId, '2027-02-02', 'present');
    expect((await subjects(b!.who.email!)).filter(back)).toHaveLength(0);
    const extended = await invoke(r.grantExtension, {
      as: ads,
      params: { iterationId: iteration.id, assignmentId: hw.id, applicationId: b!.applicationId },
      body: { until: '2027-03-19T17:00', reason: 'Family emergency' },
    });
    expect(extended.status).toBe(200);
    const afterExtension = (await emailsTo(b!.who.email!)).filter((m) => back(m.subject));
    expect(afterExtension).toHaveLength(1);
    expect(afterExtension[0]!.body.text).toContain(
      'ADS extended your deadline for "Discovery profile" to Friday, March 19, 2027 at 5:00 PM (Connecticut time)',
    );

    // C was never told anything; her deadline passed, and the extension makes qualifying possible again: she is told.
    // A second extension changes nothing she was told.
    const extend = (until: string) =>
      invoke(r.grantExtension, {
        as: ads,
        params: { iterationId: iteration.id, assignmentId: hw.id, applicationId: c!.applicationId },
        body: { until, reason: 'Laptop stolen' },
      });
    await extend('2027-03-18T17:00');
    expect((await subjects(c!.who.email!)).filter(back)).toHaveLength(1);
    await extend('2027-03-19T17:00');
    expect((await subjects(c!.who.email!)).filter(back)).toHaveLength(1);
    expect((await subjects(c!.who.email!)).filter(lost)).toHaveLength(0);
  });

  it('an extension restores a learner whose deadline had passed, once; one who is still absent from a class is told nothing more', async () => {
    const { iteration, learners } = await enrolledLearners(2);
    const [a, b] = learners;
    const hw = iteration.assignments[0]!;
    at('2027-02-02T12:30:00-05:00');
    await invoke(r.recordAttendance, {
      as: ads,
      params: { iterationId: iteration.id, date: '2027-02-02' },
      body: {
        entries: [
          { applicationId: a!.applicationId, status: 'present' },
          { applicationId: b!.applicationId, status: 'absent' },
        ],
      },
    });
    at('2027-03-16T08:00:00-04:00');
    for (const l of [a!, b!]) {
      const extended = await invoke(r.grantExtension, {
        as: ads,
        params: { iterationId: iteration.id, assignmentId: hw.id, applicationId: l.applicationId },
        body: { until: '2027-03-19T17:00', reason: 'Snow day' },
      });
      expect(extended.status).toBe(200);
    }
    // A's deadline had passed: restored. B is still absent from a class: nothing but the one "no longer" notice.
    expect((await emailsTo(a!.who.email!)).filter((m) => m.subject.endsWith('again'))).toHaveLength(1);
    expect((await emailsTo(b!.who.email!)).map((m) => m.subject).filter((s) => s.includes('qualify'))).toEqual([
      expect.stringContaining('can no longer qualify'),
    ]);
    at('2027-03-17T08:00:00-04:00');
    await invoke(r.grantExtension, {
      as: ads,
      params: { iterationId: iteration.id, assignmentId: hw.id, applicationId: a!.applicationId },
      body: { until: '2027-03-20T17:00', reason: 'Snow day, again' },
    });
    expect((await emailsTo(a!.who.email!)).filter((m) => m.subject.endsWith('again'))).toHaveLength(1);
  });

  it('a learner told before the notices were recorded (only the first email exists) is read as told', async () => {
    const { iteration, learners } = await enrolledLearners(1);
    const [a] = learners;
    at('2027-02-02T12:30:00-05:00');
    await invoke(r.recordAttendance, {
      as: ads,
      params: { iterationId: iteration.id, date: '2027-02-02' },
      body: { entries: [{ applicationId: a!.applicationId, status: 'absent' }] },
    });
    await dynamo.send(
      new DeleteCommand({
        TableName: TABLE_NAME,
        Key: { pk: `APPLICATION#${a!.applicationId}`, sk: 'QUALIFICATION_NOTICES' },
      }),
    );
    at('2027-02-09T12:30:00-05:00');
    await invoke(r.recordAttendance, {
      as: ads,
      params: { iterationId: iteration.id, date: '2027-02-09' },
      body: { entries: [{ applicationId: a!.applicationId, status: 'present' }] },
    });
    await invoke(r.correctAttendance, {
      as: ads,
      params: { iterationId: iteration.id, date: '2027-02-09', applicationId: a!.applicationId },
      body: { status: 'absent', reason: 'Camera off; did not answer' },
    });
    const subjects = (await emailsTo(a!.who.email!)).map((m) => m.subject);
    expect(subjects.filter((s) => s.includes('can no longer qualify'))).toHaveLength(1);
    await invoke(r.correctAttendance, {
      as: ads,
      params: { iterationId: iteration.id, date: '2027-02-09', applicationId: a!.applicationId },
      body: { status: 'present', reason: 'Wrong learner marked' },
    });
    await invoke(r.correctAttendance, {
      as: ads,
      params: { iterationId: iteration.id, date: '2027-02-02', applicationId: a!.applicationId },
      body: { status: 'present', reason: 'Zoom log shows full attendance' },
    });
    expect(await getEmail(`qualification-restored#${a!.applicationId}#2`)).toBeDefined();
  });

  it("a learner sees their own; ADS sees the grid and exports it with each class's start, end and duration", async () => {
    const { iteration, learners } = await enrolledLearners(1);
    const [a] = learners;
    at('2027-02-02T12:30:00-05:00');
    await invoke(r.recordAttendance, {
      as: ads,
      params: { iterationId: iteration.id, date: '2027-02-02' },
      body: { entries: [{ applicationId: a!.applicationId, status: 'present' }] },
    });
    const mine = await invoke(r.myAttendance, { as: a!.who, params: { applicationId: a!.applicationId } });
    expect(mine.body.classes.map((c: { status: string | null }) => c.status)).toEqual(['present', null, null]);
    const csv = parse((await invoke(r.attendanceCsv, { as: ads, params: { iterationId: iteration.id } })).text, {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    expect(csv[0]).toEqual({
      'Person id': a!.who.sub,
      Learner: 'Learner 1',
      Provider: expect.any(String),
      'Class date': '2027-02-02',
      'Class starts at': '2027-02-02T09:00:00.000-05:00',
      'Class ends at': '2027-02-02T12:00:00.000-05:00',
      'Class length (minutes)': '180',
      Attendance: 'present',
      'Minutes missed': '',
    });
    expect(csv[2]).toMatchObject({
      'Class date': '2027-03-16',
      'Class starts at': '2027-03-16T09:00:00.000-04:00',
      Attendance: 'not recorded',
    });
  });

  it('learners cannot take attendance or mark homework; DDS cannot write', async () => {
    const { iteration, learners } = await enrolledLearners(1);
    const [a] = learners;
    at('2027-02-02T12:30:00-05:00');
    const body = { entries: [{ applicationId: a!.applicationId, status: 'present' }] };
    expect(
      (
        await invoke(r.recordAttendance, {
          as: a!.who,
          params: { iterationId: iteration.id, date: '2027-02-02' },
          body,
        })
      ).status,
    ).toBe(403);
    expect(
      (await invoke(r.recordAttendance, { as: dds, params: { iterationId: iteration.id, date: '2027-02-02' }, body }))
        .status,
    ).toBe(403);
    const hw = iteration.assignments[0]!.id;
    expect(
      (
        await invoke(r.reviewHomework, {
          as: a!.who,
          params: { iterationId: iteration.id, assignmentId: hw, applicationId: a!.applicationId },
          body: { status: 'complete' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('homework by the deadlines', () => {
  it('is on time at 23:59:00.000 on the deadline (EDT, the day after the DST change), late a millisecond after, unless extended', async () => {
    const { iteration, learners } = await enrolledLearners(3);
    const hw = iteration.assignments[0]!;
    expect(hw.dueAt).toBe('2027-03-15T23:59:00.000-04:00');
    const [a, b, c] = learners;
    at('2027-03-15T23:59:00.000-04:00');
    const onTime = await invoke(r.submitHomework, {
      as: a!.who,
      params: { applicationId: a!.applicationId, assignmentId: hw.id },
      body: { text: 'My discovery profile' },
    });
    expect([onTime.status, onTime.body.onTime, onTime.body.submissions[0].at]).toEqual([
      201,
      true,
      '2027-03-15T23:59:00.000-04:00',
    ]);
    at('2027-03-15T23:59:00.001-04:00');
    expect(
      (
        await invoke(r.submitHomework, {
          as: b!.who,
          params: { applicationId: b!.applicationId, assignmentId: hw.id },
          body: { link: 'https://drive.example.org/profile' },
        })
      ).body.onTime,
    ).toBe(false);
    at('2027-03-14T09:00:00-04:00');
    const extended = await invoke(r.grantExtension, {
      as: ads,
      params: { iterationId: iteration.id, assignmentId: hw.id, applicationId: c!.applicationId },
      body: { until: '2027-03-18T17:00', reason: 'Hospitalised 12–14 March' },
    });
    expect(extended.body.deadline).toBe('2027-03-18T17:00:00.000-04:00');
    at('2027-03-18T16:00:00-04:00');
    expect(
      (
        await invoke(r.submitHomework, {
          as: c!.who,
          params: { applicationId: c!.applicationId, assignmentId: hw.id },
          body: { text: 'late but extended' },
        })
      ).body.onTime,
    ).toBe(true);
    const trail = await invoke(auditRoutes.getAuditTrail, {
      as: ads,
      params: { subjectType: 'homework', subjectId: `${iteration.id}#${hw.id}#${c!.applicationId}` },
    });
    expect(trail.body.items[0]).toMatchObject({ action: 'extension-granted', reason: 'Hospitalised 12–14 March' });
  });

  it('ADS marks it complete or returns it with feedback; a resubmission after the deadline is late; qualification says what is missing', async () => {
    const { iteration, learners } = await enrolledLearners(1);
    const hw = iteration.assignments[0]!;
    const [a] = learners;
    const params = { iterationId: iteration.id, assignmentId: hw.id, applicationId: a!.applicationId };
    at('2027-03-10T10:00:00-05:00');
    await invoke(r.submitHomework, {
      as: a!.who,
      params: { applicationId: a!.applicationId, assignmentId: hw.id },
      body: { text: 'draft' },
    });
    at('2027-03-12T10:00:00-05:00');
    const returned = await invoke(r.reviewHomework, {
      as: ads,
      params,
      body: { status: 'returned', feedback: 'Add the support team section' },
    });
    expect(returned.body.review).toMatchObject({ status: 'returned', feedback: 'Add the support team section' });
    expect(
      (await emailsTo(a!.who.email!)).some(
        (m) => m.subject.includes('returned for rework') && m.body.text?.includes('Add the support team section'),
      ),
    ).toBe(true);
    at('2027-03-16T10:00:00-04:00');
    const resubmitted = await invoke(r.submitHomework, {
      as: a!.who,
      params: { applicationId: a!.applicationId, assignmentId: hw.id },
      body: { text: 'final' },
    });
    expect(resubmitted.body).toMatchObject({ onTime: false, submissions: [{ onTime: true }, { onTime: false }] });
    await invoke(r.reviewHomework, { as: ads, params, body: { status: 'complete' } });
    const q = await invoke(r.myQualification, { as: a!.who, params: { applicationId: a!.applicationId } });
    expect(q.body.qualifies).toBe(false);
    expect(q.body.missing).toEqual(
      expect.arrayContaining([
        { kind: 'assignment', assignmentId: hw.id, title: 'Discovery profile', reason: 'submitted-late' },
        { kind: 'class', date: '2027-02-02', reason: 'not-recorded' },
      ]),
    );
    expect(
      (
        await invoke(r.submitHomework, {
          as: a!.who,
          params: { applicationId: a!.applicationId, assignmentId: hw.id },
          body: { text: 'again' },
        })
      ).status,
    ).toBe(409);
  });

  it('reminds learners without a submission once, a configurable time before the deadline', async () => {
    const { iteration, learners } = await enrolledLearners(2);
    const hw = iteration.assignments[0]!;
    const [a, b] = learners;
    at('2027-03-13T10:00:00-05:00');
    await invoke(r.submitHomework, {
      as: a!.who,
      params: { applicationId: a!.applicationId, assignmentId: hw.id },
      body: { text: 'done early' },
    });
    // Due 15 March 23:59 EDT; with the 48-hour lead, reminders start at 13 March 22:59 EST (DST falls between).
    at('2027-03-13T22:58:00-05:00');
    await homeworkReminders({});
    expect(
      (await emailsTo(b!.who.email!)).filter((m) => m.subject.startsWith('Reminder: "Discovery profile"')),
    ).toHaveLength(0);
    at('2027-03-14T09:00:00-04:00');
    expect((await homeworkReminders({})).reminded).toBeGreaterThanOrEqual(1);
    expect(await homeworkReminders({})).toMatchObject({ reminded: 0 });
    expect(
      (await emailsTo(b!.who.email!)).filter((m) => m.subject.startsWith('Reminder: "Discovery profile"')),
    ).toHaveLength(1);
    expect(
      (await emailsTo(a!.who.email!)).filter((m) => m.subject.startsWith('Reminder: "Discovery profile"')),
    ).toHaveLength(0);
  });
});
