import { REGIONS } from '../../shared/domain/vocabulary';
import { plan } from '../support/plan';
import { callApi, expectAccessible, openPage, screenshot, setClock, tokenOf, useBrowser } from './support';

const browser = useBrowser();

/** A published iteration open for applications and a provider agency in two regions, seeded through the API. */
beforeAll(async () => {
  await setClock('2026-12-10T10:00:00-05:00');
  const ads = await tokenOf('ads-staff');
  const created = await callApi('/ads/iterations', {
    method: 'POST',
    token: ads,
    json: plan({ title: 'Spring 2027 (web)' }),
  });
  expect(created.status).toBe(201);
  const published = await callApi(`/ads/iterations/${created.body.id}/publish`, { method: 'POST', token: ads });
  expect(published.status).toBe(200);
  const provider = await callApi('/ads/providers', {
    method: 'POST',
    token: ads,
    json: {
      name: 'Harbor Supports (web)',
      regions: ['North', 'West'],
      contractsWithAds: 'yes',
      contractsWithDds: 'yes',
      contact: { name: 'Lee Contact', email: 'lee@harbor.example.org' },
    },
  });
  expect(provider.status).toBe(201);
}, 60_000);
afterAll(() => setClock());

test('the home page: title, skip link to the main content, banner, navigation, footer with the accessibility statement', async () => {
  const page = await openPage(browser(), '/');
  expect(await page.title()).toBe('Customized Employment certification — CT Customized Employment certification');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  await skip.press('Enter');
  expect(page.url()).toMatch(/#main-content$/);
  await expect(page.getByRole('region', { name: /official website/i }).count()).resolves.toBe(1);
  await expect(
    page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Sign in' }).count(),
  ).resolves.toBe(1);
  await expect(
    page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).count(),
  ).resolves.toBe(1);
  await expectAccessible(page);
  await screenshot(page, 'home');
  // The public verification is one link away, for employers.
  await page.getByRole('link', { name: 'Check a certificate' }).click();
  await page.waitForURL('**/verify');
  await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toMatch(/certificate/i);
  await page.context().close();
});

test('courses: the open iteration with its window and live classes in Connecticut time, seats per region, the calendar download', async () => {
  const page = await openPage(browser(), '/iterations');
  await page.getByRole('heading', { name: 'Spring 2027 (web)' }).waitFor();
  // Other test files publish courses too: read this course's own section.
  const course = page.getByRole('region', { name: 'Spring 2027 (web)' });
  const text = await course.innerText();
  expect(text).toContain('Applications close Friday, January 15, 2027 at 5:00 PM (Connecticut time).');
  expect(text).toContain('Tuesday, February 2, 2027, 9:00 AM–12:00 PM');
  expect(text).toContain('Tuesday, March 16, 2027, 9:00 AM–12:00 PM');
  const seats = await course.getByRole('table').innerText();
  expect(seats.replace(/\s+/g, ' ')).toContain('North South West Total 4 3 2 9');
  await screenshot(page, 'iterations');
  const calendar = page.getByRole('link', { name: /Download the live classes of Spring 2027 \(web\)/ });
  const [download] = await Promise.all([page.waitForEvent('download'), calendar.click()]);
  const ics = await download.createReadStream().then(async (stream) => {
    let body = '';
    for await (const chunk of stream) body += chunk;
    return body;
  });
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toMatch(/DTSTART[^:\n]*:20270202T/);
  expect(ics).toMatch(/DTSTART[^:\n]*:20270316T/);
  await expectAccessible(page);
  await page.context().close();
});

test('provider agencies: every region on one page, an agency listed under each region it covers', async () => {
  const page = await openPage(browser(), '/providers');
  await page.getByText('Harbor Supports (web)').first().waitFor();
  for (const region of REGIONS) await page.getByRole('heading', { name: `${region} region` }).waitFor();
  const listed = await page
    .locator('main section')
    .evaluateAll((sections) =>
      sections.map((s) => [s.querySelector('h2')?.textContent, s.textContent?.includes('Harbor Supports (web)')]),
    );
  expect(listed).toEqual([
    ['North region', true],
    ['South region', false],
    ['West region', true],
  ]);
  await expectAccessible(page);
  await screenshot(page, 'providers');
  await page.context().close();
});

test('the accessibility statement names a contact; an unknown address says so; navigation moves focus to the new h1', async () => {
  const page = await openPage(browser(), '/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).click();
  await page.getByRole('heading', { name: 'Accessibility statement', level: 1 }).waitFor();
  expect(await page.title()).toBe('Accessibility statement — CT Customized Employment certification');
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Accessibility statement');
  await expect(page.getByRole('link', { name: /@ads\.example\.org/ }).getAttribute('href')).resolves.toMatch(
    /^mailto:/,
  );
  await expectAccessible(page);
  await page.goto('/no-such-page');
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await expectAccessible(page);
  await page.context().close();
});

test('the static files carry their security headers; /api and the server-rendered prefixes reach the API', async () => {
  const { webUrl } = (await import('./support')).stack();
  const index = await fetch(`${webUrl}/iterations`);
  expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
  expect(index.headers.get('x-frame-options')).toBe('DENY');
  expect(index.headers.get('cache-control')).toBe('no-cache');
  expect(await index.text()).toContain('<div id="root">');
  expect((await fetch(`${webUrl}/assets/missing.js`)).status).toBe(404);
  expect((await fetch(`${webUrl}/uswds/css/uswds.min.css`)).status).toBe(200);
  expect((await callApi('/iterations')).status).toBe(200);
  // The verification page is the API's (server-rendered), not the app's index.html.
  expect(await (await fetch(`${webUrl}/verify/CE-0000-0000`)).text()).not.toContain('<div id="root">');
});
