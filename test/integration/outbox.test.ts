import { FaultProxy } from '../support/fault-proxy';
import { emailsTo } from '../support/ses';
import { useTestTable } from '../support/table';

// SES is reached through a proxy this file controls, so it can be made unreachable or unresponsive for real.
let proxy: FaultProxy;
let outbox: typeof import('../../shared/email/outbox');
let transact: typeof import('../../shared/data/transactions').transact;
let compose: typeof import('../../shared/email/message').compose;

useTestTable();
beforeAll(async () => {
  proxy = await FaultProxy.start(process.env.TEST_SES_ENDPOINT!);
  process.env.AWS_ENDPOINT_URL_SES = proxy.url;
  process.env.SES_TIMEOUT_MS = '3000';
  outbox = await import('../../shared/email/outbox');
  ({ transact } = await import('../../shared/data/transactions'));
  ({ compose } = await import('../../shared/email/message'));
});
afterAll(async () => proxy.down());
afterEach(async () => {
  proxy.mode = 'pass';
  await proxy.up();
});

const unique = () => `r${Math.random().toString(36).slice(2, 10)}@outbox.example.org`;
const message = (to: string) => compose({ to: [to], subject: 'Your seat', blocks: ['Hello <there> & welcome'] });

async function queue(key: string, to: string) {
  await transact([outbox.queueEmail(key, message(to))]);
}

describe('the email outbox', () => {
  it('sends a queued email once, with text and escaped HTML parts, and records the SES message id', async () => {
    const to = unique();
    await queue(`t1#${to}`, to);
    expect(await outbox.dispatch([`t1#${to}`])).toEqual({ [`t1#${to}`]: 'sent' });
    expect(await outbox.dispatch([`t1#${to}`])).toEqual({ [`t1#${to}`]: 'not-pending' });
    const [sent, ...more] = await emailsTo(to);
    expect(more).toEqual([]);
    expect(sent?.body.text).toContain('Hello <there> & welcome');
    expect(sent?.body.html).toContain('Hello &lt;there&gt; &amp; welcome');
    expect((await outbox.getEmail(`t1#${to}`))?.messageId).toBe(sent?.messageId);
  });

  it('never queues the same event twice', async () => {
    const to = unique();
    await queue(`t2#${to}`, to);
    const again = await transact([outbox.queueEmail(`t2#${to}`, message(to))]);
    expect(again.ok).toBe(false);
  });

  it('keeps an email pending while SES is unreachable, and the job sends it once SES is back', async () => {
    const to = unique();
    await queue(`t3#${to}`, to);
    await proxy.down();
    expect(await outbox.dispatch([`t3#${to}`])).toEqual({ [`t3#${to}`]: 'pending' });
    expect(await emailsTo(to)).toEqual([]);
    await proxy.up();
    const drained = await outbox.drainOutbox();
    expect(drained.sent).toBeGreaterThanOrEqual(1);
    expect(await emailsTo(to)).toHaveLength(1);
    expect(await outbox.getEmail(`t3#${to}`)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('marks a send that timed out after reaching SES as unknown, and never resends it', async () => {
    const to = unique();
    await queue(`t4#${to}`, to);
    proxy.mode = 'hang';
    await proxy.down();
    await proxy.up();
    expect(await outbox.dispatch([`t4#${to}`])).toEqual({ [`t4#${to}`]: 'unknown' });
    proxy.mode = 'pass';
    await outbox.drainOutbox();
    expect(await emailsTo(to)).toEqual([]);
    expect(await outbox.getEmail(`t4#${to}`)).toMatchObject({ status: 'unknown', attempts: 1 });
  });

  it('lets only one of several concurrent senders send', async () => {
    const to = unique();
    await queue(`t5#${to}`, to);
    const results = await Promise.all(Array.from({ length: 8 }, () => outbox.dispatch([`t5#${to}`])));
    expect(results.filter((r) => r[`t5#${to}`] === 'sent')).toHaveLength(1);
    expect(await emailsTo(to)).toHaveLength(1);
  });

  it('gives up after the last attempt SES refuses, as failed (which alarms)', async () => {
    const to = unique();
    await queue(`t6#${to}`, to);
    await proxy.down();
    const outcomes = [];
    for (let i = 0; i < outbox.MAX_ATTEMPTS; i++) outcomes.push((await outbox.dispatch([`t6#${to}`]))[`t6#${to}`]);
    expect(outcomes).toEqual([...Array(outbox.MAX_ATTEMPTS - 1).fill('pending'), 'failed']);
  });
});
