import { certificationState, expiryAfterThreeYears } from '../../shared/domain/certification';

describe('certification dates', () => {
  it('expires three years after the issue date', () => {
    expect(expiryAfterThreeYears('2027-03-16')).toBe('2030-03-16');
    expect(expiryAfterThreeYears('2027-12-31')).toBe('2030-12-31');
  });

  it('issued on 29 February, it expires on 1 March three years later (no day of the three years lost)', () => {
    expect(expiryAfterThreeYears('2028-02-29')).toBe('2031-03-01');
    expect(expiryAfterThreeYears('2029-02-28')).toBe('2032-02-28');
  });
});

describe('certification state, derived in one place from the record and today', () => {
  const cert = { standing: 'issued' as const, expiresOn: '2030-03-16' };
  const policy = { renewalWindowMonths: 9, graceDays: 90 };

  it('is active until its expiry date, renewable in the window before it', () => {
    expect(certificationState(cert, '2029-06-15', policy)).toMatchObject({
      state: 'active',
      active: true,
      inRenewalWindow: false,
      renewalOpensOn: '2029-06-16',
    });
    expect(certificationState(cert, '2029-06-16', policy)).toMatchObject({ state: 'active', inRenewalWindow: true });
    expect(certificationState(cert, '2030-03-15', policy)).toMatchObject({ state: 'active', active: true });
  });

  it('in grace after expiry is not active; after the grace period it is expired', () => {
    expect(certificationState(cert, '2030-03-16', policy)).toMatchObject({
      state: 'in-grace',
      active: false,
      graceEndsOn: '2030-06-14',
    });
    expect(certificationState(cert, '2030-06-13', policy).state).toBe('in-grace');
    expect(certificationState(cert, '2030-06-14', policy).state).toBe('expired');
    expect(certificationState(cert, '2030-03-16', { renewalWindowMonths: 9, graceDays: 0 }).state).toBe('expired');
  });

  it('suspension, revocation and supersession override the dates', () => {
    for (const standing of ['suspended', 'revoked', 'superseded'] as const)
      expect(certificationState({ ...cert, standing }, '2028-01-01', policy)).toMatchObject({
        state: standing,
        active: false,
      });
  });
});
