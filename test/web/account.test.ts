import {
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Page } from 'playwright-core';
import { cognitoClient } from '../../scripts/local/cognito';
import {
  expectAccessible,
  expectStatus,
  newApplicant,
  openPage,
  PASSWORD,
  screenshot,
  stack,
  totp,
  uniqueEmail,
  useBrowser,
  waitForEmail,
} from './support';

const browser = useBrowser();

const codeIn = (text = '') => text.match(/\b(\d{6})\b/)?.[1] ?? '';
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');
const idTokenOf = (page: Page) =>
  page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.endsWith('.idToken'));
    return key ? localStorage.getItem(key) : null;
  });
const claims = (jwt: string | null) => JSON.parse(Buffer.from((jwt ?? '..').split('.')[1]!, 'base64url').toString());

async function signInWith(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('sign up → code from the email viewer → confirm → sign in → profile (field errors, then saved) → sign out', async () => {
  const email = uniqueEmail('newcomer');
  const page = await openPage(browser(), '/sign-up');
  await expectAccessible(page);
  // The hint says the pool's own rule (12 characters in AWS), from the one home the CDK pool reads too.
  await expect(page.locator('#field-password-hint').innerText()).resolves.toBe(
    'At least 12 characters, with upper- and lower-case letters, a number and a symbol.',
  );

  // Nothing typed: the page's own checks, in the API's shape, tied to the fields.
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('alert').waitFor();
  expect(await focusedText(page)).toContain('There is a problem with what you entered');
  await expect(page.getByLabel('Email').getAttribute('aria-describedby')).resolves.toContain('field-email-error');
  await expect(page.getByLabel('Email').getAttribute('aria-invalid')).resolves.toBe('true');
  await expectAccessible(page);
  await screenshot(page, 'sign-up-errors');

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Confirm your email' }).waitFor();
  await expectStatus(page, 'emailed a confirmation code');
  await expectAccessible(page);

  // A wrong code is an error on the code field; the emailed one confirms.
  await page.getByLabel('Confirmation code').fill('000000');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.locator('#field-code-error').waitFor();
  await expectAccessible(page);
  const code = codeIn((await waitForEmail(email, /confirmation code/)).body.text);
  await page.getByLabel('Confirmation code').fill(code);
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  // The sign-in page says, on the page, that the account is confirmed.
  await page.locator('#account-confirmed').getByText('Your account is confirmed. Sign in to continue.').waitFor();
  await expectAccessible(page);

  // A wrong password, then the right one.
  await signInWith(page, email, 'Wrong-Passw0rd!');
  await page.locator('#field-password-error').waitFor();
  await expectAccessible(page);
  await screenshot(page, 'sign-in-error');
  await signInWith(page, email, PASSWORD);
  await page.getByRole('heading', { name: 'Your profile' }).waitFor();
  await page.getByLabel('Your name').waitFor();
  await expect(
    page.getByRole('navigation', { name: 'Primary' }).getByRole('button', { name: 'Sign out' }).count(),
  ).resolves.toBe(1);

  // The API's 400 field list lands on the fields (supervisor.email is a nested body field).
  await page.getByLabel('Your name').fill('Robin Newcomer');
  await page.getByLabel('Job title').fill('Employment specialist');
  await page.getByLabel("Supervisor's name").fill('Sam Supervisor');
  await page.getByLabel("Supervisor's email").fill('not-an-email');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.locator('#field-supervisor-email-error').waitFor();
  expect(await focusedText(page)).toContain('There is a problem with what you entered');
  await expect(page.getByLabel("Supervisor's email").getAttribute('aria-describedby')).resolves.toContain(
    'field-supervisor-email-error',
  );
  await page.getByRole('alert').getByRole('link').first().click();
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('field-supervisor-email');
  await expectAccessible(page);
  await screenshot(page, 'profile-errors');

  await page.getByLabel("Supervisor's email").fill('sam.supervisor@provider.example.org');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText(/Last saved .* \(Connecticut time\)/).waitFor();
  await expectStatus(page, 'Your profile is saved.');
  await expectAccessible(page);
  await screenshot(page, 'profile');

  // Reloaded, the saved profile comes back from GET /me/profile. Until it answers (held back here) the page says it
  // is loading and shows no form; the name field, when it first appears, already holds the saved name.
  let answer: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    answer = resolve;
  });
  await page.route('**/api/me/profile', async (route) => {
    await held;
    await route.continue();
  });
  await page.reload();
  await page.getByText('Loading…').waitFor();
  expect(await page.locator('form input').count()).toBe(0);
  await page.evaluate(() => {
    const w = window as unknown as { firstName?: string };
    new MutationObserver((_, observer) => {
      const field = document.getElementById('field-name') as HTMLInputElement | null;
      if (!field) return;
      w.firstName = field.value;
      observer.disconnect();
    }).observe(document.body, { childList: true, subtree: true });
  });
  answer();
  await page.locator('#field-name').waitFor();
  expect(await page.evaluate(() => (window as unknown as { firstName?: string }).firstName)).toBe('Robin Newcomer');
  await page.unroute('**/api/me/profile');
  await expect(page.getByLabel('Your name').inputValue()).resolves.toBe('Robin Newcomer');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
  await expectStatus(page, 'You are signed out.');
  await page.goto('/profile');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.context().close();
}, 120_000);

