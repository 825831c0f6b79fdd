import { handler as retention } from '../../functions/jobs/records-retention';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from '../../shared/data/client';
import { linkHash, newLinkToken } from '../../shared/data/links';
import { RETENTION_DAYS } from '../../shared/domain/retention';
import { backfillRecords } from '../../shared/use-cases/records-backfill';
import { queueEmail } from '../../shared/email/outbox';
import { compose } from '../../shared/email/message';
import { transact } from '../../shared/data/transactions';
import { at, useClockReset } from '../support/clock';
import { applicationRoutes } from '../../shared/http/routes/applications';
import { linkRoutes } from '../../shared/http/routes/links';
import { applyTo, linkIn, newApplicant, publishedIteration, saveProfile } from '../support/fixtures';
import { invoke } from '../support/invoke';
import { emailsTo } from '../support/ses';
import { allItems } from '../support/stored';
import { useTestTable } from '../support/table';

/**
 * The records schedule, by moving the clock: the `records-retention` job deletes a sent email a year after its
 * outcome and a supervisor link 90 days after it expires — not a day before — and never an email still waiting;
 * each such record also carries DynamoDB's TTL for the same instant, so AWS deletes it without the job. An
 * application never seated is anonymised three years after its window closed; one that led further is not.
 */
useTestTable();
useClockReset();

const DAY_MS = 86_400_000;
const plus = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();
const find = async (pk: string) => (await allItems()).find((i) => i.pk === pk);

