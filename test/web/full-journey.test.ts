/**
 * The whole course in the browser, as the people in it walk it, with the local clock moved between the steps:
 * the applicant signs in, fills in the profile and applies; the supervisor opens the emailed link (the address the
 * email prints, on the web origin) and endorses; ADS allocates; the applicant reads the training agreement and
 * accepts; the supervisor co-signs from the second email; the learner sees the classes and hands in the homework;
 * ADS takes attendance and reviews; the learner's "can I still qualify?" says yes; ADS issues; the learner opens
 * the certificate's verification page from "My certifications". ADS's own steps go through the API here (the ADS
 * console has its own tests); every page a person sees is checked by axe-core.
 */
import type { Browser, Page } from 'playwright-core';
import { allocateSeats, applicantToken, authoriseSupervisor } from './journey';
import {
  callApi,
  expectAccessible,
  newApplicant,
  openPage,
  setClock,
  stack,
  tokenOf,
  uniqueEmail,
  useBrowser,
  waitForEmail,
} from './support';

const browser = useBrowser();
afterAll(() => setClock());

const TITLE = 'Summer 2027 (journey)';
const CLASSES = ['2027-02-02', '2027-02-09'];

/** The address an email prints for the supervisor: on the web origin, as people click it. */
async function emailedLink(to: string, subject: RegExp): Promise<string> {
  const text = (await waitForEmail(to, subject)).body.text ?? '';
  const url = text.match(/https?:\/\/\S+\/links\/[A-Za-z0-9_-]{43}/)?.[0];
  if (!url) throw new Error(`no link in the email "${subject}"`);
  expect(url.startsWith(`${stack().webUrl}/links/`)).toBe(true);
  return url;
}

/** The supervisor (no account) opens the link in their own browser and presses the one button. */
async function supervisorConfirms(b: Browser, url: string, heading: string, button: string) {
  const context = await b.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: button }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await expectAccessible(page);
  const answer = (await page.locator('main').textContent()) ?? '';
  await context.close();
  return answer;
}

/** Ticks a USWDS checkbox the way a person does, by its label, and checks that it took. */
async function tick(page: Page, label: RegExp) {
  await page.locator('label', { hasText: label }).click();
  await expect(page.getByLabel(label).isChecked()).resolves.toBe(true);
}

const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

