import { sessionEnded } from '../../shared/domain/account';
import { verifiedEmail } from '../../shared/domain/actor';
import { InvalidInput, RuleBroken } from '../../shared/domain/errors';
import { isStaff } from '../../shared/domain/vocabulary';

const endedAt = '2026-12-08T10:00:00.400-05:00';
const endedSecond = Math.floor(Date.parse(endedAt) / 1000);

describe('a session has ended', () => {
  it('never for an account without a record, or one never signed out everywhere', () => {
    expect(sessionEnded(undefined, 1)).toBe(false);
    expect(sessionEnded({ status: 'enabled' }, 1)).toBe(false);
  });

  it('always for a disabled account, however new the token', () => {
    expect(sessionEnded({ status: 'disabled' }, endedSecond + 3600)).toBe(true);
    expect(sessionEnded({ status: 'disabled', sessionsEndedAt: endedAt }, endedSecond + 3600)).toBe(true);
  });

  it('for a token issued before the sessions ended, or in that same second; not for one issued after', () => {
    const state = { status: 'enabled' as const, sessionsEndedAt: endedAt };
    expect(sessionEnded(state, endedSecond - 1)).toBe(true);
    expect(sessionEnded(state, endedSecond)).toBe(true);
    expect(sessionEnded(state, endedSecond + 1)).toBe(false);
  });

  it('for a token without an issue time, once sessions were ended', () => {
    expect(sessionEnded({ status: 'enabled', sessionsEndedAt: endedAt }, undefined)).toBe(true);
  });
});

describe('the verified sign-in email', () => {
  it('is the email only when the token says it is verified', () => {
    expect(verifiedEmail({ sub: 's', roles: [], email: 'a@b.org', emailVerified: true })).toBe('a@b.org');
  });

  it('refuses an unverified one as a broken rule naming token.email_verified, and a missing one as invalid', () => {
    for (const emailVerified of [false, undefined]) {
      const refuse = () => verifiedEmail({ sub: 's', roles: [], email: 'a@b.org', emailVerified });
      expect(refuse).toThrow(RuleBroken);
      try {
        refuse();
      } catch (error) {
        expect((error as RuleBroken).problems.map((p) => p.field)).toEqual(['token.email_verified']);
      }
    }
    expect(() => verifiedEmail({ sub: 's', roles: [], emailVerified: true })).toThrow(InvalidInput);
  });
});

describe('staff roles', () => {
  it('are ADS and DDS; an applicant is not staff, nor someone without a role', () => {
    expect(isStaff(['ads-staff'])).toBe(true);
    expect(isStaff(['dds'])).toBe(true);
    expect(isStaff(['provider-admin'])).toBe(true);
    expect(isStaff(['applicant', 'dds'])).toBe(true);
    expect(isStaff(['applicant'])).toBe(false);
    expect(isStaff([])).toBe(false);
  });
});
