import {
  describeMissing,
  effectiveDeadline,
  onTime,
  qualification,
  qualificationNotice,
  type HomeworkRecord,
} from '../../shared/domain/qualification';

const plan = {
  classDates: ['2027-03-09', '2027-03-16'],
  assignments: [
    { id: 'hw-a', title: 'Discovery profile', dueAt: '2027-03-14T23:59:00.000-04:00' },
    { id: 'hw-b', title: 'Job search plan', dueAt: '2027-03-21T23:59:00.000-04:00' },
  ],
};
const after = new Date('2027-04-01T12:00:00Z');
const present = plan.classDates.map((classDate) => ({ classDate, status: 'present' as const }));
const reviewed = (assignmentId: string, at: string, review: 'complete' | 'returned' = 'complete'): HomeworkRecord => ({
  assignmentId,
  submissions: [{ at, text: 'done' }],
  review: { status: review, at: '2027-03-25T10:00:00.000-04:00', by: 'ads-1' },
});
const done = [reviewed('hw-a', '2027-03-14T20:00:00.000-04:00'), reviewed('hw-b', '2027-03-20T20:00:00.000-04:00')];

describe('qualifying for certification', () => {
  it('qualifies with every class attended in full and every assignment complete on time', () => {
    expect(qualification(plan, present, done, after)).toEqual({ qualifies: true, canStillQualify: true, missing: [] });
  });

  it.each([
    ['an absence', 'absent', 'Live class of 2027-03-16: absent'],
    [
      'a partial attendance (late or left early)',
      'partial',
      'Live class of 2027-03-16: joined late or left early (only full attendance counts)',
    ],
  ] as const)('is lost by %s', (_, status, words) => {
    const q = qualification(plan, [present[0]!, { classDate: '2027-03-16', status, minutesMissed: 20 }], done, after);
    expect(q).toMatchObject({ qualifies: false, canStillQualify: false });
    expect(q.missing.map(describeMissing)).toEqual([words]);
  });

  it('waits for attendance not yet recorded, and for classes to come', () => {
    const before = new Date('2027-03-10T12:00:00Z');
    const q = qualification(plan, [present[0]!], [], before);
    expect(q.missing.slice(0, 1)).toEqual([{ kind: 'class', date: '2027-03-16', reason: 'upcoming' }]);
    expect(q.canStillQualify).toBe(true);
    expect(qualification(plan, [present[0]!], done, after).missing).toEqual([
      { kind: 'class', date: '2027-03-16', reason: 'not-recorded' },
    ]);
  });

  it('is lost by homework not submitted by the deadline, or submitted late', () => {
    expect(qualification(plan, present, [done[0]!], after).missing).toEqual([
      { kind: 'assignment', assignmentId: 'hw-b', title: 'Job search plan', reason: 'not-submitted' },
    ]);
    const late = qualification(plan, present, [reviewed('hw-a', '2027-03-15T00:00:00.000-04:00'), done[1]!], after);
    expect(late).toMatchObject({
      canStillQualify: false,
      missing: [{ assignmentId: 'hw-a', reason: 'submitted-late' }],
    });
  });

  it('counts homework only once ADS marks it complete; returned work must come back by the deadline', () => {
    const awaiting: HomeworkRecord = { assignmentId: 'hw-a', submissions: [{ at: '2027-03-14T20:00:00.000-04:00' }] };
    expect(qualification(plan, present, [awaiting, done[1]!], after).missing).toEqual([
      expect.objectContaining({ reason: 'awaiting-review' }),
    ]);
    const returned = reviewed('hw-a', '2027-03-14T20:00:00.000-04:00', 'returned');
    expect(qualification(plan, present, [returned, done[1]!], after)).toMatchObject({
      canStillQualify: false,
      missing: [{ reason: 'returned' }],
    });
  });

  it('an extension ADS granted moves the deadline for that learner', () => {
    const extended: HomeworkRecord = {
      ...reviewed('hw-a', '2027-03-16T10:00:00.000-04:00'),
      extension: {
        until: '2027-03-17T23:59:00.000-04:00',
        reason: 'Family emergency',
        at: '2027-03-14T09:00:00.000-04:00',
        by: 'ads-1',
      },
    };
    expect(qualification(plan, present, [extended, done[1]!], after).qualifies).toBe(true);
    expect(
      effectiveDeadline(plan.assignments[0]!, {
        extension: { until: '2027-03-01T00:00:00.000-05:00', reason: 'x', at: 'x', by: 'x' },
      }),
    ).toBe(plan.assignments[0]!.dueAt);
  });

  it('on time means at or before the deadline to the millisecond, across a DST change', () => {
    // 14 March 2027, 23:59 EDT (clocks sprang forward that morning) is 03:59 UTC on the 15th.
    expect(onTime('2027-03-15T03:59:00.000Z', '2027-03-14T23:59:00.000-04:00')).toBe(true);
    expect(onTime('2027-03-15T03:59:00.001Z', '2027-03-14T23:59:00.000-04:00')).toBe(false);
    // 7 November 2027, 23:59 EST (clocks fell back that morning) is 04:59 UTC on the 8th.
    expect(onTime('2027-11-08T04:58:59.999Z', '2027-11-07T23:59:00.000-05:00')).toBe(true);
    expect(onTime('2027-11-08T04:59:00.001Z', '2027-11-07T23:59:00.000-05:00')).toBe(false);
  });
});

describe('which notice a change calls for', () => {
  const told = (t: 'none' | 'lost' | 'restored') => ({ told: t, sent: t === 'none' ? 0 : 1 });
  it('a missed class tells "no longer" unless that notice stands', () => {
    expect(qualificationNotice(told('none'), { missedClass: true })).toBe('lost');
    expect(qualificationNotice(told('restored'), { missedClass: true })).toBe('lost');
    expect(qualificationNotice(told('lost'), { missedClass: true })).toBeUndefined();
  });
  it('"back on track" when qualifying is possible again after a standing notice or a loss the change undid', () => {
    const change = (before: boolean, after: boolean) => ({
      missedClass: false,
      canStillQualifyBefore: before,
      canStillQualifyAfter: after,
    });
    expect(qualificationNotice(told('lost'), change(false, true))).toBe('restored');
    expect(qualificationNotice(told('none'), change(false, true))).toBe('restored');
    expect(qualificationNotice(told('restored'), change(false, true))).toBe('restored');
    expect(qualificationNotice(told('lost'), change(false, false))).toBeUndefined();
    expect(qualificationNotice(told('none'), change(true, true))).toBeUndefined();
    expect(qualificationNotice(told('restored'), change(true, true))).toBeUndefined();
    expect(qualificationNotice(told('lost'), { missedClass: false })).toBeUndefined();
  });
});
