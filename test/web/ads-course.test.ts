/**
 * ADS's course work (helper 2): the roster of a class taken with the keyboard alone, its errors (the page's own and
 * the API's), a correction with a reason and its audited history; homework review and an extension; the
 * qualification board, issuing, and revoking a certification. One seeded iteration (test/web/enrolment.ts); the
 * tests run in order, moving the local clock through the course.
 */
import type { Locator, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

test('the roster by keyboard alone: nothing chosen, minutes out of range (the API), then partial; a correction with its history', async () => {
  await setClock(`${FIRST}T12:10:00-05:00`);
  const page = await asAds(`/ads/iterations/${learner.iterationId}/course-work`, `Course work: ${TITLE}`);
  // The class has ended with no roster: the API flags it and the page says so.
  expect(await main(page)).toMatch(/Tuesday, February 2, 2027, 9:00 AM–12:00 PM: 0 of 1 recorded Roster not taken/i);
  expect(await main(page)).toContain('One class has ended without a complete roster');
  await expectAccessible(page);

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

  // A correction needs a reason (the page's check), then is recorded and appears in the history.
  await page.getByRole('button', { name: 'Correct the record' }).click();
  await page.getByRole('link', { name: 'Give the reason for the correction.' }).waitFor();
  await page.getByRole('link', { name: 'Choose the corrected mark.' }).waitFor();
  await expectAccessible(page);
  await choose(page.getByRole('group', { name: 'Corrected mark' }), 'Present');
  await page.getByLabel(/Reason for the correction/).fill('The meeting report shows she was there from 9:00');
  await page.getByRole('button', { name: 'Correct the record' }).click();
  await expectStatus(page, 'Attendance of Robin Park corrected.');
  const history = page.locator('table', { hasText: 'Recorded and corrected' });
  await history.getByText('Corrected Robin Park: Partial (30 minutes missed) → Present').waitFor();
  await history.getByText('The meeting report shows she was there from 9:00').waitFor();
  expect(await main(page)).toMatch(/Robin Park\s+\S.*\s+Present/);
  await expectAccessible(page);
  await screenshot(page, 'ads-roster');

  // The API kept it: the learner's attendance reads present.
  const mine = await callApi(`/me/applications/${learner.applicationId}/attendance`, { token: learner.token });
  expect(mine.body.classes[0].status).toBe('present');

  // A date with no class, and another iteration's id: the page says so.
  await page.goto(`/ads/iterations/${learner.iterationId}/classes/2027-02-03`);
  await page.getByText('This iteration has no live class that day.').waitFor();
  await expectAccessible(page);
  await page.goto('/ads/iterations/it_00000000000000000000000000/course-work');
  await page.locator('.usa-alert--error').waitFor();
  await expectAccessible(page);
}, 90_000);

test("the roster by import: the meeting's participant report read, the proposal shown, nothing recorded until confirmed", async () => {
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

  // Zoom's export (the route's fixture), the class's date, one participant being this learner (email in capitals).
  const report = readFileSync(join(__dirname, '..', 'fixtures', 'meeting-reports', 'zoom-participants.csv'), 'utf8')
    .replaceAll('02/02/2027', '02/09/2027')
    .replace('Ann Lee,ANN.LEE@provider.example.org', `Robin Park,${learner.email.toUpperCase()}`);
  await file.setInputFiles({ name: 'participants.csv', mimeType: 'text/csv', buffer: Buffer.from(report) });
  await page.getByLabel('Tolerance (minutes)').fill('10');
  await page.getByRole('button', { name: 'Read the report' }).click();
  await expectStatus(page, /Report read: 1 learner matched, \d+ participants unmatched/);
  const proposal = page.locator('table', { hasText: 'Proposal per enrolled learner' });
  expect(await proposal.innerText()).toMatch(/Robin Park\s+Robin Park, .*\s+by email\s+180 \/ 0\s+Present/i);
  const unmatched = await page.locator('table', { hasText: 'matching no enrolled learner' }).innerText();
  expect(unmatched).toContain('Guest Speaker');
  expect(unmatched).toContain('ADS Trainer');
  expect(await main(page)).toContain('with a tolerance of 10 minutes');
  await expectAccessible(page);
  await screenshot(page, 'ads-roster-import');

  // Nothing recorded yet; the marks come from the proposal and are confirmed through the roster.
  const grid = await callApi(`/ads/iterations/${learner.iterationId}/attendance`, {
    token: await tokenOf('ads-staff'),
  });
  expect(grid.body.learners[0].attendance[SECOND]).toBeNull();
  await page.getByRole('button', { name: 'Confirm attendance of 1 learner' }).click();
  await expectStatus(page, 'Attendance recorded for 1 learner.');
  await page.getByRole('heading', { name: 'Recorded' }).waitFor();
  const mine = await callApi(`/me/applications/${learner.applicationId}/attendance`, { token: learner.token });
  expect(mine.body.classes[1].status).toBe('present');
  await expectAccessible(page);
}, 60_000);

test('homework: review one complete, an extension with a reason; then the board, issuing and revoking', async () => {
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

  // The board before the second assignment is reviewed: exactly what is missing; an exception needs a reason.
  await page.goto(`/ads/iterations/${learner.iterationId}/qualification`);
  await page.getByRole('heading', { level: 2, name: 'Robin Park: does not qualify yet' }).waitFor();
  expect(await main(page)).toContain('Assignment "Job development plan"');
  await page.getByText('Certify Robin Park by exception').click();
  await page.getByRole('button', { name: 'Issue certifications' }).click();
  await page.getByRole('link', { name: 'Give the reason for certifying Robin Park by exception.' }).waitFor();
  await expectAccessible(page);
  await screenshot(page, 'ads-qualification-board');

  // The second assignment marked complete through the API (the second class was recorded by the import).
  await callApi(
    `/ads/iterations/${learner.iterationId}/homework/${plan.assignmentId}/${learner.applicationId}/review`,
    {
      method: 'POST',
      token: await tokenOf('ads-staff'),
      json: { status: 'complete' },
    },
  );

  await setClock('2027-02-16T10:00:00-05:00');
  await page.goto(`/ads/iterations/${learner.iterationId}/qualification`);
  await page.getByRole('heading', { level: 2, name: 'Robin Park: qualifies' }).waitFor();
  expect(await main(page)).toContain('1 of 1 enrolled learners qualify');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Issue certifications' }).click();
  await expectStatus(page, '1 learner certified, 0 not certified.');
  const issued = page.locator('section', { hasText: 'Issued' });
  expect(await issued.innerText()).toMatch(/Robin Park: CT-CE-/);
  await expectAccessible(page);
  await screenshot(page, 'ads-issuing');

  // Revoke one: the reason is required; revoking again is refused by the API.
  await issued.getByRole('link', { name: 'Robin Park' }).click();
  await page.getByRole('heading', { level: 1, name: 'Certifications: Robin Park' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Change', { exact: true }).selectOption('revoke');
  await page.getByRole('button', { name: 'Change the standing' }).click();
  await page.getByRole('link', { name: 'Give the reason.' }).waitFor();
  await page.getByLabel(/^Reason/).fill('Certified in error: attendance was misrecorded');
  await page.getByRole('button', { name: 'Change the standing' }).click();
  await expectStatus(page, /is now revoked/);
  await page.getByText(/revoked, because: Certified in error/).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Change', { exact: true }).selectOption('reinstate');
  await page.getByLabel(/^Reason/).fill('Try to undo');
  await page.getByRole('button', { name: 'Change the standing' }).click();
  await page.locator('.usa-alert--error', { hasText: /cannot be reinstated/ }).waitFor();
  await expectAccessible(page);
  await screenshot(page, 'ads-certificate-standing');
}, 90_000);
