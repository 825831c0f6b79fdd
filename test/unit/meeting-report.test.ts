import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  clipIntervals,
  closeNames,
  coveredMs,
  type EnrolledLearner,
  type Interval,
  matchRow,
  mergeIntervals,
  minutesMissed,
  proposeAttendance,
} from '../../shared/domain/meeting-attendance';
import { decodeReport, readMeetingReport, readReportTime } from '../../shared/domain/meeting-report';
import { InvalidInput } from '../../shared/domain/errors';

/**
 * The participant reports Zoom and Microsoft Teams export, read and turned into a roster proposal. The fixtures'
 * sources (the vendors' documentation of each layout) are in `test/fixtures/meeting-reports/README.md`.
 */
const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/meeting-reports', name));
const read = (name: string) => {
  const { text, encoding } = decodeReport(fixture(name), 'base64');
  return readMeetingReport(text, encoding, 'base64');
};
const learner = (n: number, name: string, email: string): EnrolledLearner => ({
  applicationId: `ap-${n}`,
  personId: `person-${n}`,
  name,
  email,
});
const LEARNERS = [
  learner(1, 'Ann Lee', 'ann.lee@provider.example.org'),
  learner(2, 'Ben Ortiz', 'ben.ortiz@provider.example.org'),
  learner(3, 'Cara Diaz', 'cara.diaz@provider.example.org'),
  learner(4, 'Dev Patel', 'dev.patel@provider.example.org'),
  learner(5, 'Eve Martin', 'eve.martin@provider.example.org'),
  learner(6, 'Łukasz Nowak', 'lukasz.nowak@provider.example.org'),
  learner(7, 'Fay Grant', 'fay.grant@provider.example.org'),
];
const byName = (proposal: ReturnType<typeof proposeAttendance>) =>
  Object.fromEntries(proposal.learners.map((l) => [l.learner.name, l]));

describe('reading a Zoom participants export', () => {
  const report = read('zoom-participants.csv');

  it('finds the participants table under the meeting header, comma-separated, UTF-8', () => {
    expect(report).toMatchObject({ layout: 'zoom', encoding: 'utf-8', delimiter: 'comma' });
    expect(report.rows).toHaveLength(9);
    expect(report.rows[1]).toEqual({
      line: 6,
      name: 'Ann Lee',
      email: 'ANN.LEE@provider.example.org',
      joinedAt: Date.parse('2027-02-02T08:55:10-05:00'),
      leftAt: Date.parse('2027-02-02T12:01:00-05:00'),
    });
  });

  it('proposes present / partial / absent for every enrolled learner, and lists who matched nobody', () => {
    const proposal = byName(proposeAttendance('2027-02-02', report.rows, LEARNERS, 5));
    // Email in capitals, joined early, left late: present, nothing missed.
    expect(proposal['Ann Lee']).toMatchObject({ status: 'present', minutesMissed: 0, confidence: 'email' });
    // A reconnect 3½ minutes out: a started minute counts, 4 missed, within the tolerance of 5.
    expect(proposal['Ben Ortiz']).toMatchObject({ status: 'present', minutesMissed: 4, minutesAttended: 176 });
    expect(proposal['Ben Ortiz']!.intervals).toHaveLength(2);
    // 25 minutes late.
    expect(proposal['Cara Diaz']).toMatchObject({ status: 'partial', minutesMissed: 25 });
    // Laptop 9–11 and phone 10:30–12: the half hour on both devices counts once, the whole class attended.
    expect(proposal['Dev Patel']).toMatchObject({ status: 'present', minutesMissed: 0, minutesAttended: 180 });
    expect(proposal['Dev Patel']!.intervals).toEqual([
      [Date.parse('2027-02-02T09:00:00-05:00'), Date.parse('2027-02-02T12:00:00-05:00')],
    ]);
    // Renamed in the meeting, pronouns added, no email: the original name in parentheses matches exactly.
    expect(proposal['Eve Martin']).toMatchObject({ status: 'partial', minutesMissed: 91, confidence: 'exact-name' });
    expect(proposal['Fay Grant']).toMatchObject({ status: 'absent', minutesMissed: 180, confidence: 'none' });
    const unmatched = proposeAttendance('2027-02-02', report.rows, LEARNERS, 5).unmatched;
    expect(unmatched.map((u) => u.name).sort()).toEqual(['ADS Trainer', 'Guest Speaker']);
    expect(unmatched.find((u) => u.name === 'Guest Speaker')).toMatchObject({ minutesAttended: 45, connections: 1 });
  });

  it('the tolerance is ADS’s: with none, a reconnect of 3½ minutes is partial', () => {
    const proposal = byName(proposeAttendance('2027-02-02', report.rows, LEARNERS, 0));
    expect(proposal['Ben Ortiz']).toMatchObject({ status: 'partial', minutesMissed: 4 });
    expect(proposal['Ann Lee']).toMatchObject({ status: 'present' });
  });
});

