import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { courseRoutes as r } from '../../shared/http/routes/course';
import { at, useClockReset } from '../support/clock';
import { enrolledLearners } from '../support/fixtures';
import { ads, dds, invoke } from '../support/invoke';
import { allAuditRecords } from '../support/stored';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/meeting-reports', name));

/** The Teams fixture (UTF-16LE, sections) with its people replaced by this test's learners. */
function teamsReportFor(people: { name: string; email: string }[]): string {
  const originals = [
    { name: 'Ann Lee', email: 'ann.lee@provider.example.org' },
    { name: 'Ben Ortiz', email: 'ben.ortiz@provider.example.org' },
  ];
  let text = fixture('teams-attendance.tsv').subarray(2).toString('utf16le');
  originals.forEach((o, i) => {
    text = text.replaceAll(o.email, people[i]!.email.toUpperCase()).replaceAll(o.name, people[i]!.name);
  });
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]).toString('base64');
}

describe('importing a meeting participant report', () => {
  it('proposes from a Teams UTF-16 file sent as base64, records nothing, and the roster route then records the proposal', async () => {
    const { iteration, learners } = await enrolledLearners(3);
    const people = learners.map((l) => ({ name: l.who.name, email: l.who.email! }));
    const params = { iterationId: iteration.id, date: '2027-02-02' };
    at('2027-02-02T12:30:00.000-05:00');
    const audits = (await allAuditRecords()).length;

    const proposed = await invoke(r.proposeAttendanceFromReport, {
      as: ads,
      params,
      body: { base64: teamsReportFor(people) },
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body.report).toEqual({ layout: 'teams', encoding: 'utf-16le', delimiter: 'tab', rows: 6 });
    expect(proposed.body).toMatchObject({
      toleranceMinutes: 5,
      alreadyRecorded: false,
      startsAt: '2027-02-02T09:00:00.000-05:00',
    });
    const [first, second, third] = proposed.body.learners;
    expect(first).toMatchObject({
      personId: learners[0]!.who.sub,
      status: 'present',
      match: 'email',
      minutesMissed: 0,
    });
    expect(second).toMatchObject({ status: 'partial', minutesMissed: 20, match: 'email' });
    expect(second.connections).toEqual([
      { joinedAt: '2027-02-02T09:00:00.000-05:00', leftAt: '2027-02-02T10:00:00.000-05:00' },
      { joinedAt: '2027-02-02T10:20:00.000-05:00', leftAt: '2027-02-02T12:00:00.000-05:00' },
    ]);
    expect(third).toMatchObject({ status: 'absent', match: 'none', minutesMissed: 180, connections: [] });
    expect(proposed.body.unmatched.map((u: { name: string }) => u.name).sort()).toEqual([
      'ADS Trainer',
      'Diaz, Cara',
      'Lukasz Nowak (Guest)',
    ]);
    expect(proposed.body.roster.entries).toEqual([
      { applicationId: learners[0]!.applicationId, status: 'present' },
      { applicationId: learners[1]!.applicationId, status: 'partial', minutesMissed: 20 },
      { applicationId: learners[2]!.applicationId, status: 'absent' },
    ]);

    // Nothing recorded, nothing audited, no email: a proposal only.
    const grid = await invoke(r.attendanceGrid, { as: ads, params: { iterationId: iteration.id } });
    expect(grid.body.learners.map((l: { attendance: Record<string, unknown> }) => l.attendance['2027-02-02'])).toEqual([
      null,
      null,
      null,
    ]);
    expect((await allAuditRecords()).length).toBe(audits);
    // The class is over and its roster not taken: flagged until it is.
    expect(grid.body.rosterMissing).toEqual(['2027-02-02']);

    const recorded = await invoke(r.recordAttendance, { as: ads, params, body: proposed.body.roster });
    expect(recorded.status).toBe(201);
    expect(
      recorded.body.learners.map((l: { attendance: Record<string, unknown> }) => l.attendance['2027-02-02']),
    ).toEqual([{ status: 'present' }, { status: 'partial', minutesMissed: 20 }, { status: 'absent' }]);
    expect(recorded.body.rosterMissing).toEqual([]);

    const again = await invoke(r.proposeAttendanceFromReport, {
      as: ads,
      params,
      body: { base64: teamsReportFor(people), toleranceMinutes: 30 },
    });
    expect(again.body).toMatchObject({ alreadyRecorded: true, toleranceMinutes: 30 });
    expect(again.body.learners[1]).toMatchObject({ status: 'present', minutesMissed: 20 });
  });

  it('a Zoom CSV sent as text: reconnects and two devices merged, names matched when there is no email', async () => {
    const { iteration, learners } = await enrolledLearners(2);
    const [a, b] = learners.map((l) => l.who);
    at('2027-02-09T12:05:00.000-05:00');
    const csv = [
      'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest',
      `${a!.name},${a!.email},02/09/2027 09:00:00 AM,02/09/2027 11:00:00 AM,120,No`,
      `${a!.name},,02/09/2027 10:30:00 AM,02/09/2027 12:00:00 PM,90,Yes`,
      `"${b!.name.toUpperCase()} (he/him)",,02/09/2027 09:30:00 AM,02/09/2027 12:00:00 PM,150,Yes`,
    ].join('\r\n');
    const proposed = await invoke(r.proposeAttendanceFromReport, {
      as: ads,
      params: { iterationId: iteration.id, date: '2027-02-09' },
      body: { text: csv, toleranceMinutes: 0 },
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body.report).toMatchObject({ layout: 'zoom', encoding: 'text', delimiter: 'comma', rows: 3 });
    expect(proposed.body.learners).toMatchObject([
      { status: 'present', minutesAttended: 180, match: 'email', reportNames: [a!.name] },
      { status: 'partial', minutesMissed: 30, match: 'exact-name' },
    ]);
    expect(proposed.body.unmatched).toEqual([]);
  });

  it('refuses a file that is no participant report (400, naming what was expected), a body with both or neither form, and a class not yet started', async () => {
    const { iteration } = await enrolledLearners(1);
    const params = { iterationId: iteration.id, date: '2027-02-02' };
    at('2027-02-02T12:30:00.000-05:00');
    const grades = await invoke(r.proposeAttendanceFromReport, {
      as: ads,
      params,
      body: { text: 'Student,Grade\nAnn,A\n' },
    });
    expect(grades.status).toBe(400);
    expect(grades.body.detail).toContain('Zoom participants report');
    expect(grades.body.errors).toEqual([expect.objectContaining({ field: 'body.text', code: 'unrecognized_layout' })]);

    const binary = await invoke(r.proposeAttendanceFromReport, {
      as: ads,
      params,
      body: { base64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0xc3, 0x28]).toString('base64') },
    });
    expect(binary.status).toBe(400);
    expect(binary.body.errors[0]).toMatchObject({ field: 'body.base64', code: 'unknown_encoding' });

    const both = await invoke(r.proposeAttendanceFromReport, {
      as: ads,
      params,
      body: { text: 'a', base64: 'YWJj', toleranceMinutes: 61 },
    });
    expect(both.status).toBe(400);
    expect(both.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body', 'body.toleranceMinutes']);
    expect((await invoke(r.proposeAttendanceFromReport, { as: ads, params, body: {} })).status).toBe(400);

    at('2027-02-09T08:59:00.000-05:00');
    const early = await invoke(r.proposeAttendanceFromReport, {
      as: ads,
      params: { ...params, date: '2027-02-09' },
      body: { text: fixture('zoom-participants.csv').toString('utf8') },
    });
    expect(early.status).toBe(422);
    expect(early.body.errors[0].code).toBe('class_not_started');
    expect((await invoke(r.proposeAttendanceFromReport, { as: dds, params, body: { text: 'x' } })).status).toBe(403);
  });
});
