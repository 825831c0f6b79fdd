import { ListUsersInGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { parse } from 'csv-parse/sync';
import { cognitoClient, signIn, signUpAndConfirm } from '../../scripts/local/cognito';
import { linkIn, unique } from '../support/fixtures';
import { useTestStack } from '../support/local-stack';
import { emailsTo } from '../support/ses';

const stack = useTestStack();
// The iteration's application window is Nov 2026–May 2027: the stack's clock stands inside it, whatever day the suite runs on.
beforeAll(async () => {
  const set = await stack().fetch('/_local/clock', { method: 'PUT', json: { at: '2026-12-01T09:00:00-05:00' } });
  expect(set.status).toBe(200);
});

const PASSWORD = 'Sign-up-Passw0rd!';

async function signUp(email: string): Promise<{ sub: string; token: string }> {
  const idp = cognitoClient(stack().state.cognitoEndpoint);
  const sub = await signUpAndConfirm(
    idp,
    stack().state.clientId,
    stack().state.cognitoDir,
    stack().state.userPoolId,
    email,
    PASSWORD,
  );
  return { sub, token: await signIn(idp, stack().state.clientId, email, PASSWORD) };
}

describe('sign up → profile → apply → supervisor endorses → ADS lists and exports', () => {
  it('works end to end through the gateway with real tokens', async () => {
    const ads = await stack().token('ads-staff');
    const provider = await stack().fetch('/ads/providers', {
      method: 'POST',
      token: ads,
      json: {
        name: 'Riverbend Works',
        regions: ['South', 'West'],
        contractsWithAds: 'yes',
        contractsWithDds: 'yes',
        contact: { name: 'Rae', email: 'rae@riverbend.example.org' },
      },
    });
    expect(provider.status).toBe(201);
    const iteration = await stack().fetch('/ads/iterations', {
      method: 'POST',
      token: ads,
      json: {
        kind: 'initial',
        title: 'Summer 2027',
        applicationWindow: { opensAt: '2026-11-01T09:00', closesAt: '2027-05-01T17:00' },
        seats: { North: 1, South: 2, West: 2 },
        liveClasses: [{ date: '2027-06-01' }, { date: '2027-06-08' }],
        assignments: [],
      },
    });
    await stack().fetch(`/ads/iterations/${iteration.body.id}/publish`, { method: 'POST', token: ads });

    // Self sign-up: the post-confirmation trigger (invoked by cognito-local through the gateway) makes them an applicant.
    const tag = unique();
    const email = `quinn.${tag}@riverbend.example.org`;
    const supervisorEmail = `boss.${tag}@riverbend.example.org`;
    const quinn = await signUp(email);
    const claims = JSON.parse(Buffer.from(quinn.token.split('.')[1]!, 'base64url').toString());
    expect(claims['cognito:groups']).toEqual(['applicant']);

    // ADS authorises the supervisor for the agency (before that, nothing would be sent to them).
    const authorised = await stack().fetch(`/ads/providers/${provider.body.id}/supervisors`, {
      method: 'POST',
      token: ads,
      json: { name: 'Bo Boss', email: supervisorEmail, reason: 'Confirmed with the agency' },
    });
    expect(authorised.status).toBe(201);
    const profile = await stack().fetch('/me/profile', {
      method: 'PUT',
      token: quinn.token,
      json: {
        name: 'Quinn Rivera',
        jobTitle: 'Job developer',
        position: 'direct-service',
        providerId: provider.body.id,
        supervisor: { name: 'Bo Boss', email: supervisorEmail },
      },
    });
    expect(profile.body).toMatchObject({ email, membership: 'claimed' });

    const applied = await stack().fetch('/me/applications', {
      method: 'POST',
      token: quinn.token,
      headers: { 'idempotency-key': `e2e-${tag}` },
      json: {
        iterationId: iteration.body.id,
        region: 'South',
        acknowledgement: { attendAllLiveClasses: true, homeworkByDeadlines: true },
        futureStaffPlanned: 4,
      },
    });
    expect(applied.status).toBe(201);

    const token = linkIn((await emailsTo(supervisorEmail))[0]?.body.text);
    const pageView = await stack().fetch(`/links/${token}`);
    expect([pageView.status, pageView.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const confirmed = await stack().fetch(`/links/${token}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(confirmed.status).toBe(200);

    const rows = await stack().fetch(`/ads/iterations/${iteration.body.id}/applications?status=endorsed`, {
      token: ads,
    });
    expect(rows.body.items).toEqual([
      expect.objectContaining({
        applicantName: 'Quinn Rivera',
        providerName: 'Riverbend Works',
        providerRegions: ['South', 'West'],
        endorsed: true,
        region: 'South',
      }),
    ]);
    const csv = await stack().fetch(`/ads/iterations/${iteration.body.id}/applications.csv`, { token: ads });
    expect((parse(csv.text, { columns: true, bom: true }) as Record<string, string>[])[0]).toMatchObject({
      'Applicant name': 'Quinn Rivera',
      Status: 'endorsed',
    });

    // Someone else cannot see Quinn's application.
    const other = await signUp(`other.${tag}@elsewhere.example.org`);
    expect((await stack().fetch(`/me/applications/${applied.body.id}`, { token: other.token })).status).toBe(404);
    expect((await stack().fetch(`/me/applications/${applied.body.id}`, { token: quinn.token })).body.status).toBe(
      'endorsed',
    );
  });

  it('ADS creates a DDS account; applicants cannot', async () => {
    const email = `dds.${unique()}@dds.example.org`;
    const created = await stack().fetch('/ads/accounts', {
      method: 'POST',
      token: await stack().token('ads-staff'),
      json: { name: 'Morgan Ellis', email, role: 'dds' },
    });
    expect(created.status).toBe(201);
    const members = await cognitoClient(stack().state.cognitoEndpoint).send(
      new ListUsersInGroupCommand({ UserPoolId: stack().state.userPoolId, GroupName: 'dds' }),
    );
    expect(members.Users?.some((u) => u.Attributes?.some((a) => a.Value === email))).toBe(true);
    expect(
      (
        await stack().fetch('/ads/accounts', {
          method: 'POST',
          token: await stack().token('applicant'),
          json: { name: 'Not Allowed', email: `x${email}`, role: 'ads-staff' },
        })
      ).status,
    ).toBe(403);
  });
});
