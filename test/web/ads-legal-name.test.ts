/**
 * ADS changes a person's legal name on their record page (`web/src/pages/ads/LegalName.tsx`), driven in the browser
 * against the local stack, partly by keyboard alone. Seeded through the API: a holder whose outside certifications were
 * recorded under one name, who then wrote another name on their own profile — so their certificates carry another name
 * than the profile, which the page points out. What the change does to credentials is tested through the API
 * (`test/integration/legal-name.test.ts`, `test/e2e/credential-lifecycle.test.ts`).
 */
import type { Page } from 'playwright-core';
import { seedProfile, tabTo } from './journey';
import {
  callApi,
  expectAccessible,
  expectStatus,
  newApplicant,
  openPage,
  screenshot,
  tokenOf,
  useBrowser,
  STAFF_SIGN_IN,
} from './support';
import { tokenFor } from './enrolment';

const browser = useBrowser();
const SURNAME = `Lindqvist${Date.now().toString(36)}`;
const RECORDED = `Elin ${SURNAME}`;
const PROFILE = `Elin ${SURNAME}-Berg`;
const MARRIED = `Elin Okafor-${SURNAME}`;
let personId: string;

beforeAll(async () => {
  const ads = await tokenOf('ads-staff');
  const holder = await newApplicant('legal-name');
  const token = await tokenFor(holder.email, holder.password);
  await seedProfile(token, null, RECORDED);
  personId = (await callApi(`/ads/people?email=${encodeURIComponent(holder.email)}`, { token: ads })).body.items[0]
    .personId;
  const recorded = await callApi(`/ads/people/${encodeURIComponent(personId)}/external-certifications`, {
    method: 'POST',
    token: ads,
    json: {
      credential: 'customized-employment',
      accreditedBy: 'ACRE',
      body: 'Griffin-Hammis Associates',
      course: 'CE Certification Series',
      issuedOn: '2026-06-01',
      expiresOn: '2029-06-01',
      evidenceReference: 'ADS file 2027-044',
      stages: ['discovery', 'job-development'],
    },
  });
  if (recorded.status !== 201) throw new Error(JSON.stringify(recorded.body));
  // The holder writes another name on their own profile: the certificates keep the one they were issued under.
  await seedProfile(token, null, PROFILE);
}, 60_000);

async function signInAsAds(path: string, heading: string): Promise<Page> {
  const page = await openPage(browser(), path);
  const user = JSON.parse(process.env.WEB_STACK ?? '{}').users['ads-staff'];
  await page.locator('label', { hasText: STAFF_SIGN_IN }).click();
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  return page;
}

test('change a legal name with a reason: refusals on their fields, certificates brought into line, audited', async () => {
  const page = await signInAsAds(`/ads/people/${encodeURIComponent(personId)}`, `Person: ${PROFILE}`);
  const section = page.locator('section', { has: page.getByRole('heading', { name: /legal name/ }) });
  await section.getByText(/2 certificates carry another name than the profile/).waitFor();
  await expectAccessible(page);

  // By keyboard alone: nothing typed → both fields named, checked before sending.
  await section.getByLabel('Legal name').focus();
  await tabTo(page, /^Change the legal name$/);
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Enter their legal name.' }).waitFor();
  await page.getByRole('link', { name: /Enter why the name changes/ }).waitFor();
  await page.locator('#field-name-error').waitFor();
  await page.locator('#field-reason-error').waitFor();
  await expectAccessible(page);

  // The API's own refusal (too long), on the name field.
  await section.getByLabel('Legal name').fill('A'.repeat(121));
  await section.getByLabel('Reason').fill('Typed from the court order');
  await section.getByRole('button', { name: 'Change the legal name' }).click();
  // The page's own errors are still shown until the API answers: wait for the reason's to go, then read the name's.
  await page.locator('#field-reason-error').waitFor({ state: 'detached' });
  await page.locator('#field-name-error', { hasNotText: 'Enter their legal name.' }).waitFor();
  await expectAccessible(page);

  // The profile's name: the certificates are brought into line with it.
  await section.getByLabel('Legal name').fill(PROFILE);
  await section.getByRole('button', { name: 'Change the legal name' }).click();
  await expectStatus(
    page,
    `Certificates brought into line with the legal name ${PROFILE}. 2 certificates now carry it.`,
  );
  await section.getByText(/carry another name than the profile/).waitFor({ state: 'detached' });
  await expectAccessible(page);

  // Nothing left to do: the API says so on the name field.
  await section.getByLabel('Legal name').fill(PROFILE);
  await section.getByLabel('Reason').fill('Sent twice by mistake');
  await section.getByRole('button', { name: 'Change the legal name' }).click();
  await page.locator('#field-name-error').getByText('this is already their legal name everywhere').waitFor();
  await expectAccessible(page);

  // A new legal name, by keyboard: the record and its audit trail follow.
  await section.getByLabel('Legal name').fill('');
  await section.getByLabel('Legal name').focus();
  await page.keyboard.type(MARRIED);
  await tabTo(page, /^Reason/);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Marriage certificate seen by ADS');
  await tabTo(page, /^Change the legal name$/);
  await page.keyboard.press('Enter');
  await expectStatus(page, `Legal name changed from ${PROFILE} to ${MARRIED}. 2 certificates now carry it.`);
  await page.getByRole('heading', { level: 1, name: `Person: ${MARRIED}` }).waitFor();
  await page.getByRole('cell', { name: 'Marriage certificate seen by ADS' }).first().waitFor();
  await expectAccessible(page);
  await screenshot(page, 'ads-legal-name');
  await page.close();
});