describe('the records schedule', () => {
  it('deletes sent emails and expired links when their period ends, not before, and keeps waiting emails', async () => {
    at('2026-11-22T12:00:00-05:00');
    const iteration = await publishedIteration();
    const who = newApplicant('Rhea Retained');
    await saveProfile(who, null);
    at('2026-12-02T10:00:00-05:00');
    expect((await applyTo(who, iteration.id)).status).toBe(201);

    const items = await allItems();
    const email = items.find((i) => i.type === 'email' && i.template === 'endorsement-request')!;
    const link = items.find((i) => i.type === 'link')!;
    expect(email).toMatchObject({ status: 'sent', gsi3pk: 'RETENTION' });
    expect(link).toMatchObject({ gsi3pk: 'RETENTION' });
    const emailEnds = plus(email.sentAt, RETENTION_DAYS.email);
    const linkEnds = plus(link.expiresAt, RETENTION_DAYS.link);
    // DynamoDB's TTL deletes them at the same instant in AWS.
    expect(email.ttl).toBe(Math.floor(Date.parse(emailEnds) / 1000));
    expect(link.ttl).toBe(Math.floor(Date.parse(linkEnds) / 1000));

    // An email that never went out has no end: it waits for the outbox job, however long.
    const waiting = compose({ to: ['kept.waiting@retention.example.org'], subject: 'Waiting', blocks: ['Hello'] });
    expect((await transact([queueEmail('retention-test#waiting', waiting)])).ok).toBe(true);

    at(plus(linkEnds, -1));
    expect(await retention({})).toMatchObject({ deleted: 0 });
    expect(await find(link.pk)).toBeDefined();
    at(plus(linkEnds, 1));
    expect(await retention({})).toMatchObject({ deleted: 1 });
    expect(await find(link.pk)).toBeUndefined();
    expect(await find(email.pk)).toBeDefined();

    at(plus(emailEnds, -1));
    expect(await retention({})).toMatchObject({ deleted: 0 });
    expect(await find(email.pk)).toBeDefined();
    at(plus(emailEnds, 1));
    expect((await retention({})).deleted).toBeGreaterThanOrEqual(1);
    expect(await find(email.pk)).toBeUndefined();
    const left = (await allItems()).filter((i) => i.gsi3pk === 'RETENTION' && i.gsi3sk <= `${plus(emailEnds, 1)}#~`);
    expect(left).toEqual([]);

    at(plus(emailEnds, 3650));
    expect(await retention({})).toMatchObject({ deleted: 0 });
    expect(await find('EMAIL#retention-test#waiting')).toMatchObject({ status: 'pending' });
  });

  it('anonymises applications never seated once the period after their window closed ends, and no others', async () => {
    at('2026-11-22T12:00:00-05:00');
    const iteration = await publishedIteration();
    const gone = newApplicant('Wilhelmina Withdrawn');
    const kept = newApplicant('Kasimir Kept');
    await saveProfile(gone, null);
    await saveProfile(kept, null);
    at('2026-12-03T10:00:00-05:00');
    const withdrawn = await applyTo(gone, iteration.id);
    const endorsed = await applyTo(kept, iteration.id);
    const endorse = linkIn((await emailsTo(kept.supervisorEmail))[0]?.body.text);
    expect((await invoke(linkRoutes.confirmLink, { params: { token: endorse } })).status).toBe(200);
    expect(
      (await invoke(applicationRoutes.withdrawApplication, { as: gone, params: { applicationId: withdrawn.body.id } }))
        .status,
    ).toBe(200);
    const ends = plus('2027-01-15T22:00:00.000Z', RETENTION_DAYS.unseatedApplication);
    const application = async (id: string) => (await find(`APPLICATION#${id}`))!;

    at(plus(ends, -1));
    expect(await retention({})).toMatchObject({ anonymised: 0 });
    expect((await application(withdrawn.body.id)).applicant.name).toBe('Wilhelmina Withdrawn');
    at(plus(ends, 1));
    expect(await retention({})).toMatchObject({ anonymised: 1 });
    const after = await application(withdrawn.body.id);
    expect(after).toMatchObject({ status: 'withdrawn', applicant: { name: 'Anonymised person', email: '' } });
    expect(JSON.stringify(after)).not.toContain(gone.supervisorEmail);
    // Its emails went a year after they were sent; nothing about the application names the applicant any more.
    const about = (await allItems()).filter((i) => ['application', 'email', 'review'].includes(i.type));
    expect(about.filter((i) => /Wilhelmina|Withdrawn/.test(JSON.stringify(i)))).toEqual([]);
    expect((await application(endorsed.body.id)).applicant.name).toBe('Kasimir Kept');
    const audit = (await allItems()).filter((i) => i.pk === `AUDIT#application#${withdrawn.body.id}`);
    expect(audit.map((a) => a.action)).toContain('anonymised-by-records-schedule');
    expect(await retention({})).toMatchObject({ anonymised: 0 });
  });

  it('brings records written before the schedule into it: old sent bodies (tokens in the clear) go, ends are set', async () => {
    const token = newLinkToken();
    const sentAt = '2026-10-01T14:00:00.000Z';
    const legacy = {
      pk: 'EMAIL#endorsement-request#ap_legacy#1',
      sk: '#EMAIL',
      type: 'email',
      key: 'endorsement-request#ap_legacy#1',
      message: compose({
        to: ['legacy.supervisor@retention.example.org'],
        subject: 'Please endorse',
        blocks: [['Open ', { href: `http://127.0.0.1:3000/links/${token}` }]],
      }),
      status: 'sent',
      attempts: 1,
      createdAt: sentAt,
      sentAt,
    };
    const link = {
      ...{ pk: `LINK#${linkHash(token)}`, sk: '#LINK' },
      type: 'link',
      purpose: 'endorsement',
      applicationId: 'ap_legacy',
      expiresAt: '2026-12-15T17:00:00.000-05:00',
      createdAt: sentAt,
    };
    await dynamo.send(new PutCommand({ TableName: TABLE_NAME, Item: legacy }));
    await dynamo.send(new PutCommand({ TableName: TABLE_NAME, Item: link }));
    const once = async function* () {
      yield await allItems();
    };
    expect(await backfillRecords(once())).toEqual({ emails: 1, links: 1 });
    expect(await backfillRecords(once())).toEqual({ emails: 0, links: 0 });
    const email = (await find(legacy.pk))!;
    expect(JSON.stringify(email)).not.toContain(token);
    expect(email).toMatchObject({
      status: 'sent',
      to: ['legacy.supervisor@retention.example.org'],
      subject: 'Please endorse',
      template: 'endorsement-request',
      gsi3pk: 'RETENTION',
      ttl: Math.floor(Date.parse(plus(sentAt, RETENTION_DAYS.email)) / 1000),
    });
    expect(email.message).toBeUndefined();
    expect((await find(link.pk))!.ttl).toBe(Math.floor(Date.parse(plus(link.expiresAt, RETENTION_DAYS.link)) / 1000));
    at(plus(sentAt, RETENTION_DAYS.email + 1));
    await retention({});
    expect([await find(legacy.pk), await find(link.pk)]).toEqual([undefined, undefined]);
  });
});