describe('reading a Microsoft Teams attendance report', () => {
  const report = read('teams-attendance.tsv');

  it('decodes UTF-16LE with its byte-order mark, tab-separated, and takes the per-connection section', () => {
    expect(report).toMatchObject({ layout: 'teams', encoding: 'utf-16le', delimiter: 'tab' });
    expect(report.rows.map((r) => r.name)).toEqual([
      'ADS Trainer',
      'Ann Lee',
      'Ben Ortiz',
      'Ben Ortiz',
      'Diaz, Cara',
      'Lukasz Nowak (Guest)',
    ]);
    expect(report.rows[0]).toMatchObject({ role: 'Organizer', joinedAt: Date.parse('2027-02-02T08:58:03-05:00') });
  });

  it('a gap only the in-meeting activities show is missed; names match turned round and transliterated', () => {
    const proposal = byName(proposeAttendance('2027-02-02', report.rows, LEARNERS, 5));
    expect(proposal['Ann Lee']).toMatchObject({ status: 'present', confidence: 'email' });
    // Section 2 says 8:59 to 12:00; section 3 shows 20 minutes away.
    expect(proposal['Ben Ortiz']).toMatchObject({ status: 'partial', minutesMissed: 20 });
    expect(proposal['Cara Diaz']).toMatchObject({ status: 'partial', minutesMissed: 33, confidence: 'exact-name' });
    expect(proposal['Łukasz Nowak']).toMatchObject({ status: 'partial', minutesMissed: 170, confidence: 'exact-name' });
    expect(proposal['Dev Patel']).toMatchObject({ status: 'absent' });
  });

  it('reads a Teams file without its section lines; refuses the 2020 join/leave event log', () => {
    const text = fixture('teams-attendance.tsv').subarray(2).toString('utf16le');
    const bare = text
      .split('\r\n')
      .filter((l) => !/^\d\. /.test(l))
      .join('\r\n');
    const withoutLines = (rows: typeof report.rows) => rows.map(({ line: _line, ...row }) => row);
    const read = readMeetingReport(bare, 'text', 'text');
    expect(read.layout).toBe('teams');
    expect(withoutLines(read.rows)).toEqual(withoutLines(report.rows));
    expect(() =>
      readMeetingReport('Full Name\tUser Action\tTimestamp\nAnn Lee\tJoined\t7/4/2020, 9:52:19 AM\n', 'text', 'text'),
    ).toThrow(InvalidInput);
  });

  it('reads the same report sent as UTF-8 text, and as UTF-16 without a mark, or big-endian', () => {
    const text = fixture('teams-attendance.tsv').subarray(2).toString('utf16le');
    expect(readMeetingReport(text, 'text', 'text').rows).toEqual(report.rows);
    expect(decodeReport(Buffer.from(text, 'utf16le'), 'base64')).toEqual({ text, encoding: 'utf-16le' });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    expect(decodeReport(be, 'base64')).toEqual({ text, encoding: 'utf-16be' });
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    expect(decodeReport(bom8, 'base64')).toEqual({ text, encoding: 'utf-8' });
  });
});

