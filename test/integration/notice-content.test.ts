// First: this file's own DDS address, before the runtime configuration is read.
import { DDS } from '../support/dds-recipient';
import { parse } from 'csv-parse/sync';
import { meter } from '../../scripts/bench/ddb-meter';
import { createApplicationItems } from '../../shared/data/applications';
import { dynamo } from '../../shared/data/client';
import { claimNotice } from '../../shared/data/notices';
import { transact } from '../../shared/data/transactions';
import type { ApplicationStatus } from '../../shared/domain/application';
import type { Standing } from '../../shared/domain/certification';
import { noticeRoutes } from '../../shared/http/routes/notices';
import { seedCertificate } from '../support/certificates';
import { at, useClockReset } from '../support/clock';
import { unique } from '../support/fixtures';
import { ads, invoke } from '../support/invoke';
import { sentEmails } from '../support/ses';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

/**
 * What the monthly DDS notice lists, at its edges (README, "The DDS notice"): certifications expiring in the next 90
 * days (`noticeWindowDays`) and those that expired since the last notice sent (the first notice looks back one
 * month); issued and suspended ones only — revoked and superseded never. Read from the email DDS receives (its CSV
 * attachment). Each test lives in a year of its own, and sends its own earlier notice when it needs one, so the
 * tests do not depend on each other.
 */
let job: (event: object) => Promise<Record<string, unknown>>;
beforeAll(async () => {
  job = (await import('../../functions/jobs/dds-expiry-notice')).handler as never;
});

/** Runs the job on the 1st of a month (in the morning in Connecticut) and reads the notice DDS received. */
async function noticeOf(period: string) {
  at(`${period}-01T12:00:00Z`);
  const result = await job({});
  const emails = (await sentEmails()).filter(
    (e) => e.destination.to.some((t) => t.includes(DDS)) && e.subject.includes(`notice for ${period}`),
  );
  expect(emails).toHaveLength(1);
  const csv = Buffer.from(emails[0]!.attachments[0]!.content, 'base64').toString('utf8');
  const rows = (parse(csv, { columns: true, bom: true }) as Record<string, string>[]).map((r) => ({
    status: r.Status!,
    standing: r['Standing now']!,
    certificateNumber: r['Certificate number']!,
    holder: r.Holder!,
    recertificationUnderWay: r['Recertification under way']!,
  }));
  return {
    rows,
    counts: { expiring: result.expiring as number, expired: result.expired as number },
    subject: emails[0]!.subject,
    listed: rows.map((r) => `${r.status} ${r.certificateNumber}`).sort(),
  };
}

/** Seeds one certification per label, and names them back in the notice's terms. */
async function seed(certs: Record<string, { expiresOn: string; standing?: Standing }>) {
  const numbers: Record<string, string> = {};
  for (const [label, c] of Object.entries(certs))
    numbers[label] = (
      await seedCertificate({
        holderSub: `holder-${unique()}`,
        holderName: label,
        expiresOn: c.expiresOn,
        standing: c.standing,
      })
    ).number;
  return {
    expiring: (...labels: string[]) => labels.map((l) => `expiring ${numbers[l]}`),
    expired: (...labels: string[]) => labels.map((l) => `expired ${numbers[l]}`),
  };
}

