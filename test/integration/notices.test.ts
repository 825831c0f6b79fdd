import { parse } from 'csv-parse/sync';
import { FaultProxy } from '../support/fault-proxy';
import { useTestTable } from '../support/table';
import { at, useClockReset } from '../support/clock';
import { sentEmails } from '../support/ses';
import { HOSTILE, readSafeCsv } from '../support/csv';

// SES is reached through a proxy this file controls; the DDS recipients are this file's own.
const DDS = [`dds.a.${Date.now()}@dds.example.org`, `dds.b.${Date.now()}@dds.example.org`];
let proxy: FaultProxy;
let job: (e: object) => Promise<Record<string, unknown>>;
let m: {
  invoke: typeof import('../support/invoke').invoke;
  ads: typeof import('../support/invoke').ads;
  dds: typeof import('../support/invoke').dds;
  noticeRoutes: typeof import('../../shared/http/routes/notices').noticeRoutes;
  auditRoutes: typeof import('../../shared/http/routes/audit').auditRoutes;
  seedCertificate: typeof import('../support/certificates').seedCertificate;
  transact: typeof import('../../shared/data/transactions').transact;
  createApplicationItems: typeof import('../../shared/data/applications').createApplicationItems;
};

useTestTable();
useClockReset();
beforeAll(async () => {
  proxy = await FaultProxy.start(process.env.TEST_SES_ENDPOINT!);
  process.env.AWS_ENDPOINT_URL_SES = proxy.url;
  process.env.SES_TIMEOUT_MS = '3000';
  process.env.DDS_NOTICE_RECIPIENTS = DDS.join(',');
  job = (await import('../../functions/jobs/dds-expiry-notice')).handler as never;
  const invoke = await import('../support/invoke');
  m = {
    invoke: invoke.invoke,
    ads: invoke.ads,
    dds: invoke.dds,
    noticeRoutes: (await import('../../shared/http/routes/notices')).noticeRoutes,
    auditRoutes: (await import('../../shared/http/routes/audit')).auditRoutes,
    seedCertificate: (await import('../support/certificates')).seedCertificate,
    transact: (await import('../../shared/data/transactions')).transact,
    createApplicationItems: (await import('../../shared/data/applications')).createApplicationItems,
  };
});
afterAll(async () => proxy.down());
afterEach(async () => {
  proxy.mode = 'pass';
  await proxy.up();
});

/** aws-ses-v2-local keeps a raw email's To header as written ("a@x, b@x"): split it back into addresses. */
const recipients = (e: { destination: { to: string[] } }) =>
  e.destination.to.flatMap((t) => t.split(',')).map((a) => a.trim());
const noticesFor = async (period: string) =>
  (await sentEmails()).filter((e) => recipients(e).includes(DDS[0]!) && e.subject.includes(`notice for ${period}`));

