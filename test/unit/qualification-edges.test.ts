import {
  describeMissing,
  effectiveDeadline,
  qualification,
  type HomeworkRecord,
  type Missing,
} from '../../shared/domain/qualification';

/** Qualification at its edges: the exact instants, reviews crossing resubmissions, what can still be made good. */
const due = '2027-03-14T23:59:00.000-04:00';
const plan = { classDates: ['2027-03-09'], assignments: [{ id: 'hw-a', title: 'Discovery profile', dueAt: due }] };
const present = [{ classDate: '2027-03-09', status: 'present' as const }];
const at = (iso: string) => new Date(iso);
const after = at('2027-04-01T12:00:00Z');
const record = (submissions: string[], review?: { status: 'complete' | 'returned'; at: string }): HomeworkRecord => ({
  assignmentId: 'hw-a',
  submissions: submissions.map((s) => ({ at: s, text: 'x' })),
  review: review && { ...review, by: 'ads-1' },
});
const homework = (reason: Extract<Missing, { kind: 'assignment' }>['reason']) => ({
  kind: 'assignment',
  assignmentId: 'hw-a',
  title: 'Discovery profile',
  reason,
});

describe('a live class', () => {
  it('not recorded is "upcoming" until the moment it starts, then "not recorded"', () => {
    const start = Date.parse('2027-03-09T14:00:00.000Z'); // 9:00 in Connecticut (EST)
    const q = (ms: number) => qualification({ ...plan, assignments: [] }, [], [], new Date(ms));
    expect(q(start - 1).missing).toEqual([{ kind: 'class', date: '2027-03-09', reason: 'upcoming' }]);
    expect(q(start).missing).toEqual([{ kind: 'class', date: '2027-03-09', reason: 'not-recorded' }]);
    expect(q(start).canStillQualify).toBe(true);
  });
});

describe('homework', () => {
  it('not handed in is "not yet due" up to the deadline itself, and lost the moment after', () => {
    const deadline = Date.parse(due);
    expect(qualification(plan, present, [], new Date(deadline))).toEqual({
      qualifies: false,
      canStillQualify: true,
      missing: [homework('not-yet-due')],
    });
    expect(qualification(plan, present, [], new Date(deadline + 1))).toEqual({
      qualifies: false,
      canStillQualify: false,
      missing: [homework('not-submitted')],
    });
  });

  it('returned for rework can still be made good before the deadline, not after', () => {
    const returned = record(['2027-03-10T10:00:00.000-04:00'], {
      status: 'returned',
      at: '2027-03-11T10:00:00.000-04:00',
    });
    expect(qualification(plan, present, [returned], at('2027-03-12T12:00:00Z'))).toEqual({
      qualifies: false,
      canStillQualify: true,
      missing: [homework('returned')],
    });
    expect(qualification(plan, present, [returned], after).canStillQualify).toBe(false);
  });

  it('returned at the very instant of the latest submission is still returned', () => {
    const same = '2027-03-10T10:00:00.000-04:00';
    expect(qualification(plan, present, [record([same], { status: 'returned', at: same })], after).missing).toEqual([
      homework('returned'),
    ]);
  });

  it('handed in again after being returned waits for a new review', () => {
    const again = record(['2027-03-10T10:00:00.000-04:00', '2027-03-12T10:00:00.000-04:00'], {
      status: 'returned',
      at: '2027-03-11T10:00:00.000-04:00',
    });
    expect(qualification(plan, present, [again], after)).toEqual({
      qualifies: false,
      canStillQualify: true,
      missing: [homework('awaiting-review')],
    });
  });

  it('marked complete before a newer submission waits for a review of the newer one', () => {
    const newer = record(['2027-03-10T10:00:00.000-04:00', '2027-03-12T10:00:00.000-04:00'], {
      status: 'complete',
      at: '2027-03-11T10:00:00.000-04:00',
    });
    expect(qualification(plan, present, [newer], after).missing).toEqual([homework('awaiting-review')]);
  });

  it('marked complete at the very instant of the latest submission counts', () => {
    const same = '2027-03-10T10:00:00.000-04:00';
    expect(qualification(plan, present, [record([same], { status: 'complete', at: same })], after)).toEqual({
      qualifies: true,
      canStillQualify: true,
      missing: [],
    });
  });

  it('handed in and not reviewed yet waits for ADS', () => {
    expect(qualification(plan, present, [record(['2027-03-10T10:00:00.000-04:00'])], after).missing).toEqual([
      homework('awaiting-review'),
    ]);
  });
});

describe('the deadline that applies', () => {
  it("is the assignment's own when an extension ends at the same instant (written another way)", () => {
    const extension = { until: '2027-03-15T03:59:00.000Z', reason: 'x', at: 'x', by: 'x' };
    expect(effectiveDeadline({ dueAt: due }, { extension })).toBe(due);
    expect(effectiveDeadline({ dueAt: due }, undefined)).toBe(due);
  });
});

describe('what is missing, in words', () => {
  it.each([
    [{ kind: 'class', date: '2027-03-09', reason: 'absent' }, 'Live class of 2027-03-09: absent'],
    [
      { kind: 'class', date: '2027-03-09', reason: 'partial' },
      'Live class of 2027-03-09: joined late or left early (only full attendance counts)',
    ],
    [
      { kind: 'class', date: '2027-03-09', reason: 'not-recorded' },
      'Live class of 2027-03-09: attendance not recorded yet',
    ],
    [{ kind: 'class', date: '2027-03-09', reason: 'upcoming' }, 'Live class of 2027-03-09: class still to come'],
    [homework('not-submitted'), 'Assignment "Discovery profile": not submitted by the deadline'],
    [homework('submitted-late'), 'Assignment "Discovery profile": submitted after the deadline'],
    [homework('awaiting-review'), 'Assignment "Discovery profile": awaiting ADS review'],
    [homework('returned'), 'Assignment "Discovery profile": returned for rework'],
    [homework('not-yet-due'), 'Assignment "Discovery profile": not submitted yet (not yet due)'],
  ] as [Missing, string][])('%j → %s', (missing, words) => {
    expect(describeMissing(missing)).toBe(words);
  });
});
