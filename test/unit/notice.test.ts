import { noticeRange, periodOf } from '../../shared/domain/notice';
import { renewalExpiry } from '../../shared/domain/certification';

describe('the DDS notice period', () => {
  it('is the calendar month; the first notice reaches back a month, later ones to the previous notice', () => {
    expect(periodOf('2027-03-01')).toBe('2027-03');
    expect(noticeRange('2027-03-01', 90, undefined)).toEqual({
      expiredFrom: '2027-02-01',
      expiredTo: '2027-02-28',
      expiringFrom: '2027-03-01',
      expiringTo: '2027-05-30',
    });
    expect(noticeRange('2027-01-01', 90, undefined).expiredFrom).toBe('2026-12-01');
    expect(noticeRange('2027-03-01', 30, '2027-02-01')).toMatchObject({
      expiredFrom: '2027-02-01',
      expiringTo: '2027-03-31',
    });
  });
});

describe('renewal dates (default policy: from the old expiry if renewed before it, else from the issue date)', () => {
  it('renewed before expiry: three years from the old expiry date, no time lost', () => {
    expect(renewalExpiry({ expiresOn: '2027-06-01' }, '2027-03-20', 'old-expiry-if-unexpired')).toBe('2030-06-01');
  });
  it('renewed in grace or after lapse: three years from the issue date', () => {
    expect(renewalExpiry({ expiresOn: '2027-03-01' }, '2027-03-20', 'old-expiry-if-unexpired')).toBe('2030-03-20');
    expect(renewalExpiry({ expiresOn: '2026-01-01' }, '2027-03-20', 'old-expiry-if-unexpired')).toBe('2030-03-20');
  });
  it('renewed on the expiry date itself is a renewal after expiry (the certification stopped being active that day)', () => {
    expect(renewalExpiry({ expiresOn: '2027-03-20' }, '2027-03-20', 'old-expiry-if-unexpired')).toBe('2030-03-20');
  });
  it('a 29 February expiry renewed early runs to 1 March', () => {
    expect(renewalExpiry({ expiresOn: '2028-02-29' }, '2028-01-10', 'old-expiry-if-unexpired')).toBe('2031-03-01');
  });
  it('with the issue-date policy, always from the issue date', () => {
    expect(renewalExpiry({ expiresOn: '2027-06-01' }, '2027-03-20', 'issue-date')).toBe('2030-03-20');
  });
});
