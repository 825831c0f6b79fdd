/**
 * ADS manages the provider directory in the console: an agency added (the form's own errors, then the API's on the
 * staff domains field), edited (regions, contracts, contact), each change in its audit trail by name; the agency then
 * offered to an applicant filling in their profile.
 */
import type { Page } from 'playwright-core';
import {
  expectAccessible,
  expectStatus,
  newApplicant,
  openPage,
  STAFF_SIGN_IN,
  screenshot,
  stack,
  useBrowser,
} from './support';

const browser = useBrowser();
const NAME = `Harbor Supports ${Date.now().toString(36)}`;

async function signIn(page: Page, email: string, password: string, heading: string | RegExp, staff = false) {
  if (staff) await page.locator('label', { hasText: STAFF_SIGN_IN }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

test('ADS adds an agency (refused on its fields first), edits it, and each change is in its audit trail', async () => {
  const ads = stack().users['ads-staff'];
  const page = await openPage(browser(), '/ads', 320);
  await signIn(page, ads.email, ads.password, /console/i, true);
  await page.getByRole('link', { name: 'Provider agencies' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Provider agencies' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Add a provider agency' }).click();
  await page.getByRole('heading', { level: 1, name: 'Add a provider agency' }).waitFor();

  await page.getByRole('button', { name: 'Add the agency' }).click();
  const summary = page.getByRole('alert');
  await summary.waitFor();
  for (const message of [
    "Enter the agency's name.",
    'Choose at least one region it covers.',
    "Enter the contact person's name.",
    "Enter the contact person's email.",
  ])
    await summary.getByRole('link', { name: message }).waitFor();
  await expectAccessible(page);

  await page.getByLabel('Agency name').fill(NAME);
  await page.locator('label', { hasText: 'North' }).click(); // USWDS draws the box on the label
  await page.getByLabel("Contact person's name").fill('Ana Lopez');
  await page.getByLabel("Contact person's email").fill('ana.lopez@harbor.example.org');
  await page.getByLabel('Contract with DDS').selectOption('intends');
  await page.getByLabel(/Staff email domains/).fill('harbor.example.org, Not_A_Domain');
  await page.getByRole('button', { name: 'Add the agency' }).click();
  await page
    .locator('#field-staffEmailDomains-error')
    .getByText(/a domain such as harbor\.org/)
    .waitFor();
  // The API names the second domain (`body.staffEmailDomains.1`): the summary's link leads to the domains input.
  await expect(summary.getByRole('link', { name: /a domain such as harbor\.org/ }).getAttribute('href')).resolves.toBe(
    '#field-staffEmailDomains',
  );
  await expectAccessible(page);
  await page.getByLabel(/Staff email domains/).fill('harbor.example.org');
  await page.getByRole('button', { name: 'Add the agency' }).click();
  await page.getByRole('heading', { level: 1, name: `Provider agency: ${NAME}` }).waitFor();
  await expectStatus(page, `${NAME} is added to the directory.`);
  const trail = page.getByRole('table', { name: /Changes to this provider/ });
  await trail.getByText('Dana Reyes (ADS)').waitFor();
  expect(await trail.innerText()).toContain('created');
  await expectAccessible(page);

  // The edit: a second region, the ADS contract now intended, a phone; the trail names what changed.
  await page.locator('label', { hasText: 'West' }).click();
  await page.getByLabel('Contract with ADS').selectOption('intends');
  await page.getByLabel(/phone/).fill('860-555-0101');
  await page.getByRole('button', { name: 'Save the agency' }).click();
  await expectStatus(page, `${NAME} is saved.`);
  // Only what the edit changed (not the figures and versions the system keeps on it).
  const updated = trail.getByText(/^updated \(changed: /);
  await updated.waitFor();
  const changed = (await updated.innerText()).replace(/^updated \(changed: |\)$/g, '').split(', ');
  expect(changed.sort()).toEqual(['contact', 'contractsWithAds', 'regions']);
  expect(await page.getByRole('button', { name: 'Save the agency' }).isVisible()).toBe(true);
  await expectAccessible(page);
  await screenshot(page, 'ads-provider');

  await page.getByRole('link', { name: 'All provider agencies' }).click();
  const row = page.getByRole('row', { name: new RegExp(NAME) });
  await row.waitFor();
  const text = await row.innerText();
  expect(text).toContain('North, West');
  expect(text).toContain('Intends to contract');
  expect(text).toContain('Ana Lopez, ana.lopez@harbor.example.org, 860-555-0101');
  await expectAccessible(page);
  await page.context().close();

  // An applicant filling in their profile may now choose it.
  const applicant = await newApplicant('provider-pick');
  const profile = await openPage(browser(), '/profile');
  await signIn(profile, applicant.email, applicant.password, /profile/i);
  await profile.getByLabel('Provider agency').locator('option', { hasText: NAME }).waitFor({ state: 'attached' });
  await profile.context().close();
}, 90_000);
