import type { Page } from 'playwright-core';
import {
  allocateSeats,
  applicantToken,
  authoriseSupervisor,
  DURING_WINDOW,
  endorseFromEmail,
  seedApplication,
  seedCourse,
  seedProfile,
} from './journey';
import {
  callApi,
  expectAccessible,
  expectStatus,
  newApplicant,
  openPage,
  screenshot,
  setClock,
  tokenOf,
  useBrowser,
  waitForEmail,
} from './support';
import { plan } from '../support/plan';

const browser = useBrowser();
let course: Awaited<ReturnType<typeof seedCourse>>;

beforeAll(async () => {
  await setClock(DURING_WINDOW);
  course = await seedCourse('Spring 2027 (applying)');
}, 60_000);
afterAll(() => setClock());

/** USWDS draws its own checkbox (the input is visually hidden): people click the label. */
const tick = (page: Page, label: string | RegExp) => page.locator('label', { hasText: label }).click();
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

async function signedIn(path: string, who: { email: string; password: string }) {
  const page = await openPage(browser(), path);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}

test("apply: without a profile the page says so and links it; with one, the regions are the provider's, the checks and the API's field errors land on the fields, and the application is sent", async () => {
  const who = await newApplicant('applier');
  const page = await signedIn('/applications', who);
  await page.getByText('You have not applied yet.').waitFor();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'See the courses open for applications' }).click();
  await page.getByRole('heading', { name: course.title }).waitFor();
  await page.getByRole('link', { name: `Apply to ${course.title}` }).click();
  await page.getByRole('heading', { name: 'Complete your profile first' }).waitFor();
  await expectAccessible(page);
  await expect(page.getByRole('link', { name: 'complete your profile' }).getAttribute('href')).resolves.toBe(
    '/profile',
  );

  const supervisor = await seedProfile(await applicantToken(who.email, who.password), course.providerId, 'Ada Applier');
  await page.reload();
  await page.getByLabel('DDS region whose seat you apply for').waitFor();
  const regions = await page.getByLabel('DDS region whose seat you apply for').locator('option').allInnerTexts();
  expect(regions).toEqual(['- Choose a region -', 'North (4 seats)', 'West (2 seats)']);
  await expect(page.locator('main').innerText()).resolves.toContain(
    'Applications close Friday, January 15, 2027 at 5:00 PM (Connecticut time).',
  );

  // Nothing chosen: the page's own checks, one per field, the summary focused.
  await page.getByRole('button', { name: 'Send my application' }).click();
  await page.getByRole('alert').waitFor();
  expect(await focusedText(page)).toContain('There is a problem with what you entered');
  for (const id of [
    'field-region-error',
    'field-acknowledgement-attendAllLiveClasses-error',
    'field-acknowledgement-homeworkByDeadlines-error',
    'field-futureStaffPlanned-error',
  ])
    await page.locator(`#${id}`).waitFor();
  await expectAccessible(page);
  await screenshot(page, 'apply-errors');

  // A figure the API refuses (over 1000): its 400 field list lands on the field.
  await page.getByLabel('DDS region whose seat you apply for').selectOption('West');
  await tick(page, /attend and take part in every live class/);
  await tick(page, /complete every homework assignment/);
  await page.getByLabel(/How many staff/).fill('5000');
  await page.getByRole('button', { name: 'Send my application' }).click();
  await page.locator('#field-futureStaffPlanned-error').waitFor();
  await expect(page.locator('#field-region-error').count()).resolves.toBe(0);
  await expect(page.getByLabel(/How many staff/).getAttribute('aria-invalid')).resolves.toBe('true');
  await expectAccessible(page);

  await page.getByLabel(/How many staff/).fill('2');
  await page.getByRole('button', { name: 'Send my application' }).click();
  await page.getByRole('heading', { name: `Application: ${course.title}` }).waitFor();
  await expectStatus(page, 'Your application is sent');
  const main = await page.locator('main').innerText();
  expect(main).toContain('Waiting for your supervisor to endorse it');
  expect(main).toMatch(new RegExp(`Sam Supervisor \\(${supervisor.replace(/[.]/g, '\\.')}\\) was emailed a link`));
  expect(main).toContain('before applications close Friday, January 15, 2027 at 5:00 PM (Connecticut time)');
  expect(main).toContain('West region');
  await expectAccessible(page);
  await screenshot(page, 'application-endorsement-pending');

  // The list shows it; the page is its own address.
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Your applications' }).click();
  await page.getByRole('link', { name: course.title }).waitFor();
  await expect(page.locator('main').innerText()).resolves.toContain('Waiting for your supervisor to endorse it');
  await expectAccessible(page);
  await page.context().close();
}, 120_000);

