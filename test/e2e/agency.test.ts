import { AdminSetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoClient, signIn, signUpAndConfirm } from '../../scripts/local/cognito';
import { linkIn, unique } from '../support/fixtures';
import { useTestStack } from '../support/local-stack';
import { emailsTo } from '../support/ses';

/**
 * A provider administrator end to end through the gateway, with real cognito-local tokens: ADS creates the account for
 * one agency, the administrator endorses a staff member's application from their view (the supervisor's emailed link
 * then answers 410), and no applicant can endorse her own application by any route: not as an applicant, nor through
 * an administrator's account at her own mailbox.
 */
const stack = useTestStack();
beforeAll(async () => {
  const set = await stack().fetch('/_local/clock', { method: 'PUT', json: { at: '2026-12-01T09:00:00-05:00' } });
  expect(set.status).toBe(200);
});

const PASSWORD = 'Agency-Passw0rd!';

/** What ADS does in the console: the account, linked to the agency; then the person's own password (set locally). */
async function providerAdmin(providerId: string, email: string): Promise<string> {
  const created = await stack().fetch('/ads/accounts', {
    method: 'POST',
    token: await stack().token('ads-staff'),
    json: { name: 'Riley Park', email, role: 'provider-admin', providerId },
  });
  expect([created.status, created.body.role]).toEqual([201, 'provider-admin']);
  const { cognitoEndpoint, userPoolId, staffClientId } = stack().state;
  const idp = cognitoClient(cognitoEndpoint);
  await idp.send(
    new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: email, Password: PASSWORD, Permanent: true }),
  );
  // A staff role: signed in through the staff app client, as the web app's staff sign-in does.
  return signIn(idp, staffClientId, email, PASSWORD);
}

it('an administrator endorses from their view through the gateway; nobody vouches for herself by any route', async () => {
  const ads = await stack().token('ads-staff');
  const tag = unique();
  const provider = await stack().fetch('/ads/providers', {
    method: 'POST',
    token: ads,
    json: {
      name: `Maple Supports ${tag}`,
      regions: ['North'],
      contractsWithAds: 'yes',
      contractsWithDds: 'yes',
      contact: { name: 'Mae', email: `mae.${tag}@maple.example.org` },
    },
  });
  const iteration = await stack().fetch('/ads/iterations', {
    method: 'POST',
    token: ads,
    json: {
      kind: 'initial',
      title: `Agency run ${tag}`,
      applicationWindow: { opensAt: '2026-11-01T09:00', closesAt: '2027-05-01T17:00' },
      seats: { North: 2, South: 0, West: 0 },
      liveClasses: [{ date: '2027-06-01' }, { date: '2027-06-08' }],
      assignments: [],
    },
  });
  await stack().fetch(`/ads/iterations/${iteration.body.id}/publish`, { method: 'POST', token: ads });
  const supervisorEmail = `boss.${tag}@maple.example.org`;
  await stack().fetch(`/ads/providers/${provider.body.id}/supervisors`, {
    method: 'POST',
    token: ads,
    json: { name: 'Bo Boss', email: supervisorEmail, reason: 'Confirmed with the agency' },
  });

  // Two applicants of the agency, each with the supervisor ADS authorised.
  const idp = cognitoClient(stack().state.cognitoEndpoint);
  const apply = async (local: string, name: string) => {
    const email = `${local}.${tag}@maple.example.org`;
    const { clientId, cognitoDir, userPoolId } = stack().state;
    const sub = await signUpAndConfirm(idp, clientId, cognitoDir, userPoolId, email, PASSWORD);
    const token = await signIn(idp, clientId, email, PASSWORD);
    await stack().fetch('/me/profile', {
      method: 'PUT',
      token,
      json: {
        name,
        jobTitle: 'Job developer',
        position: 'direct-service',
        providerId: provider.body.id,
        supervisor: { name: 'Bo Boss', email: supervisorEmail },
      },
    });
    const applied = await stack().fetch('/me/applications', {
      method: 'POST',
      token,
      json: {
        iterationId: iteration.body.id,
        region: 'North',
        acknowledgement: { attendAllLiveClasses: true, homeworkByDeadlines: true },
        futureStaffPlanned: 1,
      },
    });
    expect(applied.status).toBe(201);
    return { sub, email, token, applicationId: applied.body.id as string };
  };
  const quinn = await apply('quinn', 'Quinn Rivera');
  const pat = await apply('pat', 'Pat Self');
  const links = (await emailsTo(supervisorEmail)).map((m) => linkIn(m.body.text));
  expect(links).toHaveLength(2);

  // An applicant's token opens no agency route (403), so she cannot endorse herself from there.
  const asApplicant = await stack().fetch(`/agency/applications/${pat.applicationId}/endorsement`, {
    method: 'POST',
    token: pat.token,
    json: { decision: 'endorse' },
  });
  expect(asApplicant.status).toBe(403);

  // An administrator account at Pat's own mailbox (a variant of her address) is refused for her application.
  const selfAdmin = await providerAdmin(provider.body.id, pat.email.replace('@', '+admin@'));
  const self = await stack().fetch(`/agency/applications/${pat.applicationId}/endorsement`, {
    method: 'POST',
    token: selfAdmin,
    json: { decision: 'endorse' },
  });
  expect([self.status, self.body.errors?.[0]?.code]).toEqual([422, 'own_application']);
  expect((await stack().fetch(`/me/applications/${pat.applicationId}`, { token: pat.token })).body.status).toBe(
    'submitted',
  );

  // The agency's real administrator endorses Quinn from the view; the token carries only the role.
  const riley = await providerAdmin(provider.body.id, `riley.${tag}@maple.example.org`);
  const claims = JSON.parse(Buffer.from(riley.split('.')[1]!, 'base64url').toString());
  expect(claims['cognito:groups']).toEqual(['provider-admin']);
  const staff = await stack().fetch('/agency/staff', { token: riley });
  expect(staff.body.items.map((p: { name: string }) => p.name).sort()).toEqual(['Pat Self', 'Quinn Rivera']);
  const endorsed = await stack().fetch(`/agency/applications/${quinn.applicationId}/endorsement`, {
    method: 'POST',
    token: riley,
    json: { decision: 'endorse' },
  });
  expect([endorsed.status, endorsed.body.membership]).toEqual([200, 'confirmed']);
  expect((await stack().fetch(`/me/applications/${quinn.applicationId}`, { token: quinn.token })).body.status).toBe(
    'endorsed',
  );
  // Whichever link was Quinn's no longer works; Pat's still does, for the supervisor.
  const answers = await Promise.all(links.map((t) => stack().fetch(`/links/${t}`)));
  expect(answers.map((a) => a.status).sort()).toEqual([200, 410]);

  // Another agency's administrator finds neither of them.
  const other = await stack().fetch('/ads/providers', {
    method: 'POST',
    token: ads,
    json: {
      name: `Birch Supports ${tag}`,
      regions: ['North'],
      contractsWithAds: 'yes',
      contractsWithDds: 'yes',
      contact: { name: 'Bea', email: `bea.${tag}@birch.example.org` },
    },
  });
  const otherAdmin = await providerAdmin(other.body.id, `oli.${tag}@birch.example.org`);
  expect((await stack().fetch(`/agency/staff/${pat.sub}`, { token: otherAdmin })).status).toBe(404);
  expect((await stack().fetch('/agency/staff', { token: otherAdmin })).body.items).toEqual([]);
}, 120_000);
