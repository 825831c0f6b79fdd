import type { Page } from 'playwright-core';
import { cognitoClient, ensureUser } from '../../scripts/local/cognito';
import {
  expectAccessible,
  screenshot,
  expectStatus,
  newApplicant,
  openPage,
  PASSWORD,
  STAFF_SIGN_IN,
  stack,
  uniqueEmail,
  useBrowser,
  waitForEmail,
} from './support';

const browser = useBrowser();

/** Signs in on the page's sign-in form, as staff or as an applicant. */
async function signIn(page: Page, user: { email: string; password: string }, staff: boolean) {
  if (staff) await page.locator('label', { hasText: STAFF_SIGN_IN }).click();
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A DDS account as ADS creates them (cognito-local cannot email its temporary password). */
async function newDdsAccount() {
  const s = stack();
  const email = uniqueEmail('dds.reader');
  const sub = await ensureUser(cognitoClient(s.cognitoEndpoint), s.userPoolId, email, PASSWORD, 'dds');
  return { sub, email, password: PASSWORD };
}

test('each role lands on its own home from the sign-in page; a staff account signing in as an applicant is told in words', async () => {
  const s = stack();
  const ads = await openPage(browser(), '/sign-in');
  await expectAccessible(ads);
  await signIn(ads, s.users['ads-staff'], true);
  await ads.getByRole('heading', { level: 1, name: 'ADS console' }).waitFor();
  // A reload keeps the staff session (the staff client is remembered).
  await ads.reload();
  await ads.getByRole('heading', { level: 1, name: 'ADS console' }).waitFor();
  await ads.context().close();

  const dds = await openPage(browser(), '/sign-in');
  await signIn(dds, s.users.dds, true);
  await dds.getByRole('heading', { level: 1, name: 'DDS views' }).waitFor();
  await dds.context().close();

  const learner = await newApplicant('lands');
  const applicant = await openPage(browser(), '/sign-in');
  await signIn(applicant, learner, false);
  await applicant.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
  await applicant.context().close();

  const wrong = await openPage(browser(), '/sign-in');
  await signIn(wrong, s.users['ads-staff'], false);
  await wrong.locator('#field-who-error').waitFor();
  expect(await wrong.locator('#field-who-error').innerText()).toContain(
    `This is a staff account. Choose "${STAFF_SIGN_IN}", then sign in again.`,
  );
  await wrong.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await expectAccessible(wrong);
  await screenshot(wrong, 'sign-in-staff-choice');
  await signIn(wrong, s.users['ads-staff'], true);
  await wrong.getByRole('heading', { level: 1, name: 'ADS console' }).waitFor();
  await wrong.context().close();
}, 120_000);

test('ADS disables an account with a reason and a confirmation: the person is refused at once; enabling gives it back', async () => {
  const person = await newDdsAccount();
  // They are signed in on their own device when ADS disables them.
  const theirs = await openPage(browser(), '/dds/notices');
  await signIn(theirs, person, true);
  await theirs.getByRole('heading', { level: 1, name: /notice/i }).waitFor();

  const page = await openPage(browser(), `/ads/people/${encodeURIComponent(person.sub)}`);
  await signIn(page, stack().users['ads-staff'], true);
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Sign-in account' }) });
  await section.getByText('Enabled (DDS).').waitFor();
  await expectAccessible(page);

  // No reason: refused on the field, nothing asked yet.
  await section.getByRole('button', { name: 'Disable the account' }).click();
  await page.locator('#field-reason-error').waitFor();
  await section.getByLabel('Why disable the account').fill('Left DDS on 5 December (HR ticket 4411)');
  await section.getByRole('button', { name: 'Disable the account' }).click();
  await section.getByText(/will not be able to sign in; every session on every device ends now/).waitFor();
  await expectAccessible(page);
  await section.getByRole('button', { name: 'Yes, disable the account' }).click();
  await section.getByText(/account is disabled: they cannot sign in/).waitFor();
  await section.getByText(/Disabled: no sign-in\. Enabling it gives back: DDS\./).waitFor();
  await section.getByText(/Sessions last ended .* \(Connecticut time\)\./).waitFor();
  const trail = page.locator('section', { has: page.getByRole('heading', { name: 'Audit trail of the person' }) });
  await trail.getByText('account disabled').waitFor();
  await trail.getByText('Left DDS on 5 December (HR ticket 4411)').waitFor();
  await expectAccessible(page);
  await screenshot(page, 'ads-account-disabled');

  // Their open page: the next request is refused, in words.
  await theirs.reload();
  await theirs.getByText('This session has ended; sign in again.').waitFor();

  await section.getByLabel('Why enable the account again').fill('Rehired by DDS');
  await section.getByRole('button', { name: 'Enable the account again' }).click();
  await section.getByRole('button', { name: 'Yes, enable the account' }).click();
  await section.getByText(/account is enabled again \(DDS\)/).waitFor();
  await trail.getByText('account enabled').waitFor();
  await page.context().close();
  await theirs.context().close();

  const again = await openPage(browser(), '/sign-in');
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await signIn(again, person, true);
  await again.getByRole('heading', { level: 1, name: 'DDS views' }).waitFor();
  await again.context().close();
}, 120_000);

test('ADS cannot disable its own account: the refusal is shown on the form', async () => {
  const s = stack();
  const own = await openPage(browser(), '/ads/accounts');
  await signIn(own, s.users['ads-staff'], true);
  await own.getByRole('heading', { level: 1, name: 'Staff accounts' }).waitFor();
  const token = await own.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.endsWith('.idToken'));
    return key ? localStorage.getItem(key) : null;
  });
  const sub = JSON.parse(Buffer.from((token ?? '..').split('.')[1]!, 'base64url').toString()).sub as string;
  await own.goto(`/ads/people/${encodeURIComponent(sub)}`);
  const section = own.locator('section', { has: own.getByRole('heading', { name: 'Sign-in account' }) });
  await section.getByLabel('Why disable the account').fill('Trying my own');
  await section.getByRole('button', { name: 'Disable the account' }).click();
  await section.getByRole('button', { name: 'Yes, disable the account' }).click();
  await own.getByText('another ADS account must do this').first().waitFor();
  await section.getByText(/^Enabled \(ADS staff\)\./).waitFor();
  await expectAccessible(own);
  await own.context().close();
}, 60_000);

