import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  UpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { apiEvent, flattenClaims } from '../../scripts/local/api-event';
import { startCognito, type Running } from '../../scripts/local/components';
import {
  cognitoClient,
  ensurePool,
  ensureUser,
  refreshIdToken,
  signInTokens,
  signUpAndConfirm,
} from '../../scripts/local/cognito';
import { lambdaContext, loadAreaHandler } from '../../scripts/local/gateway';
import type { Role } from '../../shared/domain/vocabulary';
import type { RouteSpec } from '../../shared/http/route';
import { accountRoutes } from '../../shared/http/routes/accounts';
import { noticeRoutes } from '../../shared/http/routes/notices';
import { conform } from '../support/conformance';
import { applyTo, createProvider, newApplicant, publishedIteration, saveProfile, unique } from '../support/fixtures';
import { ads, invoke, type As } from '../support/invoke';
import { auditRecords, storedItem } from '../support/stored';
import { useTestTable } from '../support/table';
import { at, useClockReset } from '../support/clock';

useTestTable();
useClockReset();

/**
 * The account lifecycle against a real cognito-local (`scripts/local/cognito-local.cjs`) and DynamoDB Local: real
 * ID tokens, their claims handed to the function as the HTTP API's JWT authorizer hands them (the signature and
 * expiry checks are the gateway's, tested end to end).
 */
let cognito: Running | undefined;
let idp: CognitoIdentityProviderClient;
let pool: { userPoolId: string; clientId: string; staffClientId: string };
const PASSWORD = 'Local-Passw0rd!';
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ce-accounts-cognito-'));
  cognito = await startCognito({ dataDir: dir });
  idp = cognitoClient(cognito.endpoint);
  pool = await ensurePool(idp);
  cognitoDir = dir;
  Object.assign(process.env, {
    USER_POOL_ID: pool.userPoolId,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
    STAFF_CLIENT_ID: pool.staffClientId,
  });
}, 60_000);
afterAll(async () => cognito?.stop());
let cognitoDir = '';

/** A real account in a group, signed in through the client the web app uses for its role. */
async function account(role: Role) {
  const email = `${role}.${unique()}@example.org`;
  const sub = await ensureUser(idp, pool.userPoolId, email, PASSWORD, role);
  const clientId = role === 'applicant' ? pool.clientId : pool.staffClientId;
  return { sub, email, clientId, role, ...(await signInTokens(idp, clientId, email, PASSWORD)) };
}

/** Calls a route in-process with a real token's claims, flattened as the JWT authorizer flattens them. */
async function withToken(
  route: RouteSpec,
  idToken: string,
  call: { params?: Record<string, string>; body?: unknown } = {},
) {
  const params = call.params ?? {};
  const event = apiEvent({
    route,
    rawPath: route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? '')),
    pathParameters: params,
    headers: { 'content-type': 'application/json' },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
    claims: flattenClaims(decodeJwt(idToken) as Record<string, unknown>),
  });
  const result = await (await loadAreaHandler(route.area))(event, lambdaContext(`api-${route.area}`));
  const text = result.body ?? '';
  await conform(route, {
    status: result.statusCode ?? 200,
    headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
    text,
  });
  return { status: result.statusCode ?? 200, body: text ? JSON.parse(text) : undefined };
}

/** `iat` has whole seconds: a sign-in in the second sessions ended is refused too (`sessionEnded`). */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1100 - (Date.now() % 1000)));

const asAds = (): As => ({ ...ads, sub: `ads-${unique()}` });
const REASON = 'Left DDS on 5 December (HR ticket 4411)';
const disable = (personId: string, as: As = asAds()) =>
  invoke(accountRoutes.disableAccount, { as, params: { personId }, body: { reason: REASON } });
const enable = (personId: string, as: As = asAds()) =>
  invoke(accountRoutes.enableAccount, { as, params: { personId }, body: { reason: 'Rehired; confirmed by DDS' } });
const cognitoGroups = async (sub: string) =>
  (await idp.send(new AdminListGroupsForUserCommand({ UserPoolId: pool.userPoolId, Username: sub }))).Groups?.map(
    (g) => g.GroupName,
  );
const cognitoEnabled = async (sub: string) =>
  (await idp.send(new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: sub }))).Enabled;