test('forgot password: the code reaches the email viewer, the new password works, the old one no longer does', async () => {
  const { email } = await newApplicant('forgetful');
  const page = await openPage(browser(), '/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
  await expectAccessible(page);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  const code = codeIn((await waitForEmail(email, /password reset code/)).body.text);
  await page.getByLabel('Code from the email').fill(code);
  await page.getByLabel('New password').fill('Newer-Passw0rd!');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await signInWith(page, email, PASSWORD);
  await page.locator('#field-password-error').waitFor();
  await signInWith(page, email, 'Newer-Passw0rd!');
  await page.getByRole('heading', { name: 'Your profile' }).waitFor();
  await page.context().close();
});

test('TOTP challenge: a user who set up an authenticator app (access-token calls) is asked for its code', async () => {
  const { email, password } = await newApplicant('careful');
  const s = stack();
  const idp = cognitoClient(s.cognitoEndpoint);
  const auth = await idp.send(
    new InitiateAuthCommand({
      ClientId: s.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const AccessToken = auth.AuthenticationResult!.AccessToken!;
  const { SecretCode } = await idp.send(new AssociateSoftwareTokenCommand({ AccessToken }));
  await idp.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totp(SecretCode!) }));
  await idp.send(
    new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }),
  );

  const page = await openPage(browser(), '/sign-in');
  await signInWith(page, email, password);
  await page.getByRole('heading', { name: 'Enter your authenticator code' }).waitFor();
  await expectAccessible(page);
  await screenshot(page, 'sign-in-totp');
  await page.getByLabel('6-digit code from your authenticator app').fill('12345');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('#field-code-error').waitFor();
  await expectAccessible(page);
  await page.getByLabel('6-digit code from your authenticator app').fill(totp(SecretCode!));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Your profile' }).waitFor();
  await page.context().close();
});

test('the session warning comes before the ID token expires, keeps what was typed, and "Stay signed in" refreshes the tokens', async () => {
  const { email, password } = await newApplicant('typist');
  const page = await openPage(browser(), '/');
  await page.clock.install();
  await signInWith(page, email, password);
  await page.getByLabel('Your name').waitFor();
  await page.getByLabel('Your name').fill('Half-typed name');
  const oldToken = await idTokenOf(page);
  const before = claims(oldToken);

  // The browser's clock jumps to 4 minutes before the token's expiry.
  await page.clock.fastForward(before.exp * 1000 - 4 * 60_000 - Date.now());
  const dialog = page.getByRole('alertdialog', { name: 'Your session is about to end' });
  await dialog.waitFor();
  await expect(dialog.textContent()).resolves.toMatch(/\(Connecticut time\)/);
  await expectAccessible(page);
  await screenshot(page, 'session-warning');

  // Amplify refreshes through GetTokensFromRefreshToken (answered locally by the relay, see scripts/local/web.ts).
  const refreshed = page.waitForRequest(
    (r) => r.headers()['x-amz-target']?.endsWith('GetTokensFromRefreshToken') === true,
  );
  await page.getByRole('button', { name: 'Stay signed in' }).click();
  await refreshed;
  await page.waitForFunction((old) => {
    const key = Object.keys(localStorage).find((k) => k.endsWith('.idToken'));
    return key !== undefined && localStorage.getItem(key) !== old;
  }, oldToken);
  expect(claims(await idTokenOf(page)).iat).toBeGreaterThanOrEqual(before.iat);
  await expect(page.getByLabel('Your name').inputValue()).resolves.toBe('Half-typed name');
  await page.context().close();
});