test('sign out on every device: the other device is refused at its next request', async () => {
  const learner = await newApplicant('everywhere');
  const other = await openPage(browser(), '/profile');
  await signIn(other, learner, false);
  await other.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
  await new Promise((resolve) => setTimeout(resolve, 1100));

  const page = await openPage(browser(), '/sign-in');
  await signIn(page, learner, false);
  await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
  await page.getByRole('link', { name: 'Sign out on every device' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign out on every device' }).waitFor();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Sign out on every device' }).click();
  await page.getByRole('heading', { level: 1, name: 'You are signed out' }).waitFor();
  await expectStatus(page, 'You are signed out on every device.');

  await other.reload();
  await other.getByText('This session has ended; sign in again.').waitFor();
  await page.context().close();
  await other.context().close();
}, 120_000);

test('sign-up and forgot-password answer the same words whether or not the address has an account', async () => {
  const existing = await newApplicant('taken');
  const fresh = uniqueEmail('fresh');
  const answers: string[] = [];
  for (const email of [existing.email, fresh]) {
    const page = await openPage(browser(), '/sign-up');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Confirm your email' }).waitFor();
    await expectAccessible(page);
    answers.push((await page.locator('main').innerText()).replaceAll(email, '<email>'));
    await page.context().close();
  }
  expect(answers[0]).toBe(answers[1]);
  expect(answers[0]).toContain('We emailed a confirmation code to <email>, unless it already has an account');
  await waitForEmail(fresh, /confirmation code/);

  const resets: string[] = [];
  for (const email of [existing.email, uniqueEmail('nobody')]) {
    const page = await openPage(browser(), '/forgot-password');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await expectAccessible(page);
    resets.push((await page.locator('main').innerText()).replaceAll(email, '<email>'));
    // A code for an address without an account is refused as a wrong code is.
    await page.getByLabel('Code from the email').fill('123456');
    await page.getByLabel('New password').fill('Newer-Passw0rd!');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('#field-code-error').waitFor();
    resets.push(await page.locator('#field-code-error').innerText());
    await page.context().close();
  }
  expect(resets[0]).toBe(resets[2]);
  expect(resets[1]).toBe(resets[3]);
  expect(resets[0]).toContain('If <email> has an account, we emailed it a code.');
}, 120_000);
