import { applicantActions, regionsOpenTo, shownStatus } from '../../shared/domain/application';

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

describe('applicantActions', () => {
  const before = new Date('2027-01-15T16:59:59-05:00');
  const after = new Date('2027-01-15T17:00:00-05:00');
  const only = (...names: string[]) =>
    Object.fromEntries(
      ['withdraw', 'changeSupervisor', 'resendEndorsementLink', 'acceptOffer', 'declineOffer'].map((n) => [
        n,
        names.includes(n),
      ]),
    );
  it('offers the supervisor change and the resend before endorsement, and neither once the window has closed', () => {
    expect(applicantActions({ status: 'submitted' }, dates, before)).toEqual(
      only('withdraw', 'changeSupervisor', 'resendEndorsementLink'),
    );
    expect(applicantActions({ status: 'not-endorsed' }, dates, before)).toEqual(only('withdraw', 'changeSupervisor'));
    expect(applicantActions({ status: 'submitted' }, dates, after)).toEqual(only());
  });
  it('answers an offer until its deadline; an accepted offer can still be declined; a lapsed one nothing', () => {
    const t = new Date('2027-01-20T09:00:00-05:00');
    expect(applicantActions({ status: 'offered', offer }, dates, t)).toEqual(
      only('withdraw', 'acceptOffer', 'declineOffer'),
    );
    expect(applicantActions({ status: 'accepted', offer }, dates, t)).toEqual(only('withdraw', 'declineOffer'));
    expect(applicantActions({ status: 'offered', offer }, dates, new Date(offer.deadline))).toEqual(only());
  });
  it('lets an enrolled or waitlisted learner withdraw, and a closed application nothing', () => {
    expect(applicantActions({ status: 'enrolled', offer }, dates, after)).toEqual(only('withdraw'));
    expect(applicantActions({ status: 'waitlisted' }, dates, after)).toEqual(only('withdraw'));
    for (const status of ['withdrawn', 'declined', 'lapsed', 'not-considered'] as const)
      expect(applicantActions({ status }, dates, before)).toEqual(only());
  });
});

describe('regionsOpenTo', () => {
  it("is the provider's coverage in the regions' order, or every region for a self-hired person", () => {
    expect(regionsOpenTo(['West', 'North'])).toEqual(['North', 'West']);
    expect(regionsOpenTo(undefined)).toEqual(['North', 'South', 'West']);
  });
});
