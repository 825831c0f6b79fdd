import { createHash } from 'node:crypto';
import { FaultProxy } from '../support/fault-proxy';
import { emailsTo } from '../support/ses';
import { allItems } from '../support/stored';
import { useTestTable } from '../support/table';

/**
 * No working token at rest: the flows that make tokens run (endorsement links sent at once, resent, sent when ADS
 * authorises a waiting supervisor, sent by the outbox job after SES was down; the co-signature link; a calendar
 * feed), with every log line captured. Then every item of the table and every line is read: no token that a link
 * or feed route accepts appears in them, in the clear or as any 43-character base64url run whose hash is a live key.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
useTestTable();

let proxy: FaultProxy;
const lines: string[] = [];
let restore: (() => void) | undefined;
beforeAll(async () => {
  // SES through a proxy this file controls, so one endorsement email waits in the outbox for real.
  proxy = await FaultProxy.start(process.env.TEST_SES_ENDPOINT!);
  process.env.AWS_ENDPOINT_URL_SES = proxy.url;
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const capture = (chunk: unknown) => {
    lines.push(...String(chunk).split('\n'));
    return true;
  };
  process.stdout.write = capture as never;
  process.stderr.write = capture as never;
  restore = () => {
    process.stdout.write = out;
    process.stderr.write = err;
  };
});
afterAll(async () => {
  restore?.();
  await proxy.down();
});

const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');
const TOKEN_LIKE = /[A-Za-z0-9_-]{43}/g;
const linksIn = (text: string | undefined) =>
  [...(text ?? '').matchAll(/\/links\/([A-Za-z0-9_-]{43})/g)].map((m) => m[1]!);

describe('no live token at rest', () => {
  it('no item and no log line holds a token the link or feed routes accept', async () => {
    const { at, resetLocalClock } = { ...(await import('../support/clock')), ...(await import('../../shared/clock')) };
    const f = await import('../support/fixtures');
    const { invoke } = await import('../support/invoke');
    const { applicationRoutes } = await import('../../shared/http/routes/applications');
    const { iterationRoutes } = await import('../../shared/http/routes/iterations');
    const { linkRoutes } = await import('../../shared/http/routes/links');
    const { getEmail } = await import('../../shared/email/outbox');
    const { handler: drain } = await import('../../functions/jobs/email-outbox');

    // Endorsement and co-signature links, used.
    const { iteration, learners, providerId } = await f.enrolledLearners(1);
    const learner = learners[0]!;
    at('2026-12-10T10:00:00-05:00');
    const open = await f.publishedIteration({ seats: { North: 2, South: 0, West: 0 } });

    // An endorsement link sent at once, then resent: two live-or-revoked tokens.
    const waiting = f.newApplicant('Wanda Pending');
    await f.saveProfile(waiting, providerId);
    const applied = await f.applyTo(waiting, open.id);
    expect(applied.status).toBe(201);
    at('2026-12-11T10:00:00-05:00');
    const resent = await invoke(applicationRoutes.resendEndorsementLink, {
      as: waiting,
      params: { applicationId: applied.body.id },
    });
    expect(resent.status).toBeLessThan(300);

    // A supervisor ADS had not authorised: the link goes out when ADS does (the providers' function).
    const unvouched = f.newApplicant('Uma Unvouched');
    await f.saveProfile(unvouched, providerId, {}, { authorised: false });
    expect((await f.applyTo(unvouched, open.id)).status).toBe(201);
    await f.authoriseSupervisor(providerId, { name: 'Sam Supervisor', email: unvouched.supervisorEmail });

    // SES down while applying: the email waits in the outbox, its token sealed; the job sends it later.
    const late = f.newApplicant('Lena Later');
    await f.saveProfile(late, providerId);
    await proxy.down();
    const lateApplied = await f.applyTo(late, open.id);
    expect(lateApplied.status).toBe(201);
    const pending = (await allItems()).filter(
      (i) => i.type === 'email' && i.status === 'pending' && i.template === 'endorsement-request',
    );
    expect(pending).toHaveLength(1);
    expect(await getEmail(pending[0]!.key)).toMatchObject({ sealedToken: expect.any(String) });
    expect(pending[0]!.message.text).toContain('/links/__sealed-link-token__');
    const pendingItems = JSON.stringify(await allItems());
    await proxy.up();
    await drain({});

    // A calendar feed.
    const feed = await invoke(iterationRoutes.resetMyCalendarFeed, { as: learner.who });
    expect(feed.status).toBeLessThan(300);
    const feedToken = String(feed.body.url).match(/\/calendar-feeds\/([A-Za-z0-9_-]{43})\//)![1]!;
    resetLocalClock();
    restore?.();

    const tokens = [
      ...new Set(
        (await Promise.all([learner.who, waiting, unvouched, late].map((w) => emailsTo(w.supervisorEmail)))).flatMap(
          (mail) => mail.flatMap((m) => [...linksIn(m.body.text), ...linksIn(m.body.html)]),
        ),
      ),
    ];
    // endorse + co-sign (learner), sent + resent (waiting), on authorising (unvouched), after SES was down (late).
    expect(tokens.length).toBeGreaterThanOrEqual(6);
    expect(tokens.some((t) => t.includes('sealed'))).toBe(false);
    // The tokens are real: live ones open their page (so finding one below would be a working link at rest).
    const views = await Promise.all(tokens.map((token) => invoke(linkRoutes.viewLink, { params: { token } })));
    expect(views.filter((v) => v.status === 200).length).toBeGreaterThanOrEqual(3);
    const lateToken = linksIn((await emailsTo(late.supervisorEmail))[0]?.body.text)[0]!;
    expect((await invoke(linkRoutes.viewLink, { params: { token: lateToken } })).status).toBe(200);
    expect(pendingItems).not.toContain(lateToken);
    const secrets = [...tokens, feedToken];

    const items = await allItems();
    const texts = [...items.map((i) => JSON.stringify(i)), pendingItems, ...lines];
    for (const secret of secrets) {
      const found = texts.filter((t) => t.includes(secret));
      expect([secret, found]).toEqual([secret, []]);
    }
    // Whatever looks like a token must not be one: its hash is not the key of a link or a feed.
    const liveHashes = new Set(
      items.filter((i) => /^(LINK|FEED)#/.test(i.pk)).map((i) => String(i.pk).replace(/^(LINK|FEED)#/, '')),
    );
    expect(liveHashes.size).toBeGreaterThanOrEqual(secrets.length);
    const candidates = texts.flatMap((t) => t.match(TOKEN_LIKE) ?? []);
    expect(candidates.filter((c) => liveHashes.has(sha256(c)))).toEqual([]);

    // Sent emails keep what a history needs, and no body or sealed token.
    const emails = items.filter((i) => i.type === 'email');
    expect(emails.length).toBeGreaterThanOrEqual(6);
    for (const e of emails) {
      expect(e).toMatchObject({ status: 'sent', to: expect.any(Array), subject: expect.any(String) });
      expect([e.key, e.template, e.sentAt !== undefined]).toEqual([e.key, String(e.key).split('#')[0], true]);
      expect([e.key, e.message, e.sealedToken]).toEqual([e.key, undefined, undefined]);
    }
    expect(iteration.id).toBeDefined();
  });
});
