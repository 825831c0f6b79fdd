/**
 * Homework as files on the hand-in page: the limits in the hint (from the API), a file refused by its content and
 * one over the size limit (the API's refusals on the file field), an upload straight to the local S3 server (CORS,
 * CSP) recorded and shown with its scan state, downloaded, another deleted before the deadline, the hand-in with
 * the file, and deleting refused after the deadline. One seeded iteration for the file; axe on every state.
 */
import type { Page } from 'playwright-core';
import { type Learner, seedEnrolment } from './enrolment';
import { callApi, expectAccessible, expectStatus, openPage, screenshot, setClock, stack, useBrowser } from './support';

const browser = useBrowser();
const TITLE = 'Spring 2027 (files)';
let learner: Learner;

beforeAll(async () => {
  ({ learner } = await seedEnrolment(TITLE));
}, 120_000);
afterAll(() => setClock());

const pdf = (size = 1500) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size - 9, 0x20)]);
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(400, 1)]);
const main = (page: Page) => page.locator('main').innerText();
const fileInput = (page: Page) => page.getByLabel('Add files');
const choose = (page: Page, name: string, mimeType: string, buffer: Buffer) =>
  fileInput(page).setInputFiles({ name, mimeType, buffer });
const uploadButton = (page: Page) => page.getByRole('button', { name: 'Upload chosen files' });

test('hand in with files: refused by content and by size on the file field, uploaded, downloaded, deleted, handed in; no deleting after the deadline', async () => {
  await setClock('2027-02-10T09:30:00-05:00');
  const items = (await callApi(`/me/applications/${learner.applicationId}/homework`, { token: learner.token })).body
    .items as { assignmentId: string; title: string }[];
  const plan = items.find((h) => h.title === 'Job development plan')!;
  const path = `/learning/${learner.applicationId}/homework/${plan.assignmentId}`;

  const page = await openPage(browser(), path);
  await page.getByLabel('Email').fill(learner.email);
  await page.getByLabel('Password').fill(learner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hand in: Job development plan' }).waitFor();
  await page.getByText('No files uploaded yet.').waitFor();
  // The hint names the accepted types and ADS's limits, as the API gives them.
  const hint = await page.locator('#field-file-hint').innerText();
  expect(hint).toContain(
    'Accepted: PDF, Word, PowerPoint, Excel, Word 97–2003, PowerPoint 97–2003, PNG image, JPEG image.',
  );
  expect(hint).toContain('Up to 10 MB each; at most 5 files on this assignment');
  await expectAccessible(page);

  // Nothing chosen: the page's own check on the file field.
  await uploadButton(page).click();
  await page.locator('#field-file-error').waitFor();
  await expectAccessible(page);

  // Text called a PDF: S3 takes it, the API reads it, deletes it and refuses it — on the file field.
  await choose(page, 'notes.pdf', 'application/pdf', Buffer.from('just some text, not a PDF at all'));
  await uploadButton(page).click();
  await expect(page.locator('#field-file-error').innerText()).resolves.toBe('notes.pdf: the content is not a PDF file');
  await expect(fileInput(page).getAttribute('aria-invalid')).resolves.toBe('true');
  expect(await main(page)).toContain('No files uploaded yet.');
  await expectAccessible(page);

  // A type that cannot be handed in: refused before anything is sent, naming the accepted types in words.
  await choose(page, 'notes.zip', 'application/zip', Buffer.from('PK'));
  await uploadButton(page).click();
  await expect(page.locator('#field-file-error').textContent()).resolves.toBe(
    'notes.zip: not a type of file that can be handed in (accepted: PDF, Word, PowerPoint, Excel, Word 97–2003, PowerPoint 97–2003, PNG image, JPEG image)',
  );
  await expectAccessible(page);

  // Over ADS's size limit (10 MB): refused before anything is uploaded.
  await choose(page, 'scan.pdf', 'application/pdf', pdf(11 * 1024 * 1024));
  await uploadButton(page).click();
  await page.locator('#field-file-error', { hasText: 'scan.pdf: files may be at most 10 MB' }).waitFor();
  await expectAccessible(page);

  // Within the limits: posted straight to the local S3 server, recorded, waiting for its scan.
  await choose(page, 'Job plan — Ana.pdf', 'application/pdf', pdf());
  await uploadButton(page).click();
  await expectStatus(page, /Job plan — Ana\.pdf uploaded: scan pending/);
  await page.getByText('Job plan — Ana.pdf (2 KB): scan pending').waitFor();
  expect(await page.locator('#field-file-error').count()).toBe(0);
  await expectAccessible(page);

  // The learner downloads their own file (a pre-signed GET, saved under its name).
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download Job plan — Ana.pdf' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('Job plan — Ana.pdf');

  // A second file, then deleted (before the deadline) to replace nothing.
  await choose(page, 'photo.png', 'image/png', png());
  await uploadButton(page).click();
  await page.getByText('photo.png (1 KB): scan pending').waitFor();
  await page.getByRole('button', { name: 'Delete photo.png' }).click();
  await expectStatus(page, 'photo.png deleted.');
  await expect(page.getByText('photo.png (1 KB)').count()).resolves.toBe(0);
  await expectAccessible(page);

  // Handed in with the file alone (no text, no link).
  await page.getByRole('button', { name: 'Hand in', exact: true }).click();
  const stamp = 'Handed in Wednesday, February 10, 2027 at 9:30 AM (Connecticut time): on time.';
  await page.locator('main').getByText(`${stamp} Files: Job plan — Ana.pdf.`).waitFor();
  await expectStatus(page, stamp);
  const handed = await callApi(`/me/applications/${learner.applicationId}/homework`, { token: learner.token });
  const latest = handed.body.items.find((h: { assignmentId: string }) => h.assignmentId === plan.assignmentId)
    .submissions[0];
  expect(latest.files).toEqual([expect.objectContaining({ name: 'Job plan — Ana.pdf', status: 'scan-pending' })]);
  await expectAccessible(page);
  await screenshot(page, 'hand-in-files');

  // After the deadline the files handed in are the record: deleting is refused, in words.
  await setClock('2027-02-13T09:00:00-05:00');
  await page.reload();
  await page.getByRole('button', { name: 'Delete Job plan — Ana.pdf' }).click();
  await page
    .getByRole('alert')
    .getByText(/The deadline .* has passed/)
    .waitFor();
  await page.getByText('Job plan — Ana.pdf (2 KB): scan pending').waitFor();
  await expectAccessible(page);
  await page.context().close();
}, 90_000);

test("the web app's static files allow posting uploads to the file store (CSP connect-src), and only that", async () => {
  const index = await fetch(stack().webUrl);
  const csp = index.headers.get('content-security-policy') ?? '';
  expect(csp).toContain(`connect-src 'self' ${stack().webUrl} ${new URL(stack().s3Endpoint).origin}`);
  expect(csp).toContain("form-action 'self'");
});