describe('ADS disables an account', () => {
  it('refuses its unexpired token at once, and a token it refreshes, and signing in; Cognito has it disabled and out of its groups', async () => {
    const dds = await account('dds');
    expect((await withToken(noticeRoutes.ddsNoticeHistory, dds.idToken)).status).toBe(200);

    const disabled = await disable(dds.sub);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ personId: dds.sub, status: 'disabled', groups: ['dds'], version: 1 });

    const refused = await withToken(noticeRoutes.ddsNoticeHistory, dds.idToken);
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toBe('This session has ended; sign in again.');
    await expect(refreshIdToken(idp, dds.clientId, dds.refreshToken)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    await expect(signInTokens(idp, dds.clientId, dds.email, PASSWORD)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    expect(await cognitoEnabled(dds.sub)).toBe(false);
    expect(await cognitoGroups(dds.sub)).toEqual([]);
  });

  it('refuses any token of a disabled account, however new, on every route', async () => {
    const dds = await account('dds');
    await disable(dds.sub);
    const later = Math.floor(Date.now() / 1000) + 60;
    const asDds: As = { sub: dds.sub, roles: ['dds'], email: dds.email, issuedAt: later };
    expect((await invoke(noticeRoutes.ddsNoticeHistory, { as: asDds })).status).toBe(401);
    expect((await invoke(accountRoutes.signOutEverywhere, { as: asDds })).status).toBe(401);
  });

  it('records who disabled it, when and why; the standing keeps its groups', async () => {
    const dds = await account('dds');
    const by = asAds();
    await disable(dds.sub, by);
    const [record, ...others] = await auditRecords('person', dds.sub);
    expect(others).toEqual([]);
    expect(record).toMatchObject({
      action: 'account-disabled',
      actor: { id: by.sub, roles: ['ads-staff'] },
      reason: REASON,
      before: { status: 'enabled', groups: ['dds'] },
      after: { status: 'disabled' },
    });
    expect(await storedItem(`PERSON#${dds.sub}`, '#ACCOUNT')).toMatchObject({ status: 'disabled', groups: ['dds'] });
    const read = await invoke(accountRoutes.getAccount, { as: ads, params: { personId: dds.sub } });
    expect(read.body).toMatchObject({ status: 'disabled', groups: ['dds'], version: 1 });
  });

  it('disabling again writes nothing more and keeps it disabled', async () => {
    const dds = await account('dds');
    await disable(dds.sub);
    const again = await disable(dds.sub);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'disabled', groups: ['dds'], version: 1 });
    expect((await auditRecords('person', dds.sub)).map((r) => r.action)).toEqual(['account-disabled']);
    expect(await cognitoEnabled(dds.sub)).toBe(false);
  });

  it('refuses ADS its own account (422), writing nothing', async () => {
    const self = await account('ads-staff');
    const me: As = { sub: self.sub, roles: ['ads-staff'], email: self.email };
    const answer = await disable(self.sub, me);
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'path.personId', code: 'own_account' })]);
    expect(await storedItem(`PERSON#${self.sub}`, '#ACCOUNT')).toBeUndefined();
    expect(await auditRecords('person', self.sub)).toEqual([]);
    expect(await cognitoEnabled(self.sub)).toBe(true);
  });

  it('answers 404 for an account the pool does not have, 400 without a reason, 403 to anyone but ADS', async () => {
    expect((await disable('no-such-person')).status).toBe(404);
    expect((await enable('no-such-person')).status).toBe(404);
    const dds = await account('dds');
    const noReason = await invoke(accountRoutes.disableAccount, { as: ads, params: { personId: dds.sub }, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.reason']);
    const byDds = await withToken(accountRoutes.disableAccount, dds.idToken, {
      params: { personId: dds.sub },
      body: { reason: REASON },
    });
    expect(byDds.status).toBe(403);
    expect(await storedItem(`PERSON#${dds.sub}`, '#ACCOUNT')).toBeUndefined();
  });
});

describe('ADS enables it again', () => {
  it('gives its groups back; tokens from before stay refused; a new sign-in works', async () => {
    const dds = await account('dds');
    await disable(dds.sub);
    const enabled = await enable(dds.sub);
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({ status: 'enabled', groups: ['dds'], version: 2 });
    expect(await cognitoEnabled(dds.sub)).toBe(true);
    expect(await cognitoGroups(dds.sub)).toEqual(['dds']);
    expect((await withToken(noticeRoutes.ddsNoticeHistory, dds.idToken)).status).toBe(401);

    await nextSecond();
    const again = await signInTokens(idp, dds.clientId, dds.email, PASSWORD);
    expect((await withToken(noticeRoutes.ddsNoticeHistory, again.idToken)).status).toBe(200);
    expect((await auditRecords('person', dds.sub)).map((r) => [r.action, r.reason])).toEqual([
      ['account-disabled', REASON],
      ['account-enabled', 'Rehired; confirmed by DDS'],
    ]);
  });

  it('enabling an enabled account writes nothing', async () => {
    const dds = await account('dds');
    const answer = await enable(dds.sub);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'enabled', groups: ['dds'], version: 0 });
    expect(await auditRecords('person', dds.sub)).toEqual([]);
  });
});