describe('the DDS notice at its edges', () => {
  it('the first notice: expiring from today through today + 90 days, expired since the 1st of the month before', async () => {
    // Notice of 1 March 2030: the window runs to 30 May 2030 (1 March + 90 days); the look-back from 1 February.
    const c = await seed({
      'expires today': { expiresOn: '2030-03-01' },
      'expires on the last day of the window': { expiresOn: '2030-05-30' },
      'expires the day after the window': { expiresOn: '2030-05-31' },
      'expired yesterday': { expiresOn: '2030-02-28' },
      'expired on the first day looked back': { expiresOn: '2030-02-01' },
      'expired the day before the look-back': { expiresOn: '2030-01-31' },
    });
    const notice = await noticeOf('2030-03');
    // One expiring today is between the two lists: the README does not say which, only that it is not left out.
    const today = [...c.expiring('expires today'), ...c.expired('expires today')];
    expect(notice.listed.filter((l) => today.includes(l))).toHaveLength(1);
    expect(notice.listed.filter((l) => !today.includes(l))).toEqual(
      [
        ...c.expiring('expires on the last day of the window'),
        ...c.expired('expired yesterday', 'expired on the first day looked back'),
      ].sort(),
    );
    expect(notice.subject).toMatch(/^CE certifications expiring — notice for 2030-03 \(\d expiring, \d expired\)$/);
    expect(notice.counts.expiring + notice.counts.expired).toBe(4);
  });

  it('a later notice looks back to the day the last one was sent, not further', async () => {
    await noticeOf('2031-04');
    const c = await seed({
      'expired the day the last notice went out': { expiresOn: '2031-04-01' },
      'expired the day before it': { expiresOn: '2031-03-31' },
      'expired yesterday': { expiresOn: '2031-04-30' },
    });
    const notice = await noticeOf('2031-05');
    expect(notice.listed).toEqual(c.expired('expired the day the last notice went out', 'expired yesterday').sort());
    expect(notice.subject).toBe('CE certifications expiring — notice for 2031-05 (0 expiring, 2 expired)');
  });

  it('a month without a notice is not lost: the next one looks back to the last notice sent', async () => {
    await noticeOf('2032-01');
    const c = await seed({
      'expired in January': { expiresOn: '2032-01-15' },
      'expired in February': { expiresOn: '2032-02-10' },
    });
    // No notice for February (the job did not run); March's covers both months.
    const notice = await noticeOf('2032-03');
    expect(notice.listed).toEqual(c.expired('expired in January', 'expired in February').sort());
  });

  it('issued and suspended certifications are listed; revoked and superseded ones never, expiring or expired', async () => {
    await noticeOf('2033-02');
    const c = await seed({
      'issued, expiring': { expiresOn: '2033-04-15', standing: 'issued' },
      'suspended, expiring': { expiresOn: '2033-04-16', standing: 'suspended' },
      'revoked, expiring': { expiresOn: '2033-04-17', standing: 'revoked' },
      'superseded, expiring': { expiresOn: '2033-04-18', standing: 'superseded' },
      'issued, expired': { expiresOn: '2033-02-15', standing: 'issued' },
      'suspended, expired': { expiresOn: '2033-02-16', standing: 'suspended' },
      'revoked, expired': { expiresOn: '2033-02-17', standing: 'revoked' },
      'superseded, expired': { expiresOn: '2033-02-18', standing: 'superseded' },
    });
    const notice = await noticeOf('2033-03');
    expect(notice.listed).toEqual(
      [
        ...c.expiring('issued, expiring', 'suspended, expiring'),
        ...c.expired('issued, expired', 'suspended, expired'),
      ].sort(),
    );
    // Each line says its standing today: a suspended one is not merely "expiring", it is not active now.
    expect(Object.fromEntries(notice.rows.map((r) => [r.holder, `${r.status}: ${r.standing}`]))).toEqual({
      'issued, expiring': 'expiring: Active',
      'suspended, expiring': 'expiring: Suspended',
      'issued, expired': 'expired: In grace — not active',
      'suspended, expired': 'expired: Suspended',
    });
  });

  it('a month with nothing in its window says so, even with certifications just outside it', async () => {
    await noticeOf('2034-01');
    await seed({
      'expired before the last notice': { expiresOn: '2033-12-31' },
      'expires the day after the window': { expiresOn: '2034-05-03' },
      'revoked inside the window': { expiresOn: '2034-03-01', standing: 'revoked' },
    });
    // Notice of 1 February 2034: window to 2 May 2034; look-back from 1 January 2034.
    const notice = await noticeOf('2034-02');
    expect(notice.listed).toEqual([]);
    expect(notice.subject).toBe('CE certifications: nothing expiring — notice for 2034-02');
  });

  it('says a recertification is under way only for an open application to a recertification iteration', async () => {
    const holders: [string, 'initial' | 'recertification', ApplicationStatus, string][] = [
      ['Ann Recertifying', 'recertification', 'waitlisted', 'yes'],
      ['Bo Withdrew', 'recertification', 'withdrawn', 'no'],
      ['Cy Initial Course', 'initial', 'enrolled', 'no'],
    ];
    await noticeOf('2035-02');
    for (const [name, kind, status] of holders) {
      const sub = `holder-${unique()}`;
      await seedCertificate({ holderSub: sub, holderName: name, expiresOn: '2035-04-15' });
      await transact(
        createApplicationItems({
          id: `ap-${unique().toUpperCase().padEnd(16, '0').slice(0, 16)}`,
          iterationId: 'it-0000000000000000',
          iterationKind: kind,
          applicantSub: sub,
          applicant: { name, email: `${sub}@x.org`, jobTitle: 'x', position: 'direct-service' },
          region: 'North',
          supervisor: { name: 's', email: 's@x.org' },
          acknowledgedAt: '2035-02-01T00:00:00.000-05:00',
          futureStaffPlanned: 0,
          submittedAt: '2035-02-01T00:00:00.000-05:00',
          status,
          version: 1,
          updatedAt: '2035-02-01T00:00:00.000-05:00',
        }),
      );
    }
    const notice = await noticeOf('2035-03');
    expect(notice.rows.map((r) => [r.holder, r.recertificationUnderWay]).sort()).toEqual(
      holders.map(([name, , , underWay]) => [name, underWay]).sort(),
    );
  });

  it('reads the same number of times for 2 holders as for 12: recertifications under way come from one index query', async () => {
    const callsFor = async (year: number, count: number) => {
      await noticeOf(`${year}-02`);
      const expected: [string, string][] = [];
      for (let i = 0; i < count; i++) {
        const sub = `holder-${unique()}`;
        const name = `Holder ${year} ${String(i).padStart(2, '0')}`;
        const recertifying = i % 2 === 0;
        expected.push([name, recertifying ? 'yes' : 'no']);
        await seedCertificate({ holderSub: sub, holderName: name, expiresOn: `${year}-04-15` });
        await transact(
          createApplicationItems({
            id: `ap-${unique().toUpperCase().padEnd(16, '0').slice(0, 16)}`,
            iterationId: 'it-0000000000000000',
            iterationKind: recertifying ? 'recertification' : 'initial',
            applicantSub: sub,
            applicant: { name, email: `${sub}@x.org`, jobTitle: 'x', position: 'direct-service' },
            region: 'North',
            supervisor: { name: 's', email: 's@x.org' },
            acknowledgedAt: `${year}-02-01T00:00:00.000-05:00`,
            futureStaffPlanned: 0,
            submittedAt: `${year}-02-01T00:00:00.000-05:00`,
            status: 'endorsed',
            version: 1,
            updatedAt: `${year}-02-01T00:00:00.000-05:00`,
          }),
        );
      }
      const calls = meter(dynamo);
      try {
        const notice = await noticeOf(`${year}-03`);
        expect(notice.rows.map((r) => [r.holder, r.recertificationUnderWay]).sort()).toEqual(expected.sort());
        return { ...calls.calls };
      } finally {
        calls.stop();
      }
    };
    const few = await callsFor(2040, 2);
    const many = await callsFor(2041, 12);
    expect(many).toEqual(few);
  });

  it('records what was sent, so ADS sees it: the message id and when, and no error', async () => {
    await noticeOf('2036-03');
    const listed = await invoke(noticeRoutes.listNotices, { as: ads });
    const notice = listed.body.items.find((n: { period: string }) => n.period === '2036-03');
    expect(notice).toMatchObject({ status: 'sent', messageId: expect.any(String), sentAt: expect.any(String) });
    expect(notice.lastError).toBeUndefined();
  });

  it('a run that claimed the period and vanished mid-send: left alone while its lease runs, then marked unknown, never resent', async () => {
    // A run claimed the period at 12:00 and never recorded an outcome (its Lambda timed out while sending).
    expect(await claimNotice('2037-01', '2037-01-01', Date.parse('2037-01-01T12:00:00Z'))).toBe('claimed');
    at('2037-01-01T12:05:00Z');
    expect(await job({})).toMatchObject({ period: '2037-01', action: 'already-claimed', status: 'sending' });
    at('2037-01-01T12:11:00Z');
    expect(await job({})).toMatchObject({ period: '2037-01', action: 'marked-unknown', status: 'unknown' });
    expect(await job({})).toMatchObject({ period: '2037-01', action: 'already-claimed', status: 'unknown' });
    const emails = (await sentEmails()).filter((e) => e.subject.includes('notice for 2037-01'));
    expect(emails).toEqual([]);
  });
});
