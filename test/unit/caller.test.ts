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
    });
  });
});
