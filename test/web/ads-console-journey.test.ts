/**
 * The ADS console's iteration screens, end to end on the local stack: an iteration created through the form (the
 * calendar rules named next to their fields: weekend, Connecticut holiday by name, blackout date), published, two
 * applicants seeded through the API, the applications table filtered and exported, the allocation computed, an
 * override and the confirmation done with the keyboard alone, the live seat board with the offer's deadline, and a
 * calendar correction with a reason once the calendar is locked. axe on every state.
 */
import type { Page } from 'playwright-core';
import { applicantToken, endorseFromEmail, seedApplication, seedProfile, tabTo } from './journey';
import {
  callApi,
  expectAccessible,
  expectStatus,
  newApplicant,
  openPage,
  screenshot,
  setClock,
  stack,
  tokenOf,
  uniqueEmail,
  useBrowser,
} from './support';

const browser = useBrowser();
const TITLE = `Summer ${Math.random().toString(36).slice(2, 7)}`;
const BLACKOUT = '2027-06-22';
let page: Page;
let iterationId = '';
const people: { name: string; id: string }[] = [];

beforeAll(async () => {
  await setClock('2027-04-01T10:00:00-04:00');
  await callApi(`/ads/blackout-dates/${BLACKOUT}`, {
    method: 'PUT',
    token: await tokenOf('ads-staff'),
    json: { reason: 'Summer break (web test)' },
  });
  page = await openPage(browser(), '/ads/iterations/new');
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

  await page.getByRole('button', { name: 'Publish' }).click();
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
    people.push({ name, id: applicationId });
  }
  const extra = await newApplicant('ads-web');
  const extraToken = await applicantToken(extra.email, extra.password);
  await seedProfile(extraToken, provider.body.id, 'Cy Unendorsed');
  await seedApplication(extraToken, iterationId, 'North');

  await page.goto(`/ads/iterations/${iterationId}/applications`);
  await page.getByRole('link', { name: 'Ada Early' }).waitFor();
  await expect(page.getByRole('status').filter({ hasText: 'Showing' }).textContent()).resolves.toContain('3 of 3');
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
    'override: Their agency lost its only CE specialist.',
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