test('a recertification course says who may apply before the form, and why not; admitted, the form asks no homework promise of a course without homework', async () => {
  const ads = await tokenOf('ads-staff');
  const created = await callApi('/ads/iterations', {
    method: 'POST',
    token: ads,
    json: plan({
      kind: 'recertification',
      title: 'Recertification 2027 (applying)',
      seats: { North: 1, South: 0, West: 3 },
      assignments: [],
    }),
  });
  expect(created.status).toBe(201);
  const iterationId = created.body.id as string;
  expect((await callApi(`/ads/iterations/${iterationId}/publish`, { method: 'POST', token: ads })).status).toBe(200);
  const who = await newApplicant('recertifier');
  await seedProfile(await applicantToken(who.email, who.password), course.providerId, 'Rey Recert');
  const page = await signedIn(`/iterations/${iterationId}/apply`, who);
  await page.getByRole('heading', { name: 'You cannot apply to this course' }).waitFor();
  const text = await page.locator('main').innerText();
  // The periods are ADS's settings of the moment (another test of this stack may have saved others).
  const settings = (await callApi('/ads/settings/lifecycle', { token: ads })).body;
  expect(text).toContain(
    `A recertification course is for holders of a certification from ${settings.renewalWindowMonths} months before it expires, in its grace period (${settings.graceDays} days) or after it expired`,
  );
  expect(text).toContain('You hold no certification that can be renewed.');
  expect(text).toContain('ADS can admit you, with a reason.');
  expect(await page.getByRole('button', { name: 'Send my application' }).count()).toBe(0);
  await expectAccessible(page);

  const personId = (await callApi(`/ads/people?email=${encodeURIComponent(who.email)}`, { token: ads })).body.items[0]
    .personId;
  const admitted = await callApi(`/ads/iterations/${iterationId}/admissions/${encodeURIComponent(personId)}`, {
    method: 'PUT',
    token: ads,
    json: { reason: 'Certified in Massachusetts; moving to CT' },
  });
  expect(admitted.status).toBe(200);
  await page.reload();
  await page.getByRole('heading', { name: 'You may apply to this recertification course' }).waitFor();
  expect(await page.locator('main').innerText()).toContain('ADS admitted you to this recertification course.');
  const regions = await page.getByLabel('DDS region whose seat you apply for').locator('option').allInnerTexts();
  expect(regions).toEqual(['- Choose a region -', 'North (1 seat)', 'West (3 seats)']);
  expect(await page.getByLabel(/complete every homework assignment/).count()).toBe(0);
  await page.getByText('This course has no homework.').waitFor();
  await page.getByLabel('DDS region whose seat you apply for').selectOption('North');
  await tick(page, /attend and take part in every live class/);
  await page.getByLabel(/How many staff/).fill('0');
  await page.getByRole('button', { name: 'Send my application' }).click();
  await page.getByRole('heading', { name: 'Application: Recertification 2027 (applying)' }).waitFor();
  await expectAccessible(page);
  await page.context().close();
}, 90_000);

