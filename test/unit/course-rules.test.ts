import { NotFound, RuleBroken } from '../../shared/domain/errors';
import {
  assertClassStarted,
  classesWithoutRoster,
  extensionEnd,
  markedComplete,
} from '../../shared/domain/qualification';

const thrown = (act: () => unknown): unknown => {
  try {
    act();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('taking attendance', () => {
  const classes = ['2027-02-02', '2027-02-09'];

  it('is for a class of the iteration, once it has started (9:00 Connecticut time)', () => {
    expect(thrown(() => assertClassStarted(classes, '2027-02-02', new Date('2027-02-02T14:00:00Z')))).toBeUndefined();
    const early = thrown(() => assertClassStarted(classes, '2027-02-02', new Date('2027-02-02T13:59:59Z')));
    expect(early).toBeInstanceOf(RuleBroken);
    expect((early as RuleBroken).problems).toEqual([
      {
        field: 'date',
        code: 'class_not_started',
        message: 'the class has not started yet: it starts Tuesday, February 2, 2027 at 9:00 AM (Connecticut time)',
      },
    ]);
    expect(thrown(() => assertClassStarted(classes, '2027-02-03', new Date('2027-03-01T00:00:00Z')))).toBeInstanceOf(
      NotFound,
    );
  });
});

describe('homework', () => {
  const submission = { at: '2027-02-10T10:00:00.000-05:00' };
  const review = (status: 'complete' | 'returned', at: string) => ({ status, at, by: 'ads' });

  it('is complete when ADS marked the latest submission complete', () => {
    expect(markedComplete(undefined)).toBe(false);
    expect(markedComplete({ submissions: [submission] })).toBe(false);
    expect(
      markedComplete({ submissions: [submission], review: review('complete', '2027-02-11T09:00:00.000-05:00') }),
    ).toBe(true);
    expect(
      markedComplete({ submissions: [submission], review: review('returned', '2027-02-11T09:00:00.000-05:00') }),
    ).toBe(false);
    // Marked before the latest submission: that submission awaits its own review.
    expect(
      markedComplete({
        submissions: [submission, { at: '2027-02-12T10:00:00.000-05:00' }],
        review: review('complete', '2027-02-11T09:00:00.000-05:00'),
      }),
    ).toBe(false);
  });

  it('extensions end after the deadline, at a real Connecticut date-time', () => {
    const assignment = { dueAt: '2027-02-15T23:59:00.000-05:00' };
    expect(extensionEnd(assignment, '2027-02-20T23:59').toISOString()).toBe('2027-02-21T04:59:00.000Z');
    const codes = (until: string) => (thrown(() => extensionEnd(assignment, until)) as RuleBroken).problems[0]?.code;
    expect(codes('2027-02-15T23:59')).toBe('not_later');
    expect(codes('2027-03-14T02:30')).toBe('invalid_datetime');
  });
});

describe('classes whose roster is still to take', () => {
  const dates = ['2027-02-02', '2027-03-16'];
  const learners = ['a', 'b'];
  it('listed from the moment the class ends (12:00 Connecticut time, EST or EDT), until every learner is recorded', () => {
    expect(classesWithoutRoster(dates, learners, [], new Date('2027-02-02T11:59:59.999-05:00'))).toEqual([]);
    expect(classesWithoutRoster(dates, learners, [], new Date('2027-02-02T12:00:00.000-05:00'))).toEqual([
      '2027-02-02',
    ]);
    const one = [{ classDate: '2027-02-02', learnerSub: 'a' }];
    expect(classesWithoutRoster(dates, learners, one, new Date('2027-03-16T11:59:00-04:00'))).toEqual(['2027-02-02']);
    const both = [...one, { classDate: '2027-02-02', learnerSub: 'b' }];
    expect(classesWithoutRoster(dates, learners, both, new Date('2027-03-16T11:59:00-04:00'))).toEqual([]);
    expect(classesWithoutRoster(dates, learners, both, new Date('2027-03-16T12:00:00-04:00'))).toEqual(['2027-03-16']);
  });
  it('nobody enrolled: no roster to take', () => {
    expect(classesWithoutRoster(dates, [], [], new Date('2027-12-01T00:00:00-05:00'))).toEqual([]);
  });
});