describe('the monthly notice to DDS', () => {
  it('still goes out when nothing expires, saying so (and the next notice looks back to it)', async () => {
    at('2026-12-01T07:00:00-05:00');
    await job({});
    const [email] = await noticesFor('2026-12');
    expect(email!.subject).toBe('CE certifications: nothing expiring — notice for 2026-12');
    expect(email!.body.text).toContain(
      'No Customized Employment certification expires between 2026-12-01 and 2027-03-01',
    );
  });

  it('lists what expires in the coming 90 days and what expired since, as an HTML table, plain text and a CSV attachment', async () => {
    const holder = {
      holderSub: 'holder-ann',
      holderName: 'Ann Expiring',
      providerId: 'pr-X',
      providerName: 'Harbor Supports',
      providerRegions: ['North', 'West'] as ('North' | 'West')[],
    };
    const expiring = await m.seedCertificate({ ...holder, expiresOn: '2027-04-15', stage: 'job-development' });
    const expired = await m.seedCertificate({
      holderSub: 'holder-bo',
      holderName: 'Bo Lapsed',
      expiresOn: '2027-02-10',
    });
    await m.seedCertificate({ holderSub: 'holder-cy', holderName: 'Cy Later', expiresOn: '2027-09-01' });
    await m.seedCertificate({
      holderSub: 'holder-di',
      holderName: 'Di Renewed',
      expiresOn: '2027-04-20',
      standing: 'superseded',
    });
    // Ann has applied to a recertification iteration: a recertification is under way.
    await m.transact(
      m.createApplicationItems({
        id: 'ap-RECERT0000000000',
        iterationId: 'it-RECERT0000000000',
        iterationKind: 'recertification',
        applicantSub: 'holder-ann',
        applicant: { name: 'Ann Expiring', email: 'ann@x.org', jobTitle: 'x', position: 'direct-service' },
        region: 'North',
        supervisor: { name: 's', email: 's@x.org' },
        acknowledgedAt: '2027-02-01T00:00:00.000-05:00',
        futureStaffPlanned: 0,
        submittedAt: '2027-02-01T00:00:00.000-05:00',
        status: 'endorsed',
        version: 1,
        updatedAt: '2027-02-01T00:00:00.000-05:00',
      }),
    );

    at('2027-03-01T07:00:00-05:00');
    expect(await job({})).toMatchObject({ period: '2027-03', action: 'sent', status: 'sent', expiring: 1, expired: 1 });
    const [email, ...more] = await noticesFor('2027-03');
    expect(more).toEqual([]);
    expect(email!.subject).toBe('CE certifications expiring — notice for 2027-03 (1 expiring, 1 expired)');
    expect(recipients(email!)).toEqual(DDS);
    expect(email!.body.html).toContain('<table');
    expect(email!.body.text).toContain(
      'Ann Expiring | Harbor Supports | North West | Job Development, Negotiation & Placement',
    );
    const attachment = email!.attachments[0]!;
    expect([attachment.filename, attachment.contentType]).toEqual(['ce-expiring-2027-03.csv', 'text/csv']);
    const rows = parse(Buffer.from(attachment.content, 'base64').toString('utf8'), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    expect(rows).toEqual([
      {
        Status: 'expired',
        'Standing now': 'In grace — not active',
        Holder: 'Bo Lapsed',
        Provider: 'self-hired / none',
        Regions: '—',
        Stage: 'Discovery',
        'Certificate number': expired.number,
        'Expires on': '2027-02-10',
        'Recertification under way': 'no',
      },
      {
        Status: 'expiring',
        'Standing now': 'Active',
        Holder: 'Ann Expiring',
        Provider: 'Harbor Supports',
        Regions: 'North West',
        Stage: 'Job Development, Negotiation & Placement',
        'Certificate number': expiring.number,
        'Expires on': '2027-04-15',
        'Recertification under way': 'yes',
      },
    ]);
    // The list as sent opens again, for ADS and DDS alike: the attachment, byte for byte; an unknown period 404.
    for (const as of [m.ads, m.dds]) {
      const list = await m.invoke(m.noticeRoutes.sentNoticeList, { as, params: { period: '2027-03' } });
      expect([list.status, list.text]).toEqual([200, Buffer.from(attachment.content, 'base64').toString('utf8')]);
    }
    expect((await m.invoke(m.noticeRoutes.sentNoticeList, { as: m.dds, params: { period: '2019-01' } })).status).toBe(
      404,
    );
    const listed = await m.invoke(m.noticeRoutes.listNotices, { as: m.ads });
    expect(listed.body.items[0]).toMatchObject({
      period: '2027-03',
      status: 'sent',
      recipients: DDS,
      count: 2,
      messageId: email!.messageId,
    });
  });

  it('is sent at most once per period, however often and concurrently the job runs', async () => {
    at('2027-04-01T07:00:00-04:00');
    const runs = await Promise.all(Array.from({ length: 6 }, () => job({})));
    expect(runs.filter((r) => r.action === 'sent')).toHaveLength(1);
    expect(await job({})).toMatchObject({ action: 'already-claimed', status: 'sent' });
    expect(await noticesFor('2027-04')).toHaveLength(1);
  });

  it('when SES is unreachable: recorded as failed and thrown (the scheduler retries, then dead-letters); a retry sends it once', async () => {
    at('2027-05-01T07:00:00-04:00');
    await proxy.down();
    await expect(job({})).rejects.toThrow('The DDS notice for 2027-05 was not sent');
    const failed = (await m.invoke(m.noticeRoutes.listNotices, { as: m.ads })).body.items.find(
      (n: { period: string }) => n.period === '2027-05',
    );
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    await proxy.up();
    expect(await job({})).toMatchObject({ action: 'sent' });
    expect(await noticesFor('2027-05')).toHaveLength(1);
    expect(
      (await m.invoke(m.noticeRoutes.listNotices, { as: m.ads })).body.items.find(
        (n: { period: string }) => n.period === '2027-05',
      ),
    ).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('when the send times out after reaching SES: unknown (alarmed), never resent by itself; ADS can re-send on purpose, audited', async () => {
    at('2027-06-01T07:00:00-04:00');
    proxy.mode = 'hang';
    await proxy.down();
    await proxy.up();
    expect(await job({})).toMatchObject({ action: 'sent', status: 'unknown' });
    proxy.mode = 'pass';
    await proxy.down();
    await proxy.up();
    expect(await job({})).toMatchObject({ action: 'already-claimed', status: 'unknown' });
    expect(await noticesFor('2027-06')).toHaveLength(0);
    const resent = await m.invoke(m.noticeRoutes.resendNotice, {
      as: m.ads,
      params: { period: '2027-06' },
      body: { reason: 'SES console shows the first one bounced' },
    });
    expect(resent.body.resends).toEqual([
      expect.objectContaining({ reason: 'SES console shows the first one bounced', status: 'sent' }),
    ]);
    expect(await noticesFor('2027-06')).toHaveLength(1);
    const trail = await m.invoke(m.auditRoutes.getAuditTrail, {
      as: m.ads,
      params: { subjectType: 'notice', subjectId: '2027-06' },
    });
    expect(trail.body.items[0]).toMatchObject({ action: 'resent', reason: 'SES console shows the first one bounced' });

    // DDS reads the same history, without ADS's staff ids or SES's error text; nobody else reads it.
    const history = await m.invoke(m.noticeRoutes.ddsNoticeHistory, { as: m.dds });
    const june = history.body.items.find((n: { period: string }) => n.period === '2027-06');
    expect(june).toEqual({
      period: '2027-06',
      noticeOn: '2027-06-01',
      status: 'unknown',
      recipients: DDS,
      count: expect.any(Number),
      expiringCount: expect.any(Number),
      expiredCount: expect.any(Number),
      resends: [{ at: expect.any(String), reason: 'SES console shows the first one bounced', status: 'sent' }],
    });
    expect(JSON.stringify(history.body)).not.toContain(m.ads.sub);
    expect((await m.invoke(m.noticeRoutes.ddsNoticeHistory, { as: m.ads })).status).toBe(403);
  });

  it('the CSV attachment is safe to open in a spreadsheet: hostile names are text, BOM, readable headers', async () => {
    for (const [i, holderName] of [HOSTILE.hyperlink, HOSTILE.plus, HOSTILE.minus, 'Łukasz — Żółć'].entries())
      await m.seedCertificate({
        holderSub: `holder-hostile-${i}`,
        holderName,
        expiresOn: '2028-09-15',
        providerId: 'pr-HOSTILE',
        providerName: HOSTILE.at,
      });
    at('2028-08-01T07:00:00-04:00');
    expect(await job({})).toMatchObject({ period: '2028-08', status: 'sent' });
    const [email] = await noticesFor('2028-08');
    const { headers, rows } = readSafeCsv(Buffer.from(email!.attachments[0]!.content, 'base64'));
    expect(headers).toEqual([
      'Status',
      'Standing now',
      'Holder',
      'Provider',
      'Regions',
      'Stage',
      'Certificate number',
      'Expires on',
      'Recertification under way',
    ]);
    const hostile = rows.filter((r) => r.Provider === `'${HOSTILE.at}`);
    expect(hostile.map((r) => r.Holder).sort()).toEqual(
      [`'${HOSTILE.hyperlink}`, `'${HOSTILE.plus}`, `'${HOSTILE.minus}`, 'Łukasz — Żółć'].sort(),
    );
  });

  it('tells a holder whose provider is still unconfirmed (a claim) from one who works self-hired', async () => {
    const { createProvider, newApplicant, saveProfile } = await import('../support/fixtures');
    const provider = await createProvider({ name: 'Claimed Agency' });
    const claiming = newApplicant('Cass Claiming');
    const selfHired = newApplicant('Sol Selfhired');
    await saveProfile(claiming, provider.id);
    await saveProfile(selfHired, null);
    for (const who of [claiming, selfHired])
      await m.seedCertificate({ holderSub: who.sub, holderName: who.name, expiresOn: '2027-09-20' });
    at('2027-08-01T07:00:00-04:00');
    expect(await job({})).toMatchObject({ action: 'sent', status: 'sent' });
    const [email] = await noticesFor('2027-08');
    const { rows } = readSafeCsv(Buffer.from(email!.attachments[0]!.content, 'base64'));
    expect(
      rows
        .filter((r) => ['Cass Claiming', 'Sol Selfhired'].includes(r.Holder!))
        .map((r) => [r.Holder, r.Provider])
        .sort(),
    ).toEqual([
      ['Cass Claiming', 'unconfirmed (claims Claimed Agency)'],
      ['Sol Selfhired', 'self-hired / none'],
    ]);
  });
});
