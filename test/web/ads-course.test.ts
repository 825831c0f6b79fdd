/**
 * ADS's course work, the states the continuous journey (ads-console-journey.test.ts) does not reach: the roster of a
 * class taken with the keyboard alone and its errors (the page's own and the API's), a correction refused without a
 * reason, a date with no class and another iteration's id; the meeting report import refused (no file, not a report);
 * a review refused without a mark, an extension with a reason; the qualification board of someone who does not
 * qualify yet and an exception refused without a reason. One seeded iteration (test/web/enrolment.ts); the tests run
 * in order, moving the local clock through the course.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { type Learner, seedEnrolment, WINTER } from './enrolment';
import { tabTo } from './journey';
import {
  callApi,
  expectAccessible,
  expectStatus,
  openPage,
  screenshot,
  setClock,
  stack,
  tokenOf,
  useBrowser,
  STAFF_SIGN_IN,
} from './support';

const browser = useBrowser();
const TITLE = 'Winter 2027 (ADS course work)';
let learner: Learner;
const [FIRST, SECOND] = WINTER.classes as [string, string];

beforeAll(async () => {
  ({ learner } = await seedEnrolment(TITLE));
}, 120_000);
afterAll(() => setClock());

async function asAds(path: string, heading: string | RegExp): Promise<Page> {
  const page = await openPage(browser(), path);
  const ads = stack().users['ads-staff'];
  await page.locator('label', { hasText: STAFF_SIGN_IN }).click();
  await page.getByLabel('Email').fill(ads.email);
  await page.getByLabel('Password').fill(ads.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  return page;
}
const main = (page: Page) => page.locator('main').innerText();
/** USWDS draws its own radio buttons over visually hidden inputs: a pointer clicks the label. */
const choose = (scope: Page | Locator, label: string) =>
  scope.locator('label', { hasText: new RegExp(`^${label}$`) }).click();

test('the roster by keyboard alone: nothing chosen, minutes out of range (the API), then partial; a correction needs a reason', async () => {
  await setClock(`${FIRST}T12:10:00-05:00`);
  const page = await asAds(`/ads/iterations/${learner.iterationId}/course-work`, `Course work: ${TITLE}`);
  // The class has ended with no roster: the API flags it and the page says so.
  expect(await main(page)).toMatch(/Tuesday, February 2, 2027, 9:00 AM–12:00 PM: 0 of 1 recorded Roster not taken/i);
  expect(await main(page)).toContain('One class has ended without a complete roster');
  // A class still to come is said to be so, and its page offers nothing to record (the API would refuse it).
  expect(await main(page)).toContain('Tuesday, February 9, 2027, 9:00 AM–12:00 PM: not held yet');
  await expectAccessible(page);
  await page.getByRole('link', { name: /^Tuesday, February 9, 2027/ }).click();
  await page
    .getByText(
      'This class has not been held yet: it starts Tuesday, February 9, 2027 at 9:00 AM (Connecticut time). Its attendance can be taken',
    )
    .waitFor();
  expect(await page.getByRole('button', { name: /^Record attendance|^Read the report/ }).count()).toBe(0);
  await expectAccessible(page);
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: `Course work: ${TITLE}` }).waitFor();

  // From the course work to the class, then the roster, with the keyboard only.
  await tabTo(page, /^Tuesday, February 2, 2027/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: /^Attendance: Tuesday, February 2, 2027/ }).waitFor();
  await expectAccessible(page);
  await tabTo(page, /^Record attendance of 1 learner$/);
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Choose present, absent or partial for Robin Park.' }).waitFor();
  await expectAccessible(page);

  // Shift+Tab into a radio group with nothing chosen lands on its last radio; Space chooses it.
  await tabTo(page, /^Partial$/, { back: true });
  await page.keyboard.press('Space');
  await tabTo(page, /^Minutes Robin Park missed$/);
  await page.keyboard.type('200');
  await page.keyboard.press('Enter');
  // The API refuses it and names the field; the page puts the message on the minutes input.
  const minutes = page.getByLabel('Minutes Robin Park missed');
  await page.locator('#field-entries-0-minutesMissed[aria-invalid="true"]').waitFor();
  expect(await page.locator('.usa-alert--error').innerText()).not.toContain('Choose present, absent or partial');
  await expectAccessible(page);
  await minutes.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('30');
  await page.keyboard.press('Enter');
  await expectStatus(page, 'Attendance recorded for 1 learner.');
  await page.getByRole('heading', { name: 'Recorded' }).waitFor();
  expect(await main(page)).toContain('Partial (30 minutes missed)');
  await expectAccessible(page);

  // A correction needs a reason and a mark (the page's check; the journey records one).
  await page.getByRole('button', { name: 'Correct the record' }).click();
  await page.getByRole('link', { name: 'Give the reason for the correction.' }).waitFor();
  await page.getByRole('link', { name: 'Choose the corrected mark.' }).waitFor();
  await expectAccessible(page);
  // A date with no class, and another iteration's id: the page says so.
  await page.goto(`/ads/iterations/${learner.iterationId}/classes/2027-02-03`);
  await page.getByText('This iteration has no live class that day.').waitFor();
  await expectAccessible(page);
  await page.goto('/ads/iterations/it_00000000000000000000000000/course-work');
  await page.locator('.usa-alert--error').waitFor();
  await expectAccessible(page);
}, 90_000);