describe('signing out on every device', () => {
  it('refuses the tokens issued until then, this one included, and their refresh; a new sign-in works', async () => {
    const applicant = await account('applicant');
    await nextSecond();
    const other = await signInTokens(idp, applicant.clientId, applicant.email, PASSWORD);
    await nextSecond();
    const out = await withToken(accountRoutes.signOutEverywhere, applicant.idToken);
    expect(out.status).toBe(200);
    for (const token of [applicant.idToken, other.idToken])
      expect((await withToken(accountRoutes.getMyProfile, token)).status).toBe(401);
    await expect(refreshIdToken(idp, applicant.clientId, other.refreshToken)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    const [record] = await auditRecords('person', applicant.sub);
    expect(record).toMatchObject({ action: 'signed-out-everywhere', actor: { id: applicant.sub } });

    await nextSecond();
    const again = await signInTokens(idp, applicant.clientId, applicant.email, PASSWORD);
    expect((await withToken(accountRoutes.getMyProfile, again.idToken)).status).toBe(404);
  });
});

describe('staff sessions come from the staff app client', () => {
  it('refuses a staff token issued to the applicant client (403 staff_client_required) on every route', async () => {
    for (const role of ['ads-staff', 'dds'] as const) {
      const email = `${role}.${unique()}@example.org`;
      await ensureUser(idp, pool.userPoolId, email, PASSWORD, role);
      const { idToken } = await signInTokens(idp, pool.clientId, email, PASSWORD);
      for (const route of [noticeRoutes.ddsNoticeHistory, accountRoutes.signOutEverywhere]) {
        const answer = await withToken(route, idToken);
        expect([role, route.operationId, answer.status, answer.body.code]).toEqual([
          role,
          route.operationId,
          403,
          'staff_client_required',
        ]);
      }
    }
  });

  it('accepts an applicant through either client: only staff roles are held to theirs', async () => {
    const email = `applicant.${unique()}@example.org`;
    await ensureUser(idp, pool.userPoolId, email, PASSWORD, 'applicant');
    const { idToken } = await signInTokens(idp, pool.clientId, email, PASSWORD);
    expect((await withToken(accountRoutes.getMyProfile, idToken)).status).toBe(404);
  });
});

const profile = {
  name: 'Una Verified',
  jobTitle: 'Employment Specialist',
  position: 'direct-service',
  providerId: null,
  supervisor: { name: 'Sam Boss', email: `sam.${unique()}@provider.example.org` },
};

describe('an email nobody verified', () => {
  it('is refused for applying (422 token.email_verified), nothing written', async () => {
    at('2026-11-22T12:00:00-05:00');
    const provider = await createProvider();
    const iteration = await publishedIteration();
    at('2026-12-10T10:00:00-05:00');
    const who = newApplicant('Vera Unverified');
    await saveProfile(who, provider.id);
    const refused = await applyTo({ ...who, emailVerified: false }, iteration.id);
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['token.email_verified']);
    expect(await storedItem(`PERSON#${who.sub}`, `APPLIED#${iteration.id}`)).toBeUndefined();
    expect((await applyTo(who, iteration.id)).status).toBe(201);
    expect(await storedItem(`PERSON#${who.sub}`, `APPLIED#${iteration.id}`)).toBeDefined();
  });

  it('is refused for saving a profile (422 token.email_verified), nothing written', async () => {
    const who: As = {
      sub: `applicant-${unique()}`,
      roles: ['applicant'],
      email: 'new@example.org',
      emailVerified: false,
    };
    const answer = await invoke(accountRoutes.putMyProfile, { as: who, body: profile });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ field: 'token.email_verified', code: 'email_not_verified' }),
    ]);
    expect(await storedItem(`PERSON#${who.sub}`, '#PROFILE')).toBeUndefined();
    const verified = await invoke(accountRoutes.putMyProfile, { as: { ...who, emailVerified: true }, body: profile });
    expect(verified.status).toBe(200);
  });

  it('a real token after the email was changed and not yet verified is refused; the signed-up one was verified', async () => {
    const email = `signup.${unique()}@example.org`;
    await signUpAndConfirm(idp, pool.clientId, cognitoDir, pool.userPoolId, email, PASSWORD);
    // What the post-confirmation trigger does (the local stack runs it; this file has no gateway).
    await idp.send(
      new AdminAddUserToGroupCommand({ UserPoolId: pool.userPoolId, Username: email, GroupName: 'applicant' }),
    );
    const first = await signInTokens(idp, pool.clientId, email, PASSWORD);
    expect(decodeJwt(first.idToken).email_verified).toBe(true);
    expect((await withToken(accountRoutes.putMyProfile, first.idToken, { body: profile })).status).toBe(200);

    const changed = `changed.${unique()}@example.org`;
    await idp.send(
      new UpdateUserAttributesCommand({
        AccessToken: first.accessToken,
        UserAttributes: [{ Name: 'email', Value: changed }],
      }),
    );
    const after = await signInTokens(idp, pool.clientId, changed, PASSWORD);
    expect(decodeJwt(after.idToken)).toMatchObject({ email: changed, email_verified: false });
    const refused = await withToken(accountRoutes.putMyProfile, after.idToken, { body: profile });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('token.email_verified');
  });
});
