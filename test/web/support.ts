/**
 * What the web tests share: the stack started by global-setup.ts, one Chromium per test file, and the checks every
 * page gets (axe-core for WCAG 2.1 AA, no horizontal scroll at 320 px), screenshots for the README, the local clock,
 * the email viewer, and accounts made through cognito-local.
 */
import { execFile } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { AdminSetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoClient, signIn, signUpAndConfirm } from '../../scripts/local/cognito';
import { clientIdFor, type StackState } from '../../scripts/local/stack';
import type { Role } from '../../shared/domain/vocabulary';

export type WebStack = StackState & { webUrl: string };
export const stack = (): WebStack => JSON.parse(process.env.WEB_STACK ?? '{}') as WebStack;

/** One headless Chromium for the test file (Debian's; flags that keep it off the closed network). */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

/** A new page (its own storage: nobody signed in) at a path of the web app, once the page's h1 is there. */
export async function openPage(browser: Browser, path: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, baseURL: stack().webUrl });
  const page = await context.newPage();
  await page.goto(path);
  await page.locator('h1').first().waitFor();
  return page;
}

/** Zero axe-core violations of WCAG 2.0/2.1 A and AA on the page as it is now. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`,
  );
  expect(found).toEqual([]);
}

/** WCAG 1.4.10 Reflow: at 320 CSS px wide the page scrolls only vertically. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  if (size) await page.setViewportSize(size);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Both checks every page gets. */
export async function expectAccessible(page: Page): Promise<void> {
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
}

/**
 * Where screenshots go: the README's `docs/screenshots/` when asked for (`UPDATE_SCREENSHOTS=1 npm run test:web`),
 * otherwise a scratch folder under `.local/`, so an ordinary test run leaves the committed pictures alone.
 */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(__dirname, '..', '..', 'docs', 'screenshots')
  : join(__dirname, '..', '..', '.local', 'screenshots');
/**
 * A screenshot for the README, the full page at the current width. Skipped in CI unless asked for: nobody looks at
 * the scratch copies there, and a full-page capture is the slowest step of a page on a busy machine.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.CI && !process.env.UPDATE_SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Moves the local clock (`PUT /_local/clock`); `undefined` puts it back to now. */
export async function setClock(at?: string): Promise<void> {
  const url = `${stack().gatewayUrl}/_local/clock`;
  const res = await fetch(url, at ? { method: 'PUT', body: JSON.stringify({ at }) } : { method: 'DELETE' });
  if (!res.ok) throw new Error(`clock: ${res.status} ${await res.text()}`);
}

export interface StoredEmail {
  to: string[];
  subject: string;
  body: { text?: string; html?: string };
}
/** Emails sent to an address, from the email viewer (`GET /store`), oldest first. */
export async function emailsTo(address: string): Promise<StoredEmail[]> {
  const { emails } = (await (await fetch(`${stack().sesEndpoint}/store`)).json()) as {
    emails: (StoredEmail & { destination: { to: string[] } })[];
  };
  return emails.filter((e) => (e.destination?.to ?? []).some((to) => to.includes(address)));
}

/** Waits for an email to the address whose subject matches, and returns it. */
export async function waitForEmail(address: string, subject: RegExp, timeoutMs = 10_000): Promise<StoredEmail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = (await emailsTo(address)).filter((e) => subject.test(e.subject)).at(-1);
    if (found) return found;
    if (Date.now() > until) throw new Error(`no email "${subject}" to ${address}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const uniqueEmail = (label: string) => `${label}.${randomBytes(4).toString('hex')}@provider.example.org`;
export const PASSWORD = 'Web-Passw0rd!';

/** An applicant account made directly in cognito-local (for tests that are not about signing up). */
export async function newApplicant(label = 'learner'): Promise<{ email: string; password: string }> {
  const s = stack();
  const email = uniqueEmail(label);
  await signUpAndConfirm(cognitoClient(s.cognitoEndpoint), s.clientId, s.cognitoDir, s.userPoolId, email, PASSWORD);
  return { email, password: PASSWORD };
}

/**
 * A provider administrator as ADS creates one (`POST /ads/accounts`, linked to the agency), then given a password in
 * cognito-local (its invitation email is suppressed locally) so the test can sign in as them.
 */
export async function newProviderAdmin(providerId: string, name = 'Riley Park') {
  const email = uniqueEmail('agency.admin');
  const created = await callApi('/ads/accounts', {
    method: 'POST',
    token: await tokenOf('ads-staff'),
    json: { name, email, role: 'provider-admin', providerId },
  });
  if (created.status !== 201) throw new Error(`provider admin: ${JSON.stringify(created.body)}`);
  const s = stack();
  await cognitoClient(s.cognitoEndpoint).send(
    new AdminSetUserPasswordCommand({ UserPoolId: s.userPoolId, Username: email, Password: PASSWORD, Permanent: true }),
  );
  return { email, password: PASSWORD, personId: created.body.personId as string };
}

/** The sign-in id (`sub`) an ID token carries. */
export const subOf = (token: string): string =>
  (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;

/** An ID token of a demo role, for seeding through the API (staff through the staff app client, as the app does). */
export const tokenOf = (role: Role) => {
  const s = stack();
  return signIn(cognitoClient(s.cognitoEndpoint), clientIdFor(s, role), s.users[role].email, s.users[role].password);
};

/** The sign-in page's choice that signs staff in through the staff app client (a pointer clicks its label: USWDS hides the input). */
export const STAFF_SIGN_IN = 'ADS, DDS or provider agency staff';

/** Calls the API through the web origin (`/api`), as the browser does. */
export async function callApi(path: string, init: { method?: string; token?: string; json?: unknown } = {}) {
  const res = await fetch(`${stack().webUrl}/api${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text,
  };
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s), what an authenticator app shows for a base32 secret. */
export function totp(secretBase32: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/=+$/, '').toUpperCase())
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => Number.parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'ce-web-test-'));

/** Waits for the app's status region (aria-live) to say this. */
export async function expectStatus(page: Page, text: string | RegExp): Promise<void> {
  const region = page.getByTestId('status-region');
  await region.filter({ hasText: text }).waitFor();
}

/** Runs a scheduled job as `npm run job` does, against the web tests' stack (e.g. the monthly DDS notice). */
export async function runJob(name: string, at: string): Promise<void> {
  const cwd = tempDir();
  mkdirSync(join(cwd, '.local'));
  writeFileSync(join(cwd, '.local', 'stack.json'), JSON.stringify(stack()));
  const root = resolve(__dirname, '../..');
  await promisify(execFile)(join(root, 'node_modules/.bin/tsx'), [join(root, 'scripts/job.ts'), name, '--at', at], {
    cwd,
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT' },
  });
}