test("an application's page: resend the link until the limit (429 in words), another supervisor (field errors, then sent), withdraw after confirming; someone else's application is not found", async () => {
  const who = await newApplicant('changer');
  const token = await applicantToken(who.email, who.password);
  await seedProfile(token, course.providerId, 'Cal Changer');
  const id = await seedApplication(token, course.iterationId);
  const page = await signedIn(`/applications/${id}`, who);
  await page.getByRole('heading', { name: `Application: ${course.title}` }).waitFor();

  await page.getByRole('button', { name: 'Email the endorsement link again' }).click();
  await expectStatus(page, /A new endorsement link was emailed to .*The earlier link no longer works/);

  await page.getByRole('button', { name: 'Name another supervisor' }).click();
  await expect(focusedText(page)).resolves.toBe('Name another supervisor');
  await page.getByLabel("Supervisor's name").fill('Pat Other');
  await page.getByLabel("Supervisor's email").fill('not-an-email');
  await page.getByRole('button', { name: 'Send the link to this supervisor' }).click();
  await page.locator('#field-supervisor-email-error').waitFor();
  expect(await focusedText(page)).toContain('There is a problem with what you entered');
  await expectAccessible(page);
  const other = `pat.other.${Date.now()}@provider.example.org`;
  await authoriseSupervisor(course.providerId, other, 'Pat Other');
  await page.getByLabel("Supervisor's email").fill(other);
  await page.getByRole('button', { name: 'Send the link to this supervisor' }).click();
  await expectStatus(page, 'Pat Other was emailed a link to endorse your application.');
  await page.getByText(new RegExp(`Pat Other \\(${other.replace(/[.]/g, '\\.')}\\) was emailed a link`)).waitFor();
  await waitForEmail(other, /Please endorse/);

  // The third send after the first is allowed, the fourth is refused with the wait in words.
  await page.getByRole('button', { name: 'Email the endorsement link again' }).click();
  await expectStatus(page, /A new endorsement link was emailed/);
  await page.getByRole('button', { name: 'Email the endorsement link again' }).click();
  await page.getByRole('heading', { name: 'The link was sent too many times today' }).waitFor();
  await expect(page.getByRole('alert').innerText()).resolves.toMatch(
    /You can send it again in (23 hours and \d+ minutes|24 hours)\./,
  );
  await expectAccessible(page);
  await screenshot(page, 'application-resend-limit');

  // Withdrawing asks first; "No" keeps it.
  await page.getByRole('button', { name: 'Withdraw this application' }).click();
  await expect(focusedText(page)).resolves.toBe(`Withdraw your application to ${course.title}?`);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'No, keep it' }).click();
  await expect(page.getByRole('button', { name: 'Yes, withdraw it' }).count()).resolves.toBe(0);
  await page.getByRole('button', { name: 'Withdraw this application' }).click();
  await page.getByRole('button', { name: 'Yes, withdraw it' }).click();
  await expectStatus(page, 'Your application is withdrawn.');
  const main = await page.locator('main').innerText();
  expect(main).toContain('Status: Withdrawn');
  expect(main).toMatch(/Closed .* \(Connecticut time\): withdrawn by the applicant\./);
  await expect(page.getByRole('button', { name: 'Withdraw this application' }).count()).resolves.toBe(0);
  await expect(page.getByRole('button', { name: 'Email the endorsement link again' }).count()).resolves.toBe(0);
  await expectAccessible(page);

  // Someone else's application: 404 from the API, shown as such.
  const stranger = await newApplicant('stranger');
  const theirs = await signedIn(`/applications/${id}`, stranger);
  await theirs.getByRole('alert').waitFor();
  await expect(theirs.getByRole('alert').innerText()).resolves.toMatch(/not found/i);
  await expect(theirs.locator('main').innerText()).resolves.not.toContain('Cal Changer');
  await expectAccessible(theirs);
  await theirs.context().close();
  await page.context().close();
}, 120_000);

