import { shownStatus } from '../../shared/domain/application';

const dates = {
  applicationClosesAt: '2027-01-15T17:00:00.000-05:00',
  classDates: ['2027-02-02', '2027-02-09'],
};
const offer = {
  offeredAt: '2027-01-16T09:00:00.000-05:00',
  deadline: '2027-01-23T09:00:00.000-05:00',
  seatRegion: 'North' as const,
  via: 'allocation' as const,
};

describe('shownStatus', () => {
  it('reads an open offer as lapsed from its deadline on, whether accepted or not', () => {
    for (const status of ['offered', 'accepted'] as const) {
      expect(shownStatus({ status, offer }, dates, new Date('2027-01-23T08:59:59.999-05:00'))).toBe(status);
      expect(shownStatus({ status, offer }, dates, new Date('2027-01-23T09:00:00-05:00'))).toBe('lapsed');
    }
  });
  it('reads an unendorsed application as not-considered from the close of the window', () => {
    expect(shownStatus({ status: 'submitted' }, dates, new Date('2027-01-15T16:59:59-05:00'))).toBe('submitted');
    expect(shownStatus({ status: 'submitted' }, dates, new Date('2027-01-15T17:00:00-05:00'))).toBe('not-considered');
  });
  it('reads a waitlist place as ended once the first class starts or ADS closed allocation', () => {
    expect(shownStatus({ status: 'waitlisted' }, dates, new Date('2027-02-02T08:59:00-05:00'))).toBe('waitlisted');
    expect(shownStatus({ status: 'waitlisted' }, dates, new Date('2027-02-02T09:00:00-05:00'))).toBe('waitlist-ended');
    expect(
      shownStatus(
        { status: 'waitlisted' },
        { ...dates, allocationClosedAt: '2027-01-20T10:00:00.000-05:00' },
        new Date('2027-01-21T09:00:00-05:00'),
      ),
    ).toBe('waitlist-ended');
  });
  it('leaves statuses without a deadline as stored', () => {
    for (const status of ['endorsed', 'enrolled', 'withdrawn', 'declined'] as const)
      expect(shownStatus({ status, offer }, dates, new Date('2030-01-01T00:00:00Z'))).toBe(status);
  });
});
