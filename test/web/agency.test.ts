/**
 * A provider administrator's pages: ADS creates their account for one agency; they sign in and land on their staff
 * (applications, certifications and expiry dates in words), endorse an application from the person's page — the
 * supervisor's emailed link then answers 410 — report a departure, and propose and remove supervisors. Errors are
 * said in words on the fields; axe and 320 px on each state; the actions work from the keyboard.
 */
import {
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
  newProviderAdmin,
  openPage,
  screenshot,
  setClock,
  stack,
  subOf,
  tokenOf,
  uniqueEmail,
  useBrowser,
  waitForEmail,
  STAFF_SIGN_IN,
} from './support';

const browser = useBrowser();
afterAll(() => setClock());

const linkIn = (text = '') => text.match(/\/links\/([A-Za-z0-9_-]{43})/)?.[1] ?? '';

test('the staff list, endorsing from the person page (the emailed link then stops working), a departure, supervisors', async () => {
  await setClock(DURING_WINDOW);
  const course = await seedCourse(`Agency course ${Date.now().toString(36)}`);
  const admin = await newProviderAdmin(course.providerId);

  // A confirmed member holding certifications, and a member who has just applied.
  const held = await newApplicant('held');
  const heldToken = await applicantToken(held.email, held.password);
  const heldSupervisor = await seedProfile(heldToken, course.providerId, 'Hana Held');
  await seedApplication(heldToken, course.iterationId);
  await endorseFromEmail(heldSupervisor);
  const recorded = await callApi(`/ads/people/${encodeURIComponent(subOf(heldToken))}/external-certifications`, {
    method: 'POST',
    token: await tokenOf('ads-staff'),
    json: {
      credential: 'customized-employment',
      accreditedBy: 'ACRE',
      body: 'Griffin-Hammis Associates',
      course: 'Customized Employment certificate',
      issuedOn: '2024-06-03',
      expiresOn: '2027-06-03',
      evidenceReference: 'Certificate seen by ADS',
    },
  });
  expect(recorded.status).toBe(201);
  const fresh = await newApplicant('fresh');
  const freshToken = await applicantToken(fresh.email, fresh.password);
  const freshSupervisor = await seedProfile(freshToken, course.providerId, 'Vera Staff');
  await seedApplication(freshToken, course.iterationId);
  const emailed = linkIn((await waitForEmail(freshSupervisor, /Please endorse/)).body.text);

  // Signing in on the agency's address lands there.
  const page = await openPage(browser(), '/agency');
  await page.locator('label', { hasText: STAFF_SIGN_IN }).click();
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: `Staff of ${course.title} Supports` }).waitFor();
  const heldRow = page.getByRole('row', { name: /Hana Held/ });
  await expect(heldRow.textContent()).resolves.toContain('Discovery: Active, expires June 3, 2027');
  const freshRow = page.getByRole('row', { name: /Vera Staff/ });
  await expect(freshRow.textContent()).resolves.toContain('Waiting for an endorsement — your answer is awaited');
  await expect(freshRow.textContent()).resolves.toContain('Shown once your agency confirms them');
  await expectAccessible(page);
  await screenshot(page, 'agency-staff');

  // The person's page: declining needs a reason, said on the field; endorsing from the keyboard.
  await page.getByRole('link', { name: 'Vera Staff' }).click();
  await page.getByRole('heading', { level: 1, name: 'Staff: Vera Staff' }).waitFor();
  await page.getByRole('button', { name: 'Decline' }).click();
  await page.getByText('Say why you decline: the applicant is told.').first().waitFor();
  await expect(page.locator('textarea[aria-invalid="true"]').count()).resolves.toBe(1);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Endorse' }).focus();
  await page.keyboard.press('Enter');
  await expectStatus(page, /You endorsed the application/);
  await page.getByText('Confirmed, since').waitFor();
  await expect(page.getByRole('button', { name: 'Endorse' }).count()).resolves.toBe(0);
  await expectAccessible(page);
  const link = await fetch(`${stack().webUrl}/links/${emailed}`);
  expect(link.status).toBe(410);

  // A departure: the day is required, in words; then recorded.
  await page.getByRole('button', { name: 'Report the departure' }).click();
  await page.locator('#field-leftOn-error').waitFor();
  await page.getByLabel('The day they left').fill('2026-12-09');
  await page.getByRole('button', { name: 'Report the departure' }).click();
  await expectStatus(page, /Vera Staff’s departure on December 9, 2026 is recorded/);
  await expectAccessible(page);

  // Supervisors: a free-mail proposal refused on its field; a proposal for ADS; an authorised one removed.
  const leaving = uniqueEmail('leaving');
  await authoriseSupervisor(course.providerId, leaving, 'Lou Leaving');
  await page.getByRole('link', { name: 'Supervisors' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your agency’s supervisors' }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill('Nia Lead');
  await page.getByLabel('Work email').fill(`nia.${Date.now()}@gmail.com`);
  await page.getByRole('button', { name: 'Propose to ADS' }).click();
  await page.locator('#field-email-error').waitFor();
  await expectAccessible(page);
  await page.getByLabel('Work email').fill(uniqueEmail('nia'));
  await page.getByRole('button', { name: 'Propose to ADS' }).click();
  await expectStatus(page, /Nia Lead is proposed/);
  await page.getByRole('row', { name: /Nia Lead .* Waiting for ADS/ }).waitFor();
  await page.getByLabel('Supervisor', { exact: true }).selectOption({ label: `Lou Leaving (${leaving})` });
  await page.getByRole('button', { name: 'Remove' }).click();
  await page.getByText('Say why they are removed.').first().waitFor();
  await page.getByLabel('Why (kept in the audit trail)').fill('Left the agency in November');
  await page.getByRole('button', { name: 'Remove' }).click();
  await expectStatus(page, /Lou Leaving is removed/);
  await page.getByRole('row', { name: /Lou Leaving .* Removed/ }).waitFor();
  await expectAccessible(page);

  // Signing in from the sign-in page lands a provider administrator on their agency, not an applicant's profile.
  const again = await openPage(browser(), '/sign-in');
  await again.locator('label', { hasText: STAFF_SIGN_IN }).click();
  await again.getByLabel('Email').fill(admin.email);
  await again.getByLabel('Password').fill(admin.password);
  await again.getByRole('button', { name: 'Sign in' }).click();
  await again.getByRole('heading', { level: 1, name: `Staff of ${course.title} Supports` }).waitFor();
  expect(new URL(again.url()).pathname).toBe('/agency');
}, 180_000);
