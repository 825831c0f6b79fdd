/**
 * The applicant's journey as steps, each a function, so the keyboard-only test (and later steps: classes,
 * homework) compose them. Seeding that is not the page's job (ADS's iteration, the provider, the supervisor's
 * endorsement, the allocation) goes through the API; the applicant's own steps are driven in the browser with the
 * keyboard alone (`page.keyboard`: Tab, Shift+Tab, Enter, Space, arrows, typing).
 */
import type { Page } from 'playwright-core';
import { cognitoClient, signIn } from '../../scripts/local/cognito';
import { plan } from '../support/plan';
import { callApi, stack, tokenOf, uniqueEmail, waitForEmail } from './support';

export const DURING_WINDOW = '2026-12-10T10:00:00-05:00';

/** A published iteration open for applications (window 1 Dec 2026 – 15 Jan 2027) and a provider in North and West. */
export async function seedCourse(label: string) {
  const ads = await tokenOf('ads-staff');
  const created = await callApi('/ads/iterations', { method: 'POST', token: ads, json: plan({ title: label }) });
  if (created.status !== 201) throw new Error(`iteration: ${JSON.stringify(created.body)}`);
  const published = await callApi(`/ads/iterations/${created.body.id}/publish`, { method: 'POST', token: ads });
  if (published.status !== 200) throw new Error(`publish: ${JSON.stringify(published.body)}`);
  const provider = await callApi('/ads/providers', {
    method: 'POST',
    token: ads,
    json: {
      name: `${label} Supports`,
      regions: ['North', 'West'],
      contractsWithAds: 'yes',
      contractsWithDds: 'yes',
      contact: { name: 'Lee Contact', email: uniqueEmail('contact') },
    },
  });
  if (provider.status !== 201) throw new Error(`provider: ${JSON.stringify(provider.body)}`);
  return { iterationId: created.body.id as string, title: label, providerId: provider.body.id as string };
}

/** An applicant's ID token (for seeding as them). */
export const applicantToken = (email: string, password: string) => {
  const s = stack();
  return signIn(cognitoClient(s.cognitoEndpoint), s.clientId, email, password);
};

/** ADS authorises a supervisor for an agency through the API (links go only to authorised supervisors). */
export async function authoriseSupervisor(providerId: string | null, email: string, name = 'Sam Supervisor') {
  const added = await callApi(`/ads/providers/${providerId ?? 'self-hired'}/supervisors`, {
    method: 'POST',
    token: await tokenOf('ads-staff'),
    json: { name, email, reason: 'Confirmed with the agency' },
  });
  if (added.status !== 201) throw new Error(`supervisor: ${JSON.stringify(added.body)}`);
  return added.body as { id: string; version: number };
}

/** The applicant's profile, saved through the API (its supervisor authorised by ADS first); returns the supervisor's address. */
export async function seedProfile(token: string, providerId: string | null, name = 'Kim Keyboard') {
  const supervisor = uniqueEmail('supervisor');
  await authoriseSupervisor(providerId, supervisor);
  const saved = await callApi('/me/profile', {
    method: 'PUT',
    token,
    json: {
      name,
      jobTitle: 'Employment specialist',
      position: 'direct-service',
      providerId,
      supervisor: { name: 'Sam Supervisor', email: supervisor },
    },
  });
  if (saved.status !== 200) throw new Error(`profile: ${JSON.stringify(saved.body)}`);
  return supervisor;
}

/** An application made through the API (for pages whose job is not applying). */
export async function seedApplication(token: string, iterationId: string, region = 'North') {
  const applied = await callApi('/me/applications', {
    method: 'POST',
    token,
    json: {
      iterationId,
      region,
      acknowledgement: { attendAllLiveClasses: true, homeworkByDeadlines: true },
      futureStaffPlanned: 1,
    },
  });
  if (applied.status !== 201) throw new Error(`apply: ${JSON.stringify(applied.body)}`);
  return applied.body.id as string;
}

const linkIn = (text = '') => text.match(/\/links\/([A-Za-z0-9_-]{43})/)?.[1] ?? '';

/** The supervisor opens the emailed endorsement link and confirms (the server-rendered page's form post). */
export async function endorseFromEmail(supervisorEmail: string) {
  const token = linkIn((await waitForEmail(supervisorEmail, /Please endorse/)).body.text);
  const res = await fetch(`${stack().webUrl}/links/${token}/confirm`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`endorse: ${res.status}`);
}