describe('the day clocks changed', () => {
  it('reads wall times on 16 March 2027 as EDT (−04:00), and instants written with Z as they are', () => {
    const report = read('zoom-dst-day.csv');
    expect(report.rows[0]!.joinedAt).toBe(Date.parse('2027-03-16T09:00:00-04:00'));
    const proposal = byName(proposeAttendance('2027-03-16', report.rows, LEARNERS, 5));
    expect(proposal['Ann Lee']).toMatchObject({ status: 'present', minutesMissed: 0 });
    expect(proposal['Ben Ortiz']).toMatchObject({ status: 'partial', minutesMissed: 60 });
    // 13:00Z is 09:00 EDT: read as EST, Cara would seem to have missed an hour.
    expect(proposal['Cara Diaz']).toMatchObject({ status: 'present', minutesMissed: 0 });
  });
});

describe('what is refused, with what was expected', () => {
  const refusal = (text: string) => {
    try {
      readMeetingReport(text, 'text', 'text');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInput);
      return { message: (error as InvalidInput).message, problem: (error as InvalidInput).problems[0]! };
    }
    throw new Error('not refused');
  };

  it('a file without a participants table names both layouts', () => {
    const { message, problem } = refusal('Student,Score\nAnn,90\n');
    expect(message).toContain('Zoom participants report');
    expect(message).toContain('Microsoft Teams attendance report');
    expect(problem).toMatchObject({ field: 'text', code: 'unrecognized_layout' });
  });

  it('a time neither vendor writes, or a leave before the join, is named by its line', () => {
    const header = 'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n';
    expect(refusal(`${header}Ann,a@x.org,yesterday,02/02/2027 10:00:00 AM,1,No\n`).problem).toMatchObject({
      code: 'unreadable_time',
      message: expect.stringContaining('line 2'),
    });
    expect(refusal(`${header}Ann,a@x.org,02/02/2027 10:00:00 AM,02/02/2027 09:00:00 AM,1,No\n`).problem).toMatchObject({
      code: 'leave_before_join',
      message: expect.stringContaining('line 2'),
    });
  });

  it('bytes that are neither UTF-8 nor UTF-16', () => {
    expect(() => decodeReport(Buffer.from([0x4e, 0x61, 0x6d, 0x65, 0xff, 0xc3, 0x28, 0x41]), 'base64')).toThrow(
      InvalidInput,
    );
  });

  it.each([
    ['3/1/27, 9:02:11 AM', '2027-03-01T09:02:11-05:00'],
    ['03/01/2027 12:05:00 PM', '2027-03-01T12:05:00-05:00'],
    ['3/1/27, 12:00:00 AM', '2027-03-01T00:00:00-05:00'],
    ['2027-03-01 09:02:11', '2027-03-01T09:02:11-05:00'],
    ['2027-07-01 09:02', '2027-07-01T09:02:00-04:00'],
    ['2027-03-01T14:02:11Z', '2027-03-01T14:02:11Z'],
  ])('reads %s', (text, iso) => {
    expect(readReportTime(text)).toBe(Date.parse(iso));
  });

  it.each(['2/30/27, 9:00:00 AM', '13/1/27, 9:00 AM', '3/14/27, 2:30:00 AM', '3/1/27, 13:00:00 PM', 'noon'])(
    'refuses %s',
    (text) => {
      expect(readReportTime(text)).toBeUndefined();
    },
  );
});

