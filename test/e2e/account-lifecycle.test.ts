import { UpdateUserAttributesCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoClient, ensureUser, refreshIdToken, signInTokens } from '../../scripts/local/cognito';
import { unique } from '../support/fixtures';
import { useTestStack } from '../support/local-stack';

/**
 * The account lifecycle end to end: real tokens from cognito-local's two app clients, verified by the gateway as
 * the HTTP API's JWT authorizer verifies them, through the same handlers Lambda runs.
 */
const stack = useTestStack();
const PASSWORD = 'Local-Passw0rd!';
const idp = () => cognitoClient(stack().state.cognitoEndpoint);

async function newAccount(role: 'dds' | 'ads-staff' | 'applicant') {
  const { state } = stack();
  const email = `${role}.${unique()}@example.org`;
  const sub = await ensureUser(idp(), state.userPoolId, email, PASSWORD, role);
  return { sub, email };
}

describe('staff sign in through the staff app client', () => {
  it('a staff token from the applicant client is refused (403 staff_client_required); from the staff client it works', async () => {
    const { state } = stack();
    for (const [role, path] of [
      ['ads-staff', '/ads/iterations'],
      ['dds', '/dds/notices'],
    ] as const) {
      const { email, password } = state.users[role];
      const fromWeb = await signInTokens(idp(), state.clientId, email, password);
      const refused = await stack().fetch(path, { token: fromWeb.idToken });
      expect([role, refused.status, refused.body.code]).toEqual([role, 403, 'staff_client_required']);
      const fromStaff = await signInTokens(idp(), state.staffClientId, email, password);
      expect([role, (await stack().fetch(path, { token: fromStaff.idToken })).status]).toEqual([role, 200]);
    }
  });
});

describe('a disabled account', () => {
  it('is refused with its unexpired token, cannot refresh it nor sign in, and works again after enabling and signing in', async () => {
    const { state } = stack();
    const ads = await stack().token('ads-staff');
    const dds = await newAccount('dds');
    const session = await signInTokens(idp(), state.staffClientId, dds.email, PASSWORD);
    expect((await stack().fetch('/dds/notices', { token: session.idToken })).status).toBe(200);

    const disabled = await stack().fetch(`/ads/accounts/${dds.sub}/disable`, {
      method: 'POST',
      token: ads,
      json: { reason: 'Left DDS on 5 December' },
    });
    expect([disabled.status, disabled.body.status]).toEqual([200, 'disabled']);
    const refused = await stack().fetch('/dds/notices', { token: session.idToken });
    expect([refused.status, refused.body.detail]).toEqual([401, 'This session has ended; sign in again.']);
    await expect(refreshIdToken(idp(), state.staffClientId, session.refreshToken)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    await expect(signInTokens(idp(), state.staffClientId, dds.email, PASSWORD)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });

    const enabled = await stack().fetch(`/ads/accounts/${dds.sub}/enable`, {
      method: 'POST',
      token: ads,
      json: { reason: 'Back at DDS' },
    });
    expect([enabled.status, enabled.body.status, enabled.body.groups]).toEqual([200, 'enabled', ['dds']]);
    expect((await stack().fetch('/dds/notices', { token: session.idToken })).status).toBe(401);
    // `iat` has whole seconds: a token from the second the sessions ended is refused too.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const again = await signInTokens(idp(), state.staffClientId, dds.email, PASSWORD);
    expect((await stack().fetch('/dds/notices', { token: again.idToken })).status).toBe(200);

    const trail = await stack().fetch(`/ads/audit/person/${dds.sub}`, { token: ads });
    expect(trail.body.items.map((r: { action: string }) => r.action).sort()).toEqual([
      'account-disabled',
      'account-enabled',
    ]);
  });
});

describe('signing out on every device', () => {
  it('ends this token and every other session of the account', async () => {
    const { state } = stack();
    const who = await newAccount('applicant');
    const one = await signInTokens(idp(), state.clientId, who.email, PASSWORD);
    const other = await signInTokens(idp(), state.clientId, who.email, PASSWORD);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const out = await stack().fetch('/me/sign-out-everywhere', { method: 'POST', token: one.idToken });
    expect(out.status).toBe(200);
    for (const token of [one.idToken, other.idToken])
      expect((await stack().fetch('/me/profile', { token })).status).toBe(401);
    await expect(refreshIdToken(idp(), state.clientId, other.refreshToken)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
  });
});

describe('an email nobody verified', () => {
  it('a token carrying a changed, unverified email cannot save the profile', async () => {
    const { state } = stack();
    const who = await newAccount('applicant');
    const first = await signInTokens(idp(), state.clientId, who.email, PASSWORD);
    const changed = `changed.${unique()}@example.org`;
    await idp().send(
      new UpdateUserAttributesCommand({
        AccessToken: first.accessToken,
        UserAttributes: [{ Name: 'email', Value: changed }],
      }),
    );
    const after = await signInTokens(idp(), state.clientId, changed, PASSWORD);
    const answer = await stack().fetch('/me/profile', {
      method: 'PUT',
      token: after.idToken,
      json: {
        name: 'Una Verified',
        jobTitle: 'Employment Specialist',
        position: 'direct-service',
        providerId: null,
        supervisor: { name: 'Sam Boss', email: `sam.${unique()}@provider.example.org` },
      },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toEqual(['token.email_verified']);
  });
});
