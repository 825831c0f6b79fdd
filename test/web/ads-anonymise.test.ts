/**
 * ADS anonymises a person on their request from their record page (`web/src/pages/ads/Anonymise.tsx`), driven in the
 * browser against the local stack, the confirmation by keyboard alone. Seeded through the API: a holder with a
 * profile and an outside certification. What anonymising does to every item is tested through the API
 * (`test/integration/anonymise.test.ts`).
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
const NAME = `Oona Vexley${Date.now().toString(36)}`;
let personId: string;
let email: string;
let number: string;

beforeAll(async () => {
  const ads = await tokenOf('ads-staff');
  const holder = await newApplicant('anonymise');
  email = holder.email;
  const token = await tokenFor(holder.email, holder.password);
  await seedProfile(token, null, NAME);
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
      evidenceReference: 'ADS file 2027-051',
      stages: ['discovery'],
    },
  });
  if (recorded.status !== 201) throw new Error(JSON.stringify(recorded.body));
  number = recorded.body.items[0].number;
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

test('anonymise a person: what will happen named first, reason and confirmation required, then done and audited', async () => {
  const page = await signInAsAds(`/ads/people/${encodeURIComponent(personId)}`, `Person: ${NAME}`);
  const section = page.locator('section', { has: page.getByRole('heading', { name: /Anonymise this person/ }) });
  await section.getByText(/nobody finds/).waitFor();
  await section.getByText(/keeps the name and number/).waitFor();
  await expectAccessible(page);

  // By keyboard alone: nothing given → both fields named, checked before sending.
  await section.getByLabel('Reason').focus();
  await tabTo(page, new RegExp(`^Anonymise ${NAME}$`));
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: /Enter why/ }).waitFor();
  await page.getByRole('link', { name: /Confirm that you understand/ }).waitFor();
  await expectAccessible(page);

  // The reason and the confirmation, by keyboard.
  await section.getByLabel('Reason').focus();
  await page.keyboard.type('Erasure request by letter, received 3 December');
  await tabTo(page, /cannot be undone/);
  await page.keyboard.press('Space');
  await tabTo(page, new RegExp(`^Anonymise ${NAME}$`));
  await page.keyboard.press('Enter');
  await expectStatus(page, new RegExp(`^${NAME} was anonymised: 0 applications and \\d+ emails? no longer carry`));
  await page.getByRole('heading', { level: 2, name: 'Anonymised' }).waitFor();
  await page.getByRole('cell', { name: 'Erasure request by letter, received 3 December' }).first().waitFor();
  await expectAccessible(page);
  await screenshot(page, 'ads-anonymise');
  await page.close();

  // Nobody finds them by email any more; their certificate still answers by its number.
  const ads = await tokenOf('ads-staff');
  expect((await callApi(`/ads/people?email=${encodeURIComponent(email)}`, { token: ads })).body.items).toEqual([]);
  expect((await callApi(`/certificates/${number}`)).body).toMatchObject({ number, holderName: NAME });
}, 120_000);
