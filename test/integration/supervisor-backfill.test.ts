import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { handler as backfill } from '../../functions/jobs/supervisor-backfill';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../scripts/local/components';
import { linkRoutes } from '../../shared/http/routes/links';
import { providerRoutes as p } from '../../shared/http/routes/providers';
import { at, useClockReset } from '../support/clock';
import {
  applyTo,
  createProvider,
  endorsedApplicant,
  linkIn,
  newApplicant,
  publishedIteration,
  saveProfile,
} from '../support/fixtures';
import { ads, invoke } from '../support/invoke';
import { emailsTo } from '../support/ses';
import { auditRecords, storedItem } from '../support/stored';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

const raw = DynamoDBDocumentClient.from(new DynamoDBClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }));

/** Makes a provider's data look as it did before supervisors were authorised: no supervisor records at all. */
async function forgetSupervisors(providerId: string) {
  const { Items = [] } = await raw.send(
    new QueryCommand({
      TableName: process.env.TABLE_NAME,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': `SUPERVISORS#${providerId}` },
    }),
  );
  for (const item of Items)
    await raw.send(new DeleteCommand({ TableName: process.env.TABLE_NAME, Key: { pk: item.pk, sk: item.sk } }));
}

describe('supervisors named before authorisation existed', () => {
  it('become pending requests; links already out wait for ADS; confirmed memberships stay confirmed', async () => {
    at('2026-11-22T12:00:00-05:00');
    const provider = await createProvider();
    const iteration = await publishedIteration();
    at('2026-12-10T10:00:00-05:00');
    // One member already confirmed (endorsed), one application whose link is out and not yet used.
    const confirmed = await endorsedApplicant(iteration.id, provider.id, 'North');
    const waiting = newApplicant('Wanda Waiting');
    await saveProfile(waiting, provider.id);
    await applyTo(waiting, iteration.id);
    const token = linkIn(
      (await emailsTo(waiting.supervisorEmail)).find((m) => m.subject.startsWith('Please endorse'))?.body.text,
    );
    await forgetSupervisors(provider.id);

    // Before the backfill and ADS's decision the old link cannot be used.
    expect((await invoke(linkRoutes.confirmLink, { params: { token } })).status).toBe(410);

    const run = await backfill();
    expect(run).toMatchObject({ requested: 2 });
    const listed = (await invoke(p.listProviderSupervisors, { as: ads, params: { providerId: provider.id } })).body
      .items as { id: string; email: string; status: string; requestedBy: string; version: number }[];
    expect(listed.map((s) => [s.email, s.status, s.requestedBy]).sort()).toEqual(
      [
        [confirmed.who.supervisorEmail, 'pending', 'migration'],
        [waiting.supervisorEmail, 'pending', 'migration'],
      ].sort(),
    );
    const record = (await auditRecords('supervisor', `${provider.id}#${listed[0]!.id}`)).at(-1);
    expect(record).toMatchObject({ action: 'requested', actor: { id: 'system:supervisor-backfill' } });
    expect((await storedItem(`PERSON#${confirmed.who.sub}`, '#PROFILE'))?.membership).toBe('confirmed');

    // A second run finds nothing more to do.
    expect(await backfill()).toMatchObject({ requested: 0 });

    // ADS authorises the waiting supervisor: the link already in their mailbox works.
    const sam = listed.find((s) => s.email === waiting.supervisorEmail)!;
    const decided = await invoke(p.decideSupervisor, {
      as: ads,
      params: { providerId: provider.id, supervisorId: sam.id },
      body: { decision: 'authorise', reason: 'Known to ADS from earlier cohorts', version: sam.version },
    });
    expect(decided.status).toBe(200);
    expect((await invoke(linkRoutes.confirmLink, { params: { token } })).status).toBe(200);
  });
});
