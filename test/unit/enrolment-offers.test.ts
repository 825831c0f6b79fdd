import { liveClassTimes } from '../../shared/domain/calendar/live-classes';
import { offerDeadline, promotionOpen, trainingAgreement } from '../../shared/domain/enrolment';

/** Offers and promotion (README, "Allocation, offers and waitlists"). */
describe('the offer deadline', () => {
  const offeredAt = new Date('2027-01-16T14:00:00.000Z');

  it('is the response days after the offer', () => {
    expect(offerDeadline(offeredAt, { classDates: ['2027-02-02'] }, 7)).toBe('2027-01-23T09:00:00.000-05:00');
    expect(offerDeadline(offeredAt, { classDates: [] }, 2)).toBe('2027-01-18T09:00:00.000-05:00');
  });

  it('is never later than the first live class starts', () => {
    // 20 January 2027, 9:00 in Connecticut (EST) = 14:00 UTC, sooner than 7 days after the offer.
    expect(offerDeadline(offeredAt, { classDates: ['2027-01-20', '2027-02-02'] }, 7)).toBe(
      '2027-01-20T09:00:00.000-05:00',
    );
  });
});

describe('promotion from the waitlist', () => {
  const iteration = { classDates: ['2027-02-02', '2027-02-09'], allocationClosedAt: undefined };
  const firstClass = Date.parse('2027-02-02T14:00:00.000Z');

  it('is open until the first live class starts, and stops the moment it does', () => {
    expect(promotionOpen(iteration, new Date(firstClass - 1))).toBe(true);
    expect(promotionOpen(iteration, new Date(firstClass))).toBe(false);
    expect(promotionOpen(iteration, new Date(firstClass + 1))).toBe(false);
  });

  it('stops when ADS closes allocation earlier', () => {
    expect(promotionOpen({ ...iteration, allocationClosedAt: '2027-01-20T10:00:00.000-05:00' }, new Date(0))).toBe(
      false,
    );
  });

  it('is open for an iteration without classes yet', () => {
    expect(promotionOpen({ classDates: [] }, new Date('2030-01-01T00:00:00Z'))).toBe(true);
  });
});

describe('the CE Provider Training Agreement', () => {
  const agreement = trainingAgreement({
    title: 'Spring 2027',
    classDates: ['2027-02-02', '2027-03-16'],
    assignments: [{ id: 'hw-1', title: 'Discovery profile', dueAt: '2027-03-15T23:59:00.000-04:00' }],
  });

  it('names the iteration, every class with its times, and every homework deadline', () => {
    expect(agreement.title).toBe('CE Provider Training Agreement — Spring 2027');
    expect(agreement.courseDates).toEqual([liveClassTimes('2027-02-02'), liveClassTimes('2027-03-16')]);
    expect(agreement.homeworkDeadlines).toEqual([
      { title: 'Discovery profile', dueAt: '2027-03-15T23:59:00.000-04:00' },
    ]);
  });

  it("states the learner's and the supervisor's responsibilities and the attendance policy", () => {
    expect(agreement.responsibilities).toEqual([
      expect.stringContaining('every synchronous live class, 9:00 AM–12:00 PM Connecticut time'),
      expect.stringContaining('homework assignment by its established deadline'),
      expect.stringContaining('The supervisor releases the learner'),
      expect.stringContaining('Certification is personal'),
    ]);
    expect(agreement.attendancePolicy).toMatch(/must attend all live classes; only full attendance counts/);
  });
});
