/**
 * The learner's pages: my classes (join links, attendance, the calendar subscription), homework (hand in, the
 * server's stamp, on time or late, ADS's feedback), can I still qualify, my certifications and their verification
 * pages — and their error states. One seeded iteration for the file (test/web/enrolment.ts); the tests run in order,
 * moving the local clock through the course.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { type Learner, seedEnrolment, takeAttendance, WINTER } from './enrolment';
import {
  callApi,
  expectAccessible,
  expectNoAxeViolations,
  expectStatus,
  openPage,
  screenshot,
  setClock,
  tokenOf,
  useBrowser,
} from './support';

const browser = useBrowser();
const TITLE = 'Winter 2027 (learning)';
let learner: Learner;
let other: Learner;

beforeAll(async () => {
  ({ learner, other } = await seedEnrolment(TITLE));
}, 120_000);
afterAll(() => setClock());

/** Opens a signed-in page: its address shows the sign-in form, and after signing in, the page itself. */
async function signedIn(who: Learner, path: string, heading: string | RegExp): Promise<Page> {
  const page = await openPage(browser(), path);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  return page;
}
const main = (page: Page) => page.locator('main').innerText();
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');
const homeworkOf = async (who: Learner) =>
  (await callApi(`/me/applications/${who.applicationId}/homework`, { token: who.token })).body.items as {
    assignmentId: string;
    title: string;
  }[];

test('my classes: dates in Connecticut time, join links, attendance so far; the calendar subscription made, used and stopped', async () => {
  await takeAttendance(learner, WINTER.classes[0]!, 'present');
  await setClock('2027-02-03T10:00:00-05:00');
  const page = await signedIn(learner, '/classes', 'My classes');
  await page.getByRole('heading', { name: TITLE }).waitFor();
  const text = await main(page);
  expect(text).toContain('Live classes (Connecticut time)');
  expect(text).toContain('Tuesday, February 2, 2027, 9:00 AM–12:00 PM');
  expect(text).toContain('Tuesday, February 9, 2027, 9:00 AM–12:00 PM');
  expect(text).toMatch(/February 2, 2027, 9:00 AM–12:00 PM\s+Join the class[^\n]*\s+Attendance: Present/);
  expect(text).toMatch(/February 9, 2027, 9:00 AM–12:00 PM\s+Join the class[^\n]*\s+Attendance: Not recorded yet/);
  const joins = page.locator('a.join-link');
  await expect(joins.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))).resolves.toEqual([
    WINTER.joinUrl,
    WINTER.secondClassJoinUrl,
  ]);
  await page.getByText('You have no calendar subscription.').waitFor();
  await expectAccessible(page);
  await screenshot(page, 'my-classes');

  await page.getByRole('button', { name: 'Make my calendar address' }).click();
  const address = page.getByLabel(/Your calendar subscription address/);
  await address.waitFor();
  await expectStatus(page, 'Your calendar subscription address is ready');
  const url = await address.inputValue();
  expect(url).toMatch(/\/calendar-feeds\/[A-Za-z0-9_-]{43}\/calendar\.ics$/);
  await expectAccessible(page);
  await screenshot(page, 'my-classes-calendar');

  // The address works through the web origin and carries the join links; the page no longer shows it after a reload.
  const feed = await fetch(url);
  expect(feed.status).toBe(200);
  expect(await feed.text()).toContain(WINTER.secondClassJoinUrl);
  await page.reload();
  await page.getByText(/You have a calendar subscription, made .* \(Connecticut time\)/).waitFor();
  await expect(page.getByLabel(/Your calendar subscription address/).count()).resolves.toBe(0);

  await page.getByRole('button', { name: 'Stop my calendar subscription' }).click();
  await expectStatus(page, 'Your calendar subscription is stopped');
  await page.getByText('You have no calendar subscription.').waitFor();
  expect((await fetch(url)).status).toBe(404);
  await expectAccessible(page);
  await page.context().close();
}, 90_000);