describe('matching a participant to an enrolled learner', () => {
  it('email first, then the exact name, then a close one — only when it points at one learner', () => {
    expect(matchRow({ name: 'Someone Else', email: 'Ann.Lee@Provider.Example.org' }, LEARNERS)).toMatchObject({
      confidence: 'email',
      learner: { name: 'Ann Lee' },
    });
    expect(matchRow({ name: 'ANN LEE' }, LEARNERS).confidence).toBe('exact-name');
    expect(matchRow({ name: 'Lee Ann' }, LEARNERS)).toMatchObject({
      confidence: 'close-name',
      learner: { name: 'Ann Lee' },
    });
    expect(matchRow({ name: 'Ben J. Ortiz' }, LEARNERS).confidence).toBe('close-name');
    expect(matchRow({ name: 'D. Patel' }, LEARNERS).confidence).toBe('close-name');
    expect(matchRow({ name: 'Ann' }, LEARNERS).confidence).toBe('none');
    const twins = [...LEARNERS, learner(8, 'Ann Lee', 'other.ann@provider.example.org')];
    expect(matchRow({ name: 'Ann Lee' }, twins)).toMatchObject({
      confidence: 'none',
      note: expect.stringContaining('2'),
    });
    expect(matchRow({ name: 'Ann Lee', email: 'other.ann@provider.example.org' }, twins).learner?.applicationId).toBe(
      'ap-8',
    );
  });

  it('close names need two words in common places', () => {
    expect(closeNames('ann lee', 'lee ann')).toBe(true);
    expect(closeNames('ann marie lee', 'ann lee')).toBe(true);
    expect(closeNames('a lee', 'ann lee')).toBe(true);
    expect(closeNames('ann lee', 'bob lee')).toBe(false);
    expect(closeNames('lee', 'ann lee')).toBe(false);
  });
});

describe('merging connections (properties)', () => {
  const CLASS_START = Date.parse('2027-02-02T09:00:00-05:00');
  const interval = fc
    .tuple(fc.integer({ min: -60, max: 240 }), fc.integer({ min: 0, max: 240 }))
    .map(([start, length]): Interval => [CLASS_START + start * 60_000, CLASS_START + (start + length) * 60_000]);
  const intervals = fc.array(interval, { maxLength: 12 });
  /** Minute by minute: how many minutes of [from, to) some interval covers — the definition, not the algorithm. */
  const coveredMinutes = (xs: readonly Interval[], from: number, to: number) => {
    let count = 0;
    for (let t = from; t < to; t += 60_000) if (xs.some(([s, e]) => s <= t && t < e)) count++;
    return count;
  };

  it('is idempotent and order-independent', () => {
    fc.assert(
      fc.property(intervals, fc.func(fc.integer()), (xs, key) => {
        const merged = mergeIntervals(xs);
        expect(mergeIntervals(merged)).toEqual(merged);
        const shuffled = xs.toSorted((a, b) => key(a) - key(b));
        expect(mergeIntervals(shuffled)).toEqual(merged);
      }),
    );
  });

  it('never counts an overlap twice, and leaves no two intervals touching', () => {
    fc.assert(
      fc.property(intervals, (xs) => {
        const merged = mergeIntervals(xs);
        const from = CLASS_START - 60 * 60_000;
        const to = CLASS_START + 480 * 60_000;
        expect(coveredMs(merged) / 60_000).toBe(coveredMinutes(xs, from, to));
        for (let i = 1; i < merged.length; i++) expect(merged[i]![0]).toBeGreaterThan(merged[i - 1]![1]);
      }),
    );
  });

  it('minutes missed are within 0..180 and equal the class minutes no connection covers', () => {
    fc.assert(
      fc.property(intervals, (xs) => {
        const missed = minutesMissed('2027-02-02', xs);
        expect(missed).toBeGreaterThanOrEqual(0);
        expect(missed).toBeLessThanOrEqual(180);
        expect(missed).toBe(180 - coveredMinutes(xs, CLASS_START, CLASS_START + 180 * 60_000));
        expect(
          coveredMs(clipIntervals(mergeIntervals(xs), CLASS_START, CLASS_START + 180 * 60_000)),
        ).toBeLessThanOrEqual(180 * 60_000);
      }),
    );
  });
});