test('an offer: the agreement with the deadline in Connecticut time; signing needs every part; accepting says the co-sign link went out; declining asks first', async () => {
  const taker = await newApplicant('taker');
  const decliner = await newApplicant('decliner');
  const takerToken = await applicantToken(taker.email, taker.password);
  const declinerToken = await applicantToken(decliner.email, decliner.password);
  const offerCourse = await seedCourse('Summer 2027 (offers)');
  const takerSupervisor = await seedProfile(takerToken, offerCourse.providerId, 'Tia Taker');
  const declinerSupervisor = await seedProfile(declinerToken, offerCourse.providerId, 'Dan Decliner');
  const takerId = await seedApplication(takerToken, offerCourse.iterationId, 'North');
  const declinerId = await seedApplication(declinerToken, offerCourse.iterationId, 'West');
  await endorseFromEmail(takerSupervisor);
  await endorseFromEmail(declinerSupervisor);
  await allocateSeats(offerCourse.iterationId);

  const page = await signedIn(`/applications/${takerId}`, taker);
  await page.getByText('Seat offered: answer by the deadline').waitFor();
  expect(await page.locator('main').innerText()).toContain(
    'accept or decline by Thursday, December 17, 2026 at 10:00 AM (Connecticut time)',
  );
  await expectAccessible(page);
  await screenshot(page, 'application-offer');
  await page.getByRole('link', { name: 'Read the training agreement and answer the offer' }).click();
  await page.getByRole('heading', { name: `CE Provider Training Agreement — ${offerCourse.title}` }).waitFor();
  const text = await page.locator('main').innerText();
  expect(text).toContain('Accept or decline by Thursday, December 17, 2026 at 10:00 AM (Connecticut time).');
  expect(text).toContain('Tuesday, February 2, 2027, 9:00 AM–12:00 PM (Connecticut time)');
  expect(text).toContain('Discovery profile: due Monday, March 15, 2027 at 11:59 PM (Connecticut time)');
  await expectAccessible(page);

  await tick(page, 'I will attend every live class listed above.');
  await page.getByRole('button', { name: 'Accept the seat and sign' }).click();
  await page.locator('#field-agreement-responsibilities-error').waitFor();
  await page.locator('#field-agreement-attendancePolicy-error').waitFor();
  await expect(page.locator('#field-agreement-courseDates-error').count()).resolves.toBe(0);
  await expectAccessible(page);
  await tick(page, 'I accept the responsibilities above.');
  await tick(page, 'I accept the attendance policy above.');
  await page.getByRole('button', { name: 'Accept the seat and sign' }).click();
  await page.getByRole('heading', { name: 'You accepted the seat and signed the agreement' }).waitFor();
  expect(await page.locator('main').innerText()).toContain(
    `We emailed Sam Supervisor (${takerSupervisor}) a link to co-sign it. It must be co-signed by Thursday, December 17, 2026 at 10:00 AM (Connecticut time)`,
  );
  await waitForEmail(takerSupervisor, /co-sign/i);
  await expect(page.getByRole('button', { name: 'Accept the seat and sign' }).count()).resolves.toBe(0);
  await expectAccessible(page);
  await screenshot(page, 'agreement-accepted');
  await page.context().close();

  const other = await signedIn(`/applications/${declinerId}/agreement`, decliner);
  await other.getByRole('button', { name: 'Decline the seat' }).click();
  await expect(focusedText(other)).resolves.toBe(`Decline the seat in ${offerCourse.title}?`);
  await expectAccessible(other);
  await other.getByRole('button', { name: 'Yes, decline the seat' }).click();
  await other.getByRole('heading', { name: 'You declined the seat' }).waitFor();
  await expectStatus(other, 'You declined the seat.');
  const after = await callApi(`/me/applications/${declinerId}`, { token: declinerToken });
  expect(after.body.status).toBe('declined');
  await expectAccessible(other);

  // An application with no offer has no agreement: the API's 409 is shown, with the way back.
  const unoffered = await seedApplication(declinerToken, course.iterationId);
  await other.goto(`/applications/${unoffered}/agreement`);
  await other.getByRole('alert').waitFor();
  await expect(other.getByRole('alert').innerText()).resolves.toContain(
    'There is no agreement before a seat is offered.',
  );
  await other.getByRole('link', { name: 'Back to the application' }).waitFor();
  await expectAccessible(other);
  await other.context().close();
}, 120_000);