test('apply → endorse (emailed link) → offer → agreement → co-sign → classes → homework → qualification → certificate → verify', async () => {
  await setClock('2026-12-10T10:00:00-05:00');
  const ads = await tokenOf('ads-staff');
  const provider = await callApi('/ads/providers', {
    method: 'POST',
    token: ads,
    json: {
      name: 'Journey Supports',
      regions: ['South'],
      contractsWithAds: 'yes',
      contractsWithDds: 'yes',
      contact: { name: 'Jo Contact', email: uniqueEmail('contact') },
    },
  });
  expect(provider.status).toBe(201);
  const created = await callApi('/ads/iterations', {
    method: 'POST',
    token: ads,
    json: {
      kind: 'initial',
      title: TITLE,
      applicationWindow: { opensAt: '2026-12-01T09:00', closesAt: '2027-01-15T17:00' },
      seats: { North: 0, South: 1, West: 0 },
      liveClasses: CLASSES.map((date) => ({ date })),
      assignments: [{ title: 'Discovery profile', dueAt: '2027-02-08T23:59', component: 'discovery' }],
      joinUrl: 'https://meet.example.org/ce-journey',
    },
  });
  expect(created.status).toBe(201);
  const iterationId = created.body.id as string;
  expect((await callApi(`/ads/iterations/${iterationId}/publish`, { method: 'POST', token: ads })).status).toBe(200);

  // The applicant: an account (sign-up has its own test), then everything else in the browser.
  const { email, password } = await newApplicant('journey');
  const supervisor = uniqueEmail('journey.supervisor');
  await authoriseSupervisor(provider.body.id, supervisor);
  const page = await openPage(browser(), '/profile');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await h1(page, 'Your profile');
  await page.getByLabel('Your name').fill('Jordan Journey');
  await page.getByLabel('Job title').fill('Employment specialist');
  await page.getByLabel('Provider agency').selectOption({ label: 'Journey Supports' });
  await page.getByLabel("Supervisor's name").fill('Sam Supervisor');
  await page.getByLabel("Supervisor's email").fill(supervisor);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText(/Last saved .* \(Connecticut time\)/).waitFor();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Courses' }).click();
  await h1(page, 'Courses open for applications');
  await page.getByRole('link', { name: `Apply to ${TITLE}` }).click();
  await h1(page, `Apply: ${TITLE}`);
  await page.getByLabel(/DDS region/).selectOption('South');
  // USWDS draws its own checkbox: a person clicks the label.
  await tick(page, /attend and take part in every live class/);
  await tick(page, /complete every homework assignment/);
  await page.getByLabel(/How many staff/).fill('1');
  await expectAccessible(page);
  await page.getByRole('button', { name: /Send|Apply/ }).click();
  await h1(page, `Application: ${TITLE}`);
  await page.getByText(/Sam Supervisor \(.*\) was emailed a link to endorse it/).waitFor();
  await expectAccessible(page);

  // The supervisor endorses from the email, on the server-rendered page (no JavaScript needed).
  const endorsed = await supervisorConfirms(
    browser(),
    await emailedLink(supervisor, /Please endorse/),
    'Endorse an application',
    'Endorse this application',
  );
  expect(endorsed).toContain('Jordan Journey');

  // After the window: ADS allocates; the applicant answers the offer.
  await setClock('2027-01-16T09:00:00-05:00');
  await allocateSeats(iterationId);
  await page.reload();
  await page.getByText('Seat offered: answer by the deadline').waitFor();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Read the training agreement and answer the offer' }).click();
  await h1(page, /^CE Provider Training Agreement/);
  for (const part of [/every live class listed above/, /responsibilities above/, /attendance policy above/])
    await tick(page, part);
  await page.getByRole('button', { name: 'Accept the seat and sign' }).click();
  await page.getByRole('heading', { name: 'You accepted the seat and signed the agreement' }).waitFor();
  await expectAccessible(page);

  // The supervisor co-signs from the second email: the learner is enrolled.
  await supervisorConfirms(
    browser(),
    await emailedLink(supervisor, /Training Agreement/),
    'Co-sign a CE Provider Training Agreement',
    'Co-sign the agreement',
  );
  const applicationId = (
    (await callApi('/me/applications', { token: await applicantToken(email, password) })).body.items as {
      id: string;
    }[]
  )[0]!.id;

  // The first class has been held; the learner's classes, then the homework handed in through the page.
  await setClock('2027-02-02T12:10:00-05:00');
  await callApi(`/ads/iterations/${iterationId}/classes/${CLASSES[0]}/attendance`, {
    method: 'POST',
    token: ads,
    json: { entries: [{ applicationId, status: 'present' }] },
  });
  await setClock('2027-02-05T10:00:00-05:00');
  await page.getByRole('link', { name: 'My classes' }).click();
  await h1(page, 'My classes');
  await page
    .getByText(/Tuesday, February 9, 2027, 9:00 AM–12:00 PM/)
    .first()
    .waitFor();
  expect(await page.locator('main a[href="https://meet.example.org/ce-journey"]').count()).toBeGreaterThan(0);
  await expectAccessible(page);

  await page.getByRole('link', { name: `Homework for ${TITLE}` }).click();
  await h1(page, `Homework: ${TITLE}`);
  await page.getByRole('link', { name: 'Hand in: Discovery profile' }).click();
  await h1(page, 'Hand in: Discovery profile');
  await page.getByLabel('Your work', { exact: true }).fill('The discovery profile of J., with the interviews.');
  await page.getByRole('button', { name: 'Hand in' }).click();
  await page
    .locator('main')
    .getByText('Handed in Friday, February 5, 2027 at 10:00 AM (Connecticut time): on time.')
    .waitFor();
  await expectAccessible(page);

  // ADS reviews the work and takes the second class's attendance: the learner qualifies.
  const assignmentId = (
    (await callApi(`/me/applications/${applicationId}/homework`, { token: await applicantToken(email, password) })).body
      .items as { assignmentId: string }[]
  )[0]!.assignmentId;
  const review = await callApi(`/ads/iterations/${iterationId}/homework/${assignmentId}/${applicationId}/review`, {
    method: 'POST',
    token: ads,
    json: { status: 'complete', feedback: 'Thorough interviews.' },
  });
  expect(review.status).toBe(200);
  await setClock('2027-02-09T12:10:00-05:00');
  await callApi(`/ads/iterations/${iterationId}/classes/${CLASSES[1]}/attendance`, {
    method: 'POST',
    token: ads,
    json: { entries: [{ applicationId, status: 'present' }] },
  });
  await page.goto(`/learning/${applicationId}/qualification`);
  await page.getByRole('heading', { name: 'Yes: you qualify for certification' }).waitFor();
  await expectAccessible(page);

  // ADS issues; the learner finds the certificates and opens one's public verification page.
  await setClock('2027-02-10T10:00:00-05:00');
  const issued = await callApi(`/ads/iterations/${iterationId}/certifications`, {
    method: 'POST',
    token: ads,
    json: {},
  });
  expect(issued.status).toBe(200);
  await page.getByRole('link', { name: 'My certifications' }).click();
  await h1(page, 'My certifications');
  await page.locator('section.certificate').first().waitFor();
  await expectAccessible(page);
  const number = (issued.body.issued[0].certificates as { number: string }[])[0]!.number;
  await page.getByRole('link', { name: `Verification page of certificate ${number}` }).click();
  await page.waitForURL(`**/verify/${number}`);
  await page.getByRole('heading', { name: 'Status: Active' }).waitFor();
  expect(await page.locator('main').textContent()).toContain('Jordan Journey');
  await expectAccessible(page);
  await page.context().close();
}, 180_000);