test('homework: deadlines in Connecticut time; hand in with field errors (page and API), the server stamp on time; ADS feedback shown', async () => {
  await setClock('2027-02-08T20:00:00-05:00');
  const page = await signedIn(learner, '/classes', 'My classes');
  await page.getByRole('link', { name: `Homework for ${TITLE}` }).click();
  await page.getByRole('heading', { level: 1, name: `Homework: ${TITLE}` }).waitFor();
  await page.getByRole('heading', { name: 'Job development plan' }).waitFor();
  const list = await main(page);
  expect(list).toContain('Deadline: Monday, February 8, 2027 at 11:59 PM (Connecticut time).');
  expect(list).toContain('Deadline: Friday, February 12, 2027 at 5:00 PM (Connecticut time).');
  expect(list.match(/Not handed in yet\./g)).toHaveLength(2);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Hand in: Discovery profile' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hand in: Discovery profile' }).waitFor();
  await expectAccessible(page);

  // Nothing given: the page's own check, on the text field, with focus on the summary.
  await page.getByRole('button', { name: 'Hand in' }).click();
  await page.locator('#field-text-error').waitFor();
  expect(await focusedText(page)).toContain('There is a problem with what you entered');
  await expectAccessible(page);

  // A link that is not a URL: the API's 400 field list lands on the link field.
  await page.getByLabel('Your work', { exact: true }).fill('My discovery profile of J., with the interviews.');
  await page.getByLabel('Link to your work (optional)').fill('not a link');
  await page.getByRole('button', { name: 'Hand in' }).click();
  await page.locator('#field-link-error').waitFor();
  await expect(page.getByLabel('Link to your work (optional)').getAttribute('aria-invalid')).resolves.toBe('true');
  expect(await focusedText(page)).toContain('There is a problem with what you entered');
  await expectAccessible(page);
  await screenshot(page, 'hand-in-errors');

  await page.getByLabel('Link to your work (optional)').fill('https://docs.example.org/discovery-profile');
  await page.getByRole('button', { name: 'Hand in' }).click();
  const stamp = 'Handed in Monday, February 8, 2027 at 8:00 PM (Connecticut time): on time.';
  await page.locator('main').getByText(stamp).waitFor();
  await expectStatus(page, stamp);
  await page.getByText('Waiting for ADS to review it.').waitFor();
  await expectAccessible(page);
  await screenshot(page, 'hand-in');

  // ADS returns it with feedback: the learner reads it on the homework page.
  const discovery = (await homeworkOf(learner)).find((h) => h.title === 'Discovery profile')!;
  const review = await callApi(
    `/ads/iterations/${learner.iterationId}/homework/${discovery.assignmentId}/${learner.applicationId}/review`,
    {
      method: 'POST',
      token: await tokenOf('ads-staff'),
      json: { status: 'returned', feedback: 'Add the employer contacts you made.' },
    },
  );
  expect(review.status).toBe(200);
  await page.getByRole('link', { name: 'Back to all homework' }).click();
  await page.getByRole('heading', { level: 1, name: `Homework: ${TITLE}` }).waitFor();
  await page.getByText('Feedback from ADS: Add the employer contacts you made.').waitFor();
  expect(await main(page)).toContain('ADS returned it for rework Monday, February 8, 2027 at 8:00 PM');
  await expectAccessible(page);
  await screenshot(page, 'homework');
  await page.context().close();
}, 90_000);

test('can I still qualify: yes, with exactly what is still to do; then no, after an absence and a late hand-in', async () => {
  const page = await signedIn(learner, `/learning/${learner.applicationId}/qualification`, /Can I still qualify\?/);
  await page.getByRole('heading', { name: 'Yes, you can still qualify' }).waitFor();
  const before = await main(page);
  expect(before).toContain(
    'Live class of Tuesday, February 9, 2027, 9:00 AM–12:00 PM (Connecticut time): class still to come.',
  );
  expect(before).toContain('Assignment "Discovery profile": returned for rework.');
  expect(before).toContain('Assignment "Job development plan": not submitted yet (not yet due).');
  expect(before).not.toContain('February 2, 2027');
  await expectAccessible(page);
  await screenshot(page, 'qualification');

  // Absent from the second class, and the plan handed in (through the page) after its deadline.
  await takeAttendance(learner, WINTER.classes[1]!, 'absent');
  await setClock('2027-02-13T09:30:00-05:00');
  const plan = (await homeworkOf(learner)).find((h) => h.title === 'Job development plan')!;
  await page.goto(`/learning/${learner.applicationId}/homework/${plan.assignmentId}`);
  await page.getByRole('heading', { level: 1, name: 'Hand in: Job development plan' }).waitFor();
  await page.getByLabel('Your work', { exact: true }).fill('My job development plan.');
  await page.getByRole('button', { name: 'Hand in' }).click();
  const late = 'Handed in Saturday, February 13, 2027 at 9:30 AM (Connecticut time): late (after the deadline).';
  await page.locator('main').getByText(late).waitFor();
  await expectAccessible(page);

  await page.goto(`/learning/${learner.applicationId}/qualification`);
  await page.getByRole('heading', { name: 'No: you can no longer qualify in this course' }).waitFor();
  const after = await main(page);
  expect(after).toContain('Live class of Tuesday, February 9, 2027, 9:00 AM–12:00 PM (Connecticut time): absent.');
  expect(after).toContain('Assignment "Job development plan": submitted after the deadline.');
  await expectAccessible(page);
  await screenshot(page, 'qualification-lost');
  await page.context().close();
}, 90_000);