test("the roster by import refused: no file (the page), not a meeting report (the API, on the file's field)", async () => {
  await setClock(`${SECOND}T12:10:00-05:00`);
  const page = await asAds(
    `/ads/iterations/${learner.iterationId}/classes/${SECOND}`,
    /^Attendance: Tuesday, February 9/,
  );
  await page.getByRole('button', { name: 'Read the report' }).click();
  await page.getByRole('link', { name: 'Choose the report file.' }).waitFor();
  await expectAccessible(page);

  // Not a report: the API says so, on the file's field.
  const file = page.getByLabel('Report file (.csv or .tsv)');
  await file.setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
  await page.getByRole('button', { name: 'Read the report' }).click();
  await page.locator('#field-base64[aria-invalid="true"]').waitFor();
  expect(await page.locator('.usa-alert--error').innerText()).not.toContain('Choose the report file.');
  await expectAccessible(page);

  // A real report proposes Partial (joined at 9:25); ADS marks Present by hand. The history says the roster came from
  // the report and names the mark set by hand.
  const [m, d, y] = [SECOND.slice(5, 7), SECOND.slice(8, 10), SECOND.slice(0, 4)];
  const report = readFileSync(join(__dirname, '..', 'fixtures', 'meeting-reports', 'zoom-participants.csv'), 'utf8')
    .replaceAll('02/02/2027', `${m}/${d}/${y}`)
    .replace('Cara Diaz,cara.diaz@provider.example.org', `Robin Park,${learner.email}`);
  await file.setInputFiles({ name: 'participants.csv', mimeType: 'text/csv', buffer: Buffer.from(report) });
  await page.getByRole('button', { name: 'Read the report' }).click();
  await expectStatus(page, /Report read: 1 learner matched/);
  await choose(page.getByRole('group', { name: 'Robin Park' }), 'Present');
  await page.getByRole('button', { name: 'Confirm attendance of 1 learner' }).click();
  await expectStatus(page, 'Attendance recorded for 1 learner.');
  const history = page.locator('table', { hasText: 'Recorded and corrected' });
  await history
    .getByText('Roster recorded from the imported meeting report (1 learner); set by hand: Robin Park (Present)')
    .waitFor();
  await expectAccessible(page);
}, 60_000);

test('homework: a review needs a mark, an extension a reason; the board of someone who does not qualify yet', async () => {
  await setClock('2027-02-05T10:00:00-05:00');
  const items = (await callApi(`/me/applications/${learner.applicationId}/homework`, { token: learner.token })).body
    .items as { assignmentId: string; title: string }[];
  const profile = items[0]!;
  const plan = items[1]!;
  for (const a of [profile, plan])
    expect(
      (
        await callApi(`/me/applications/${learner.applicationId}/homework/${a.assignmentId}`, {
          method: 'POST',
          token: learner.token,
          json: { text: 'My discovery profile of the job seeker.' },
        })
      ).status,
    ).toBe(201);

  const page = await asAds(
    `/ads/iterations/${learner.iterationId}/homework/${profile.assignmentId}`,
    'Homework: Discovery profile',
  );
  expect(await main(page)).toContain('My discovery profile of the job seeker.');
  expect(await main(page)).toContain('Waiting for review.');
  await expectAccessible(page);
  await page.getByRole('button', { name: "Review Robin Park's work" }).click();
  await page.getByRole('button', { name: 'Save the review' }).click();
  await page.getByRole('link', { name: 'Choose complete or returned.' }).waitFor();
  await expectAccessible(page);
  await choose(page, 'Complete');
  await page.getByLabel('Feedback to the learner').fill('A thorough profile.');
  await page.getByRole('button', { name: 'Save the review' }).click();
  await expectStatus(page, /Robin Park: Marked complete/);
  expect(await main(page)).toContain('Feedback given: A thorough profile.');

  // An extension: the API refuses a malformed reason-less request field by field; then it is granted.
  await page.getByRole('button', { name: "Extend Robin Park's deadline" }).click();
  await page.getByRole('button', { name: 'Grant the extension' }).click();
  await page.getByRole('link', { name: 'Give the reason for the extension.' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('New deadline (Connecticut time)').fill('2027-02-15T17:00');
  await page.getByLabel(/Reason for the extension/).fill('Family emergency');
  await page.getByRole('button', { name: 'Grant the extension' }).click();
  await expectStatus(page, /Robin Park now has until Monday, February 15, 2027 at 5:00 PM/);
  expect(await main(page)).toContain('(extended: Family emergency)');
  await expectAccessible(page);

  // The board before the second assignment is reviewed: exactly what is missing; an exception needs a reason. (The
  // first class's partial mark is corrected to present through the API: the correction form is the journey's.)
  const corrected = await callApi(
    `/ads/iterations/${learner.iterationId}/classes/${FIRST}/attendance/${learner.applicationId}`,
    {
      method: 'PUT',
      token: await tokenOf('ads-staff'),
      json: { status: 'present', reason: 'The meeting report shows she was there from 9:00' },
    },
  );
  expect(corrected.status).toBe(200);
  await page.goto(`/ads/iterations/${learner.iterationId}/qualification`);
  await page.getByRole('heading', { level: 2, name: 'Robin Park: does not qualify yet' }).waitFor();
  expect(await main(page)).toContain('Assignment "Job development plan"');
  await page.getByText('Certify Robin Park by exception').click();
  await page.getByRole('button', { name: 'Issue certifications' }).click();
  await page.getByRole('link', { name: 'Give the reason for certifying Robin Park by exception.' }).waitFor();
  await expectAccessible(page);
  await screenshot(page, 'ads-qualification-board');
}, 90_000);