/** The supervisor opens the emailed co-signing link and co-signs (the server-rendered page's form post). */
export async function cosignFromEmail(supervisorEmail: string) {
  const token = linkIn((await waitForEmail(supervisorEmail, /Training Agreement/)).body.text);
  const res = await fetch(`${stack().webUrl}/links/${token}/confirm`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`co-sign: ${res.status}`);
}

/** ADS computes the allocation proposal and confirms it: the endorsed applicants are offered seats. */
export async function allocateSeats(iterationId: string) {
  const ads = await tokenOf('ads-staff');
  const proposal = await callApi(`/ads/iterations/${iterationId}/allocation/proposals`, { method: 'POST', token: ads });
  if (proposal.status !== 201) throw new Error(`proposal: ${JSON.stringify(proposal.body)}`);
  const confirmed = await callApi(`/ads/iterations/${iterationId}/allocation/confirm`, {
    method: 'POST',
    token: ads,
    json: { version: proposal.body.version },
  });
  if (confirmed.status !== 200) throw new Error(`confirm: ${JSON.stringify(confirmed.body)}`);
}

/** What the focused element is called: its label, its aria-label, or its text. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : '';
    return (el.getAttribute('aria-label') || label || el.textContent || '').replace(/\s+/g, ' ').trim();
  });

/** Presses Tab (or Shift+Tab) until the focused element's name matches; fails after `max` presses. */
export async function tabTo(page: Page, name: RegExp, { back = false, max = 80 } = {}) {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focusedName(page);
    if (name.test(now)) return;
    seen.push(now);
  }
  throw new Error(`Tab never reached ${name}; focus went through: ${seen.join(' | ')}`);
}

/** Signs in on the sign-in page with the keyboard alone (the page is open at /sign-in). */
export async function keyboardSignIn(page: Page, email: string, password: string) {
  await tabTo(page, /^Email$/);
  await page.keyboard.type(email);
  await tabTo(page, /^Password$/);
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Your profile' }).waitFor();
}

/** From any page: the Courses link, the course's Apply button, the form filled and sent; lands on the application. */
export async function keyboardApply(page: Page, title: string) {
  await tabTo(page, /^Courses$/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: title }).waitFor();
  await tabTo(page, new RegExp(`^Apply to ${title.replace(/[()]/g, '\\$&')}$`));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: `Apply: ${title}` }).waitFor();
  await tabTo(page, /^DDS region/);
  await page.keyboard.press('ArrowDown'); // the first region the provider covers
  await tabTo(page, /attend and take part in every live class/);
  await page.keyboard.press('Space');
  await tabTo(page, /complete every homework assignment/);
  await page.keyboard.press('Space');
  await tabTo(page, /How many staff/);
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: `Application: ${title}` }).waitFor();
}

/** On the application page: the agreement read, each part ticked, accepted; the page says the co-sign link went out. */
export async function keyboardAcceptOffer(page: Page) {
  await tabTo(page, /^Read the training agreement and answer the offer$/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /^CE Provider Training Agreement/ }).waitFor();
  for (const part of [/every live class listed above/, /responsibilities above/, /attendance policy above/]) {
    await tabTo(page, part);
    await page.keyboard.press('Space');
  }
  await tabTo(page, /^Accept the seat and sign$/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'You accepted the seat and signed the agreement' }).waitFor();
}

/** Back to the application's page by keyboard (the link at the foot of the agreement). */
export async function keyboardBackToApplication(page: Page) {
  await tabTo(page, /^Back to the application$/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /^Application: / }).waitFor();
}

/** From any signed-in page: My classes → the course's homework → the assignment → the work typed → handed in. */
export async function keyboardHandIn(page: Page, title: string, assignment: string, work: string) {
  await tabTo(page, /^My classes$/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'My classes' }).waitFor();
  await tabTo(page, new RegExp(`^Homework for ${title.replace(/[()]/g, '\\$&')}$`));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: `Homework: ${title}` }).waitFor();
  await tabTo(page, new RegExp(`^Hand in: ${assignment}$`));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: `Hand in: ${assignment}` }).waitFor();
  await tabTo(page, /^Your work$/);
  await page.keyboard.type(work);
  await tabTo(page, /^Hand in$/);
  await page.keyboard.press('Enter');
  await page
    .locator('main')
    .getByText(/^Handed in .*: on time\.$/)
    .first()
    .waitFor();
}
