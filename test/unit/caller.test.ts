import { callerFromClaims, parseGroups } from '../../shared/http/caller';

describe('cognito:groups, in every shape it arrives', () => {
  it('reads an array (a decoded token)', () => expect(parseGroups(['applicant', 'dds'])).toEqual(['applicant', 'dds']));
  it('reads the HTTP API authorizer string form', () =>
    expect(parseGroups('[ads-staff dds]')).toEqual(['ads-staff', 'dds']));
  it('reads a single group string', () => expect(parseGroups('applicant')).toEqual(['applicant']));
  it('ignores groups that are not roles of this system', () =>
    expect(parseGroups('[admins ads-staff]')).toEqual(['ads-staff']));
  it('gives no roles when absent', () => expect(parseGroups(undefined)).toEqual([]));
  it('needs a subject to know the caller', () => {
    expect(callerFromClaims({ 'cognito:groups': '[ads-staff]' })).toBeUndefined();
    expect(callerFromClaims({ sub: 's1', 'cognito:groups': '[ads-staff]', email: 'a@b.org' })).toEqual({
      sub: 's1',
      roles: ['ads-staff'],
      email: 'a@b.org',
      emailVerified: false,
    });
  });

  it('reads email_verified, the app client and the issue time, as the authorizer flattens them or typed', () => {
    expect(
      callerFromClaims({ sub: 's1', email: 'a@b.org', email_verified: 'true', aud: 'web-1', iat: '1733650000' }),
    ).toMatchObject({ emailVerified: true, clientId: 'web-1', issuedAt: 1733650000 });
    expect(callerFromClaims({ sub: 's1', email_verified: true, client_id: 'staff-1', iat: 1733650000 })).toMatchObject({
      emailVerified: true,
      clientId: 'staff-1',
      issuedAt: 1733650000,
    });
  });

  it('takes anything but true as not verified, and no issue time from a malformed iat', () => {
    for (const value of ['false', false, 'True', '1', undefined, 'yes'])
      expect(callerFromClaims({ sub: 's1', email_verified: value })?.emailVerified).toBe(false);
    for (const iat of ['soon', '-5', '1.5', '']) expect(callerFromClaims({ sub: 's1', iat })?.issuedAt).toBeUndefined();
  });
});
