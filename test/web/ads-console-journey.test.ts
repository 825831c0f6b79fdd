/**
 * The ADS console's continuous journey: ONE iteration from creation to a revoked certification, driven in the browser
 * against the local stack, then the DDS views of what it produced. ADS creates the iteration through the form (the
 * calendar rules named at their fields: weekend, Connecticut holiday by name, blackout date) and publishes it;
 * applicants apply and supervisors endorse through the API (not ADS's job); ADS filters the applications and exports
 * them, computes the allocation, overrides it with a reason and confirms with the keyboard alone, and reads the live
 * seat board; the learner accepts and the supervisor co-signs (API); ADS takes the first class's roster by hand and
 * corrects it with the keyboard alone, corrects the calendar with a reason, takes the second class's roster by
 * importing the meeting's participant report with the keyboard alone, reviews the homework, issues the
 * certifications and revokes one; the monthly DDS notice goes out (the job); DDS searches the registry (CSV), reads
 * the completions (CSV) and the notice history. "Who" in every history is a name ("Dana Reyes (ADS)"). axe-core and
 * the 320 px reflow check on every page and state reached. The tests run in order, moving the local clock forward.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileChooser, Page } from 'playwright-core';
import { applicantToken, cosignFromEmail, endorseFromEmail, seedApplication, seedProfile, tabTo } from './journey';
import {
  callApi,
  expectAccessible,
  expectStatus,
  newApplicant,
  openPage,
  runJob,
  screenshot,
  setClock,
  stack,
  tokenOf,
  uniqueEmail,
  useBrowser,
  STAFF_SIGN_IN,
} from './support';

const browser = useBrowser();
const TITLE = 'Summer 2027 (ADS console)';
const BLACKOUT = '2027-06-22';
let page: Page;
let iterationId = '';
let revoked = '';
const people: { name: string; id: string; token: string; supervisor: string }[] = [];
const [FIRST, SECOND] = ['2027-06-08', '2027-06-15'];
const main = (page: Page) => page.locator('main').innerText();
/** What has the focus: its tag, id and text (to assert where the keyboard user is). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName ?? '', id: el?.id ?? '', text: (el?.textContent ?? '').trim().slice(0, 80) };
  });

beforeAll(async () => {
  await setClock('2027-04-01T10:00:00-04:00');
  await callApi(`/ads/blackout-dates/${BLACKOUT}`, {
    method: 'PUT',
    token: await tokenOf('ads-staff'),
    json: { reason: 'Summer break (web test)' },
  });
  page = await openPage(browser(), '/ads/iterations/new');
  await page.locator('label', { hasText: STAFF_SIGN_IN }).click();
  await page.getByLabel('Email').fill(stack().users['ads-staff'].email);
  await page.getByLabel('Password').fill(stack().users['ads-staff'].password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'New iteration' }).waitFor();
}, 60_000);

afterAll(async () => {
  await callApi(`/ads/blackout-dates/${BLACKOUT}`, { method: 'DELETE', token: await tokenOf('ads-staff') });
  await setClock();
});

test('create with the calendar rules named at their fields, then publish', async () => {
  await expectAccessible(page);
  await page.getByLabel('Title').fill(TITLE);
  await page.getByLabel('Applications open').fill('2027-05-03T09:00');
  await page.getByLabel('Applications close').fill('2027-06-01T17:00');
  await page.getByLabel('North seats').fill('1');
  await page.getByLabel('South seats').fill('0');
  await page.getByLabel('West seats').fill('x');
  await page.getByLabel('Class 1 date').fill('2027-06-12'); // a Saturday
  for (const date of ['2027-07-05', BLACKOUT, '2027-06-08']) {
    await page.getByRole('button', { name: 'Add a class date' }).click();
    await page.getByLabel(`Class ${await page.getByLabel(/^Class \d+ date$/).count()} date`).fill(date);
  }
  // Explained as ADS types, before anything is saved: the API's dry run names each date's problem.
  await page
    .locator('#class-0-rules')
    .getByText(/Not possible: .*(Saturday|weekend)/i)
    .waitFor();
  await page
    .locator('#class-1-rules')
    .getByText(/Not possible: .*Independence Day/)
    .waitFor();
  await page
    .locator('#class-2-rules')
    .getByText(/Not possible: .*Summer break \(web test\)/)
    .waitFor();
  await expect(page.locator('#class-3-rules').textContent()).resolves.toBe('');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Add an assignment' }).click();
  await page.getByLabel('Assignment 1 title').fill('Discovery profile');
  await page.getByLabel('Assignment 1 due (Connecticut time)').fill('2027-06-20T23:59');
  await page.getByRole('button', { name: 'Create the draft' }).click();

  // The seats first (schema: a whole number), then the calendar rules, each at its field.
  await page.getByRole('alert').waitFor();
  await expect(page.getByLabel('West seats').getAttribute('aria-invalid')).resolves.toBe('true');
  await page.getByLabel('West seats').fill('0');
  await page.getByRole('button', { name: 'Create the draft' }).click();
  await page.locator('#field-liveClasses-1-date-error').waitFor();
  await expect(page.locator('#field-liveClasses-0-date-error').textContent()).resolves.toMatch(/Saturday|weekend/i);
  await expect(page.locator('#field-liveClasses-1-date-error').textContent()).resolves.toContain(
    'Connecticut state holiday (Independence Day',
  );
  await expect(page.locator('#field-liveClasses-2-date-error').textContent()).resolves.toContain(
    'blackout date (Summer break (web test))',
  );
  await expectAccessible(page);
  await screenshot(page, 'ads-iteration-errors');

  await page.getByLabel('Class 1 date').fill('2027-06-15');
  await page.getByRole('button', { name: 'Remove class 3' }).click();
  await page.getByRole('button', { name: 'Remove class 2' }).click();
  await page.getByRole('button', { name: 'Create the draft' }).click();
  await page.getByRole('heading', { name: TITLE }).waitFor();
  await expectStatus(page, 'The draft iteration is created.');
  iterationId = decodeURIComponent(page.url().split('/').pop() ?? '');
  await expect(page.locator('main').textContent()).resolves.toContain('Draft (only ADS sees it)');
  await expectAccessible(page);

  // Publishing cannot be undone: asked once more, naming what happens; "No" backs out, nothing published.
  await page.getByRole('button', { name: 'Publish…' }).click();
  const publishing = page.getByRole('alert').filter({ hasText: 'shows it to every provider and applicant' });
  await publishing.waitFor();
  expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
  await expectAccessible(page);
  await publishing.getByRole('button', { name: 'No, go back' }).click();
  await expect(page.locator('main').textContent()).resolves.toContain('Draft (only ADS sees it)');
  await page.getByRole('button', { name: 'Publish…' }).click();
  await page.getByRole('button', { name: 'Yes, publish it' }).click();
  await expectStatus(page, `${TITLE} is published`);
  await page.getByRole('link', { name: 'Allocation' }).waitFor();
  await expectAccessible(page);

  // The list shows it among the published.
  await page.goto('/ads/iterations');
  await page.getByRole('link', { name: TITLE }).waitFor();
  await expectAccessible(page);
}, 60_000);

test('applications: a table filtered by region and endorsement, each person a link, the CSV downloaded', async () => {
  await setClock('2027-05-10T10:00:00-04:00');
  const ads = await tokenOf('ads-staff');
  const provider = await callApi('/ads/providers', {
    method: 'POST',
    token: ads,
    json: {
      name: `${TITLE} Supports`,
      regions: ['North'],
      contractsWithAds: 'yes',
      contractsWithDds: 'yes',
      contact: { name: 'Lee Contact', email: uniqueEmail('contact') },
    },
  });
  for (const name of ['Ada Early', 'Bo Later']) {
    const who = await newApplicant('ads-web');
    const token = await applicantToken(who.email, who.password);
    const supervisor = await seedProfile(token, provider.body.id, name);
    const applicationId = await seedApplication(token, iterationId, 'North');
    await endorseFromEmail(supervisor);
    people.push({ name, id: applicationId, token, supervisor });
  }
  const extra = await newApplicant('ads-web');
  const extraToken = await applicantToken(extra.email, extra.password);
  await seedProfile(extraToken, provider.body.id, 'Cy Unendorsed');
  await seedApplication(extraToken, iterationId, 'North');

  await page.goto(`/ads/iterations/${iterationId}/applications`);
  await page.getByRole('link', { name: 'Ada Early' }).waitFor();
  await expect(page.getByRole('status').filter({ hasText: 'Showing' }).textContent()).resolves.toContain('3 of 3');
  // Statuses in words, not the API's codes; at 1280 px no word in the table is broken across lines (only a long
  // email may be, where it is marked to).
  const statuses = await page.locator('.ads-table td[data-label="Status"]').allInnerTexts();
  expect(statuses.sort()).toEqual(['Awaiting endorsement', 'Endorsed', 'Endorsed']);
  const broken = await page.evaluate(() => {
    const out: string[] = [];
    for (const cell of document.querySelectorAll('.ads-table td, .ads-table tbody th')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest('.break-anywhere')) continue;
        for (const m of (node.textContent ?? '').matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) out.push(m[0]);
        }
      }
    }
    return out;
  });
  expect(broken).toEqual([]);
  await page.getByLabel('Endorsed', { exact: true }).selectOption('false');
  await expect(page.getByRole('link', { name: 'Cy Unendorsed' }).count()).resolves.toBe(1);
  await expect(page.getByRole('link', { name: 'Ada Early' }).count()).resolves.toBe(0);
  await expectAccessible(page);
  await page.getByLabel('Endorsed', { exact: true }).selectOption('true');
  const href = await page.getByRole('link', { name: 'Ada Early' }).getAttribute('href');
  expect(href).toMatch(/^\/ads\/people\/.+/);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download as CSV' }).click(),
  ]);
  const path = await download.path();
  const csv = require('node:fs').readFileSync(path, 'utf8') as string;
  expect(csv).toContain('Ada Early');
  expect(csv).toContain('Cy Unendorsed');
  await expectStatus(page, 'CSV is downloaded');
  await expectAccessible(page);
}, 90_000);

test('allocation: compute, override with a reason and confirm by keyboard, then the live seat board', async () => {
  await setClock('2027-06-02T09:00:00-04:00');
  await page.goto(`/ads/iterations/${iterationId}/allocation`);
  await page.getByRole('button', { name: 'Compute a proposal' }).click();
  await page.getByRole('heading', { name: 'Proposal version 1' }).waitFor();
  // The earlier applicant has the seat; the other waits, and every line says why.
  const board = page.locator('table.seat-board');
  await expect(board.locator('tr', { hasText: 'Ada Early' }).textContent()).resolves.toContain('Seated');
  await expect(board.locator('tr', { hasText: 'Bo Later' }).textContent()).resolves.toContain('Waitlisted #1');
  for (const row of await board.locator('tbody tr').all()) expect((await row.locator('li').count()) > 0).toBe(true);
  await expectAccessible(page);

  // Keyboard only: open the override for Bo, try without a reason, give one, save (recomputes), confirm.
  await page.locator('h1').focus();
  await tabTo(page, /^Override for Bo Later$/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Override for Bo Later' }).waitFor();
  await tabTo(page, /^Save the override and recompute$/);
  await page.keyboard.press('Enter');
  await page.locator('#field-reason-error').waitFor();
  await expectAccessible(page);
  await tabTo(page, /^Why/);
  await page.keyboard.type('Their agency lost its only CE specialist.');
  await tabTo(page, /^Save the override and recompute$/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Proposal version 2' }).waitFor();
  await expectStatus(page, 'The override for Bo Later is saved.');
  await expect(board.locator('tr', { hasText: 'Bo Later' }).textContent()).resolves.toContain(
    ': Their agency lost its only CE specialist.',
  );
  // Who set it, by name (the API resolves the staff account's id when the board is read).
  await expect(board.locator('tr', { hasText: 'Bo Later' }).textContent()).resolves.toMatch(
    /override by Dana Reyes \(ADS\), Wednesday, June 2, 2027 at 9:\d\d AM \(Connecticut time\)/,
  );
  await expect(board.locator('tr', { hasText: 'Ada Early' }).textContent()).resolves.toContain('Waitlisted #1');
  await expectAccessible(page);
  await screenshot(page, 'ads-allocation-proposal');

  await page.locator('h1').focus();
  await tabTo(page, /^Confirm version 2 and send the offers$/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Seat board' }).waitFor();
  await expectStatus(page, 'Proposal version 2 is confirmed');
  const north = page.locator('table.seat-board tr', { hasText: 'North' });
  await expect(north.locator('[data-label="Offered"]').textContent()).resolves.toBe('1');
  await expect(north.locator('[data-label="Free"]').textContent()).resolves.toBe('0');
  const live = page.locator('section', { has: page.getByRole('heading', { name: 'North', exact: true }) });
  await expect(live.locator('li', { hasText: 'Bo Later' }).textContent()).resolves.toMatch(
    /offered, by .*\(Connecticut time\)/,
  );
  await expect(live.locator('li', { hasText: 'Ada Early' }).textContent()).resolves.toContain('statewide #1');
  await expectAccessible(page);
  await screenshot(page, 'ads-seat-board');

  // Confirmed: the API refuses another override; the board no longer offers one.
  const refused = await callApi(`/ads/iterations/${iterationId}/allocation/overrides/${people[0]!.id}`, {
    method: 'PUT',
    token: await tokenOf('ads-staff'),
    json: { decision: 'seat', reason: 'late' },
  });
  expect(refused.status).toBeGreaterThanOrEqual(409);
}, 90_000);

test('the learner accepts (API); the first class roster by hand, then corrected with the keyboard alone', async () => {
  // Bo accepts the offer and the supervisor co-signs: the learner's and the supervisor's steps, not ADS's.
  const bo = people[1]!;
  const accepted = await callApi(`/me/applications/${bo.id}/accept`, {
    method: 'POST',
    token: bo.token,
    json: { agreement: { courseDates: true, responsibilities: true, attendancePolicy: true } },
  });
  expect(accepted.status).toBe(200);
  await cosignFromEmail(bo.supervisor);

  await setClock(`${FIRST}T12:10:00-04:00`);
  await page.goto(`/ads/iterations/${iterationId}/course-work`);
  await page.getByRole('link', { name: /^Tuesday, June 8, 2027/ }).click();
  await page.getByRole('heading', { level: 1, name: /^Attendance: Tuesday, June 8, 2027/ }).waitFor();
  await expectAccessible(page);
  await page
    .getByRole('group', { name: 'Bo Later' })
    .locator('label', { hasText: /^Partial$/ })
    .click();
  await page.getByLabel('Minutes Bo Later missed').fill('30');
  await page.getByRole('button', { name: 'Record attendance of 1 learner' }).click();
  await expectStatus(page, 'Attendance recorded for 1 learner.');
  // The form is gone: the focus is on what was recorded.
  await expect(focused(page)).resolves.toMatchObject({ id: 'recorded-heading' });
  expect(await main(page)).toContain('Partial (30 minutes missed)');
  await expectAccessible(page);

  // The correction, keyboard only: sent without a mark or reason, the error summary takes the focus; its first link
  // leads to the mark, Space chooses Present, the reason is typed and Enter sends it.
  await tabTo(page, /^Correct the record$/);
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Give the reason for the correction.' }).waitFor();
  await expect(focused(page)).resolves.toMatchObject({ text: expect.stringContaining('There is a problem') });
  await expectAccessible(page);
  await tabTo(page, /^Choose the corrected mark\.$/);
  await page.keyboard.press('Enter');
  await expect(focused(page)).resolves.toMatchObject({ id: 'field-status' });
  await page.keyboard.press('Space');
  await tabTo(page, /^Reason for the correction/);
  await page.keyboard.type('The meeting report shows he was there from 9:00');
  await page.keyboard.press('Enter');
  await expectStatus(page, 'Attendance of Bo Later corrected.');
  const history = page.locator('table', { hasText: 'Recorded and corrected' });
  await history.getByText('Corrected Bo Later: Partial (30 minutes missed) → Present').waitFor();
  // The form stayed while the record reloaded: the keyboard user is still where they were, not thrown to the top.
  await expect(focused(page)).resolves.toMatchObject({ id: 'field-reason' });
  // Who recorded and who corrected: a name with the role, not an account id; this roster was taken by hand.
  expect(await history.innerText()).toMatch(/Dana Reyes \(ADS\)[\s\S]*Dana Reyes \(ADS\)/);
  expect(await history.innerText()).toContain('Roster recorded by hand (1 learner)');
  await expectAccessible(page);
  await screenshot(page, 'ads-roster');
}, 60_000);

test('once the first class has started, the calendar is corrected with a reason', async () => {
  await setClock('2027-06-15T10:00:00-04:00');
  await page.goto(`/ads/iterations/${iterationId}`);
  await page.getByRole('link', { name: 'Correct the calendar' }).click();
  await page.getByRole('heading', { name: `Correct the calendar: ${TITLE}` }).waitFor();
  await page.getByLabel('Assignment 1 due (Connecticut time)').fill('2027-06-25T23:59');
  await page.getByRole('button', { name: 'Correct the calendar' }).click();
  await page.locator('#field-reason-error').waitFor();
  await expectAccessible(page);
  await page.getByLabel('Why the calendar changes').fill('The facilitator asked for a later deadline.');
  await page.getByRole('button', { name: 'Correct the calendar' }).click();
  await page.getByRole('heading', { name: TITLE, exact: true }).waitFor();
  await expectStatus(page, 'The calendar is corrected.');
  await expect(page.locator('main').textContent()).resolves.toContain('June 25, 2027');
  await expectAccessible(page);

  // Someone else's (a missing) iteration: the API's 404 in words.
  await page.goto('/ads/iterations/it-0000000000000000/allocation');
  await page.getByRole('alert').waitFor();
  await expectAccessible(page);
}, 60_000);

test("the second class's roster by importing the meeting's participant report, keyboard only", async () => {
  await setClock(`${SECOND}T12:10:00-04:00`);
  await page.goto(`/ads/iterations/${iterationId}/classes/${SECOND}`);
  await page.getByRole('heading', { level: 1, name: /^Attendance: Tuesday, June 15, 2027/ }).waitFor();
  // Listening for the file chooser from the start: Playwright then intercepts it well before the key is pressed.
  const chosen = new Promise<FileChooser>((resolve) => page.once('filechooser', resolve));
  // Sent with no file: the error summary has the focus, and its link leads to the file input.
  await tabTo(page, /^Read the report$/);
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Choose the report file.' }).waitFor();
  await expect(focused(page)).resolves.toMatchObject({ text: expect.stringContaining('There is a problem') });
  await expectAccessible(page);
  await tabTo(page, /^Choose the report file\.$/);
  await page.keyboard.press('Enter');
  await expect(focused(page)).resolves.toMatchObject({ id: 'field-base64' });

  // Zoom's export (the route's fixture) of this class, one participant being Bo (email in capitals); Space opens the
  // file chooser on the focused input.
  const bo = (await callApi('/me/profile', { token: people[1]!.token })).body as { email: string };
  const report = readFileSync(join(__dirname, '..', 'fixtures', 'meeting-reports', 'zoom-participants.csv'), 'utf8')
    .replaceAll('02/02/2027', '06/15/2027')
    .replace('Ann Lee,ANN.LEE@provider.example.org', `Bo Later,${bo.email.toUpperCase()}`);
  await expect(focused(page)).resolves.toMatchObject({ id: 'field-base64' });
  await page.keyboard.press('Space');
  await (await chosen).setFiles({ name: 'participants.csv', mimeType: 'text/csv', buffer: Buffer.from(report) });
  await tabTo(page, /^Tolerance \(minutes\)/);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await expectStatus(page, /Report read: 1 learner matched, \d+ participants unmatched/);
  // The focus goes to the results.
  await expect(focused(page)).resolves.toMatchObject({ id: 'proposal-heading' });
  const proposal = page.locator('table', { hasText: 'Proposal per enrolled learner' });
  expect(await proposal.innerText()).toMatch(/Bo Later\s+Bo Later, .*\s+by email\s+180 \/ 0\s+Present/i);
  expect(await page.locator('table', { hasText: 'matching no enrolled learner' }).innerText()).toContain(
    'Guest Speaker',
  );
  expect(await main(page)).toContain('with a tolerance of 10 minutes');
  await expectAccessible(page);
  await screenshot(page, 'ads-roster-import');

  // Nothing recorded until ADS confirms: the proposal's marks fill the roster, confirmed with Enter.
  const grid = await callApi(`/ads/iterations/${iterationId}/attendance`, { token: await tokenOf('ads-staff') });
  expect(grid.body.learners[0].attendance[SECOND]).toBeNull();
  await tabTo(page, /^Confirm attendance of 1 learner$/);
  await page.keyboard.press('Enter');
  await expectStatus(page, 'Attendance recorded for 1 learner.');
  await expect(focused(page)).resolves.toMatchObject({ id: 'recorded-heading' });
  await page
    .locator('table', { hasText: 'Recorded and corrected' })
    .getByText('Roster recorded from the imported meeting report (1 learner); every mark as the report proposed')
    .waitFor();
  const mine = await callApi(`/me/applications/${people[1]!.id}/attendance`, { token: people[1]!.token });
  expect(mine.body.classes.map((c: { status: string }) => c.status)).toEqual(['present', 'present']);
  await expectAccessible(page);
}, 60_000);

test('homework reviewed; the board, issuing, and revoking one certification (a reason; no undoing it)', async () => {
  await setClock('2027-06-16T10:00:00-04:00');
  const bo = people[1]!;
  const [assignment] = (await callApi(`/me/applications/${bo.id}/homework`, { token: bo.token })).body.items as {
    assignmentId: string;
  }[];
  const handedIn = await callApi(`/me/applications/${bo.id}/homework/${assignment!.assignmentId}`, {
    method: 'POST',
    token: bo.token,
    json: { text: 'My discovery profile of the job seeker.' },
  });
  expect(handedIn.status).toBe(201);

  await page.goto(`/ads/iterations/${iterationId}/homework/${assignment!.assignmentId}`);
  await page.getByRole('heading', { level: 1, name: 'Homework: Discovery profile' }).waitFor();
  expect(await main(page)).toContain('My discovery profile of the job seeker.');
  await expectAccessible(page);
  await page.getByRole('button', { name: "Review Bo Later's work" }).click();
  await page.locator('label', { hasText: /^Complete$/ }).click();
  await page.getByLabel('Feedback to the learner').fill('A thorough profile.');
  await page.getByRole('button', { name: 'Save the review' }).click();
  await expectStatus(page, /Bo Later: Marked complete/);
  expect(await main(page)).toContain('Feedback given: A thorough profile.');
  await expectAccessible(page);

  await setClock('2027-06-26T10:00:00-04:00');
  await page.goto(`/ads/iterations/${iterationId}/qualification`);
  await page.getByRole('heading', { level: 2, name: 'Bo Later: qualifies' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Issue certifications…' }).click();
  await page
    .getByRole('alert')
    .getByText(/^1 learner who qualifies will each be issued one certification per CE stage/)
    .waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Yes, issue the certifications' }).click();
  await expectStatus(page, '1 learner certified, 0 not certified.');
  const issued = page.locator('section', { hasText: 'Issued' });
  expect(await issued.innerText()).toMatch(/Bo Later: CT-CE-/);
  await expectAccessible(page);
  await screenshot(page, 'ads-issuing');

  await issued.getByRole('link', { name: 'Bo Later' }).click();
  await page.getByRole('heading', { level: 1, name: 'Certifications: Bo Later' }).waitFor();
  await expectAccessible(page);
  revoked = await page.getByLabel('Certification', { exact: true }).inputValue();
  await page.getByLabel('Change', { exact: true }).selectOption('revoke');
  await page.getByRole('button', { name: 'Change the standing' }).click();
  await page.getByRole('link', { name: 'Give the reason.' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel(/^Reason/).fill('Certified in error: this stage was not taught');
  await page.getByRole('button', { name: 'Change the standing' }).click();
  // Revoking is final: the confirmation names the certificate and what follows; only "Yes" sends it.
  await page
    .getByRole('alert')
    .getByText(new RegExp(`^Revoking ${revoked} \\(.+\\) of Bo Later is final`))
    .waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: `Yes, revoke ${revoked}` }).click();
  await expectStatus(page, `Certification ${revoked} is now revoked.`);
  // The certificate's history says who revoked it, by name.
  await page.getByText(/revoked by Dana Reyes \(ADS\), because: Certified in error/).waitFor();
  await page.getByLabel('Change', { exact: true }).selectOption('reinstate');
  await page.getByLabel(/^Reason/).fill('Try to undo');
  await page.getByRole('button', { name: 'Change the standing' }).click();
  await page.locator('.usa-alert--error', { hasText: /cannot be reinstated/ }).waitFor();
  await expectAccessible(page);
  await screenshot(page, 'ads-certificate-standing');
}, 90_000);

test('DDS: the registry (keyboard search, CSV), the completions (CSV) and the notice history; ADS screens refused', async () => {
  await runJob('dds-expiry-notice', '2027-07-01T07:00:00-04:00');
  const dds = await openPage(browser(), '/dds/registry');
  await dds.locator('label', { hasText: STAFF_SIGN_IN }).click();
  await dds.getByLabel('Email').fill(stack().users.dds.email);
  await dds.getByLabel('Password').fill(stack().users.dds.password);
  await dds.getByRole('button', { name: 'Sign in' }).click();
  await dds.getByRole('heading', { level: 1, name: 'CT CE Staff Registry' }).waitFor();
  await expectAccessible(dds);
  await dds.getByRole('heading', { level: 1 }).focus();
  await tabTo(dds, /^Name/);
  await dds.keyboard.type('Later');
  await dds.keyboard.press('Enter');
  await expectStatus(dds, /^\d+ certifications found\.$/);
  await dds.getByRole('rowheader', { name: 'Bo Later' }).first().waitFor();
  expect(await main(dds)).not.toContain(revoked);
  await expectAccessible(dds);
  await tabTo(dds, /Download this search as CSV/, { back: true });
  const [registry] = await Promise.all([dds.waitForEvent('download'), dds.keyboard.press('Enter')]);
  const registryCsv = readFileSync((await registry.path())!, 'utf8');
  expect(registryCsv).toContain('Bo Later');
  expect(registryCsv).not.toContain(revoked);

  await dds.getByRole('link', { name: 'Completions' }).first().click();
  await dds.getByRole('heading', { level: 1, name: 'Completions by provider' }).waitFor();
  // The range starts as the twelve months through today (the browser's day, in Connecticut).
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
  await expect(dds.getByLabel('Completed on or before').inputValue()).resolves.toBe(today);
  await expect(dds.getByLabel('Completed on or after').inputValue()).resolves.toBe(
    `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`.replace(/-02-29$/, '-02-28'),
  );
  await dds.getByLabel('Provider agency').selectOption({ label: `${TITLE} Supports` });
  await dds.getByLabel('Completed on or after').fill('2027-01-01');
  await dds.getByLabel('Completed on or before').fill('2027-12-31');
  await dds.getByRole('button', { name: 'Show completions' }).click();
  await dds.getByRole('rowheader', { name: 'Bo Later' }).waitFor();
  await expectAccessible(dds);
  const [completions] = await Promise.all([
    dds.waitForEvent('download'),
    dds.getByRole('button', { name: 'Download these completions as CSV' }).click(),
  ]);
  const completionsCsv = readFileSync((await completions.path())!, 'utf8');
  expect(completionsCsv).toContain('Bo Later');
  expect(completionsCsv).toContain(TITLE);

  await dds.getByRole('link', { name: 'Notices sent to DDS' }).first().click();
  await dds.getByRole('rowheader', { name: '2027-07' }).waitFor();
  expect(await main(dds)).not.toMatch(/SES|scheduler/);
  await expectAccessible(dds);
  // The list that was sent opens again from the history: the email's CSV attachment.
  const [sentList] = await Promise.all([
    dds.waitForEvent('download'),
    dds.getByRole('button', { name: 'Download the 2027-07 list (CSV)' }).click(),
  ]);
  expect(sentList.suggestedFilename()).toBe('ce-expiring-2027-07.csv');
  expect(readFileSync((await sentList.path())!, 'utf8')).toMatch(/^\uFEFF?Status,Standing now,Holder,/);
  await expectStatus(dds, 'The 2027-07 list is downloaded.');

  await dds.goto('/ads/people');
  await dds.getByRole('heading', { level: 1, name: 'Not available to your account' }).waitFor();
  await expectAccessible(dds);
  await dds.context().close();
}, 90_000);

test('blackout dates: listed, added and removed', async () => {
  await page.goto('/ads/blackout-dates');
  await page.getByRole('cell', { name: 'Summer break (web test)' }).waitFor();
  await page.getByRole('button', { name: 'Add the blackout date' }).click();
  await page.locator('#field-date-error').waitFor();
  await expectAccessible(page);
  await page.getByLabel('Date', { exact: true }).fill('2027-12-27');
  await page.getByLabel('Why no class may be held').fill('Winter break (web test)');
  await page.getByRole('button', { name: 'Add the blackout date' }).click();
  await page.getByRole('cell', { name: 'Winter break (web test)' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Remove December 27, 2027' }).click();
  await expectStatus(page, 'December 27, 2027 is no longer a blackout date.');
  await expect(page.getByRole('cell', { name: 'Winter break (web test)' }).count()).resolves.toBe(0);
}, 30_000);