test('my certifications: each stage with its state in words and its verification page (server-rendered, checked by axe in the browser)', async () => {
  const ads = await tokenOf('ads-staff');
  const issued = await callApi(`/ads/iterations/${learner.iterationId}/certifications`, {
    method: 'POST',
    token: ads,
    json: { exceptions: [{ applicationId: learner.applicationId, reason: 'Medical absence; work made up with ADS.' }] },
  });
  expect(issued.status).toBe(200);
  const numbers = issued.body.issued[0].certificates.map((c: { number: string }) => c.number) as string[];
  expect(numbers).toHaveLength(3);
  const suspended = await callApi(`/ads/certificates/${numbers[1]}/standing`, {
    method: 'POST',
    token: ads,
    json: { action: 'suspend', reason: 'Under review.' },
  });
  expect(suspended.status).toBe(200);

  const page = await signedIn(learner, '/certifications', 'My certifications');
  await page.locator('section.certificate').nth(2).waitFor();
  const text = await main(page);
  for (const number of numbers) expect(text).toContain(number);
  await expect(page.locator('main .usa-tag').allTextContents()).resolves.toEqual(['Active', 'Suspended', 'Active']);
  expect(text).toContain('Not active: you may not provide the services of this stage under it.');
  expect(text).toContain('Issued on\nFebruary 13, 2027');
  expect(text).toContain('Expires on\nFebruary 13, 2030 (the first day it is no longer active)');
  await expectAccessible(page);
  await screenshot(page, 'my-certifications');

  // Each certificate's PDF and signed credential, the stage named on the button and in the document; by keyboard.
  const suspendedCard = page.locator('section.certificate').nth(1);
  const stage = (await suspendedCard.getByRole('heading', { level: 2 }).innerText()).trim();
  const pdfButton = suspendedCard.getByRole('button', { name: `Download the ${stage} certificate (PDF)` });
  await pdfButton.focus();
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(pdf.suggestedFilename()).toBe(`${numbers[1]}.pdf`);
  const pdfText = execFileSync('pdftotext', [await pdf.path(), '-'], { encoding: 'utf8' });
  expect(pdfText).toContain(stage);
  expect(pdfText).toContain(numbers[1]);
  expect(pdfText).toMatch(/Not valid/);
  await expectStatus(page, `The ${stage} certificate PDF is downloaded.`);
  const [jwt] = await Promise.all([
    page.waitForEvent('download'),
    suspendedCard
      .getByRole('button', { name: `Download the ${stage} signed credential (JWT, for a digital wallet)` })
      .click(),
  ]);
  expect(jwt.suggestedFilename()).toBe(`${numbers[1]}.jwt`);
  const parts = readFileSync(await jwt.path(), 'utf8').split('.');
  expect(parts).toHaveLength(3);
  const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  expect(JSON.stringify(payload)).toContain('Robin Park');
  expect(JSON.stringify(payload)).toContain(stage);
  await expectStatus(page, `The ${stage} signed credential is downloaded.`);
  await expect(page.getByRole('button', { name: /Download the .* certificate \(PDF\)/ }).count()).resolves.toBe(3);
  await expectAccessible(page);

  await page.getByRole('link', { name: `Verification page of certificate ${numbers[1]}` }).click();
  await page.waitForURL(`**/verify/${numbers[1]}`);
  await page.getByRole('heading', { name: 'Status: Suspended' }).waitFor();
  expect(await main(page)).toContain('Robin Park');
  await expectAccessible(page);
  await screenshot(page, 'my-certificate-verified');
  await page.context().close();
}, 90_000);

test("error states: someone else's application is not found; a learner not enrolled has no classes, homework or qualification; no certification yet", async () => {
  const page = await signedIn(other, '/classes', 'My classes');
  await page.getByText('You are not enrolled in a course yet.').waitFor();
  await expectAccessible(page);

  await page.goto(`/learning/${learner.applicationId}/homework`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.innerText()).toMatch(/not found/i);
  await expectAccessible(page);
  await screenshot(page, 'homework-not-found');

  await page.goto(`/learning/${learner.applicationId}/homework/anything`);
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').innerText()).toMatch(/not found/i);

  await page.goto(`/learning/${other.applicationId}/qualification`);
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').innerText()).toMatch(/homework and attendance are for enrolled learners/);
  await expectAccessible(page);

  await page.goto('/certifications');
  await page.getByText('You hold no certification yet.').waitFor();
  await expectAccessible(page);
  await page.context().close();

  // The learner's own page for an assignment that is not in the course.
  const own = await signedIn(
    learner,
    `/learning/${learner.applicationId}/homework/no-such-assignment`,
    'Hand in homework',
  );
  await own.getByText('There is no such assignment in this course.').waitFor();
  await expectNoAxeViolations(own);
  await own.context().close();
}, 90_000);
