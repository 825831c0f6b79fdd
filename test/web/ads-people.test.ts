/**
 * The ADS console's people, accounts, registry, notices, settings and audit screens — driven in the browser against
 * the local stack (the DDS views are in the continuous journey, ads-console-journey.test.ts). One holder is seeded through the API (a profile, an outside ACRE
 * certification for two stages, one of them suspended with a reason) and one monthly DDS notice is sent by the job.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { seedProfile } from './journey';
import {
  callApi,
  expectAccessible,
  expectStatus,
  newApplicant,
  openPage,
  runJob,
  screenshot,
  setClock,
  stack,
  tokenOf,
  uniqueEmail,
  useBrowser,
  STAFF_SIGN_IN,
} from './support';
import { type Learner, seedEnrolment, tokenFor } from './enrolment';

const browser = useBrowser();
const SURNAME = 'Registrova';
const HOLDER = `Rhea ${SURNAME}`;
let personId: string;
let learner: Learner;
let learnerId: string;
let discovery: string;
let suspended: string;

beforeAll(async () => {
  // An enrolled learner (applications, attendance and homework on their record, a provider to leave), then the clock
  // moves on to March for the holder of outside certifications and the monthly DDS notice.
  ({ learner } = await seedEnrolment(`People ${Date.now().toString(36)}`));
  await setClock('2027-03-15T10:00:00-04:00');
  const ads = await tokenOf('ads-staff');
  learnerId = (await callApi(`/ads/people?email=${encodeURIComponent(learner.email)}`, { token: ads })).body.items[0]
    .personId;
  const applicant = await newApplicant('holder');
  await seedProfile(await tokenFor(applicant.email, applicant.password), null, HOLDER);
  const found = await callApi(`/ads/people?email=${encodeURIComponent(applicant.email)}`, { token: ads });
  personId = found.body.items[0].personId;
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
      evidenceReference: 'ADS file 2027-017',
      stages: ['discovery', 'job-development'],
    },
  });
  if (recorded.status !== 201) throw new Error(JSON.stringify(recorded.body));
  const numbers = recorded.body.items as { number: string; stage: string }[];
  discovery = numbers.find((c) => c.stage === 'discovery')!.number;
  suspended = numbers.find((c) => c.stage === 'job-development')!.number;
  await callApi(`/ads/certificates/${suspended}/standing`, {
    method: 'POST',
    token: ads,
    json: { action: 'suspend', reason: 'Evidence under review' },
  });
  await runJob('dds-expiry-notice', '2027-03-01T07:00:00-05:00');
}, 120_000);
afterAll(() => setClock());

async function signIn(path: string, who: 'ads' | 'dds', heading: string | RegExp): Promise<Page> {
  const page = await openPage(browser(), path);
  const users = stack().users;
  const user = who === 'ads' ? users['ads-staff'] : users.dds;
  await page.locator('label', { hasText: STAFF_SIGN_IN }).click();
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  return page;
}
const main = (page: Page) => page.locator('main').innerText();

test('a person’s record opened by its address: applications, attendance, homework; an outside certification and a departure, refused on their fields first', async () => {
  const page = await signIn(`/ads/people/${encodeURIComponent(learnerId)}`, 'ads', 'Person: Robin Park');
  await page.getByRole('table', { name: /Attendance at each live class/ }).waitFor();
  const record = await main(page);
  expect(record).toContain(learner.title);
  expect(record).toContain('enrolled');
  expect(record).toContain('Not recorded');
  expect(record).toContain('Discovery profile');
  expect(record).toContain('No certification, in any state.');
  await expectAccessible(page);

  const external = page.locator('section', { has: page.getByRole('heading', { name: /earned elsewhere/ }) });
  await external.getByLabel('Credential').selectOption('cesp');
  await external.getByLabel('Accredited by').fill('ACRE');
  await external.getByLabel('Awarded by').fill('Marc Gold & Associates');
  await external.getByLabel('Course').fill('Customized Employment Certificate');
  await external.getByLabel('Issued on').fill('2026-05-01');
  await external.getByLabel('Expires on').fill('2029-05-01');
  await external.getByLabel('Where the evidence is kept').fill('ADS file 2027-031');
  await external.getByRole('button', { name: 'Record the certification' }).click();
  await page
    .locator('#field-credential-error')
    .getByText(/does not allow a person to provide Customized Employment/)
    .waitFor();
  await expectAccessible(page);
  await external.getByLabel('Credential').selectOption('customized-employment');
  for (const stage of ['Discovery', 'Job Development, Negotiation & Placement', 'Post-Employment Supports'])
    await external.locator('label', { hasText: stage }).click(); // USWDS draws the box on the label
  await external.getByRole('button', { name: 'Record the certification' }).click();
  await page.getByRole('link', { name: 'Choose at least one stage it covers.' }).waitFor();
  await external.locator('label', { hasText: 'Post-Employment Supports' }).click();
  await external.getByRole('button', { name: 'Record the certification' }).click();
  await expectStatus(page, /Outside certification recorded: /);
  await page.getByRole('cell', { name: 'Elsewhere: Customized Employment Certificate' }).waitFor();
  await expectAccessible(page);
  // ADS downloads the certificate as a PDF from the record, the stage named on the button and in the document.
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the Post-Employment Supports certificate (PDF)' }).click(),
  ]);
  expect(pdf.suggestedFilename()).toMatch(/^CT-CE-[0-9A-Z-]+\.pdf$/);
  const pdfText = execFileSync('pdftotext', [await pdf.path(), '-'], { encoding: 'utf8' });
  expect(pdfText).toContain('Post-Employment Supports');
  expect(pdfText).toContain('Robin Park');
  await expectStatus(page, 'The Post-Employment Supports certificate PDF is downloaded.');
  expect(await page.getByRole('button', { name: /signed credential/ }).count()).toBe(0);

  const departure = page.locator('section', { has: page.getByRole('heading', { name: /departure/ }) });
  await departure.getByRole('button', { name: 'Record the departure' }).click();
  await page.locator('#field-leftOn-error').waitFor();
  await expectAccessible(page);
  await departure.getByLabel(/The day they left/).fill('2027-03-12');
  await departure.getByRole('button', { name: 'Record the departure' }).click();
  await expectStatus(page, /Departure from .* recorded\. No one there holds an active certification now/);
  await page.getByText('Their profile names no provider, so there is no departure to record.').waitFor();
  await page.getByRole('cell', { name: 'left provider' }).waitFor();
  await expectAccessible(page);
  await page.close();
});

test('find a person → their record → a certificate’s audit trail (who, when, what, why); a bad search in words', async () => {
  const page = await signIn('/ads/people', 'ads', 'People');
  await page.getByLabel('Name or email').fill('x'.repeat(101));
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByRole('heading', { name: 'There is a problem with what you entered' }).waitFor();
  expect(await page.locator('.usa-error-message').count()).toBe(1);
  await expectAccessible(page);

  await page.getByLabel('Name or email').fill(SURNAME.toLowerCase());
  await page.getByRole('button', { name: 'Find' }).click();
  await expectStatus(page, '1 people found.');
  await expectAccessible(page);
  await page.getByRole('link', { name: HOLDER }).click();
  await page.getByRole('heading', { level: 1, name: `Person: ${HOLDER}` }).waitFor();
  await page.getByRole('link', { name: discovery }).waitFor();
  const record = await main(page);
  expect(record).toContain('Suspended');
  expect(record).toContain('Elsewhere: CE Certification Series');
  expect(record).toContain('Nothing recorded about this person yet.');
  await expectAccessible(page);

  await page.getByRole('link', { name: suspended }).click();
  await page.getByRole('heading', { name: `Audit trail of certificate ${suspended}` }).waitFor();
  await page.getByRole('cell', { name: 'Evidence under review' }).waitFor();
  const trail = await main(page);
  // Who: the staff member's name and role (the API resolves the account id), not the id.
  expect(trail).toContain('Dana Reyes (ADS)');
  expect(trail).not.toMatch(/ads-staff|[0-9a-f]{8}-[0-9a-f]{4}-/);
  expect(trail).toContain('(Connecticut time)');
  await expectAccessible(page);
  await page.close();
});

test('create a DDS account; a bad email and an existing one are refused in words', async () => {
  const page = await signIn('/ads/accounts', 'ads', 'Staff accounts');
  await page.getByLabel('Their work email').fill('not an email');
  await page.getByRole('button', { name: 'Create the account' }).click();
  await page.locator('#field-email-error').waitFor();
  await expectAccessible(page);
  const email = uniqueEmail('dds.new').replace('provider.example.org', 'dds.example.org');
  await page.getByLabel('Their name').fill('Morgan Ellis');
  await page.getByLabel('Their work email').fill(email);
  await page.getByLabel('Account for').selectOption('dds');
  await page.getByRole('button', { name: 'Create the account' }).click();
  await expectStatus(page, `DDS account created for Morgan Ellis (${email})`);
  await expectAccessible(page);
  await page.getByLabel('Their name').fill('Morgan Ellis');
  await page.getByLabel('Their work email').fill(email);
  await page.getByRole('button', { name: 'Create the account' }).click();
  await page.getByRole('alert').first().waitFor();
  expect(await main(page)).not.toContain(`account created for ${email}`);
  await page.close();
});

test('registry search by name and stage, the expiry range checked by the API, and the CSV', async () => {
  const page = await signIn('/ads/registry', 'ads', 'CT CE Staff Registry');
  await page.getByLabel('Name').fill(SURNAME);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expectStatus(page, '1 certifications found.');
  await page.getByRole('rowheader', { name: HOLDER }).waitFor();
  const text = await main(page);
  expect(text).toContain(discovery);
  expect(text).not.toContain(suspended);
  await expectAccessible(page);
  await screenshot(page, 'ads-registry');

  await page.getByLabel('Expiring on or after').fill('2030-01-01');
  await page.getByLabel('Expiring on or before').fill('2029-01-01');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.locator('#field-expiresTo-error').waitFor();
  await expectAccessible(page);
  await page.getByLabel('Expiring on or after').fill('');
  await page.getByLabel('Expiring on or before').fill('');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download this search as CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('ce-registry.csv');
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain(discovery);
  expect(csv).not.toContain(suspended);
  await page.close();
});

test('notices: the month sent by the job, a re-send needs a reason and a confirmation, then shows with its audit', async () => {
  const page = await signIn('/ads/notices', 'ads', 'Notices to DDS');
  await page.getByRole('rowheader', { name: '2027-03' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Re-send 2027-03' }).click();
  await page.getByRole('button', { name: 'Re-send…' }).click();
  await page.locator('#field-reason-error').waitFor();
  await expectAccessible(page);
  await page.getByLabel(/Why re-send it/).fill('DDS asked for another copy');
  await page.getByRole('button', { name: 'Re-send…' }).click();
  await page.getByRole('button', { name: 'Yes, re-send it' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Yes, re-send it' }).click();
  await expectStatus(page, 'The 2027-03 notice was re-sent.');
  await page.getByText(/sent, because “DDS asked for another copy” \(re-sent by Dana Reyes \(ADS\)\)/).waitFor();
  await expectAccessible(page);
  await page.close();
});

test('settings: lifecycle saved with its audit, a bad value refused field by field', async () => {
  const page = await signIn('/ads/settings', 'ads', 'Settings');
  const grace = page.getByLabel(/Grace period after expiry/);
  await grace.waitFor();
  const trail = page.getByRole('region', { name: 'Audit trail of the lifecycle settings' });
  await trail.getByText(/Nothing recorded about this settings yet|Changes to this settings/).waitFor();
  const before = await trail.locator('tbody tr').count();
  await grace.fill('400');
  await page.getByRole('button', { name: 'Save the lifecycle settings' }).click();
  await page.locator('#field-graceDays-error').waitFor();
  await expectAccessible(page);
  await grace.fill('30');
  await page.getByRole('button', { name: 'Save the lifecycle settings' }).click();
  await expectStatus(page, /Lifecycle settings saved/);
  await trail.locator('tbody tr').nth(before).waitFor();
  await expectAccessible(page);
  await page.close();
});
