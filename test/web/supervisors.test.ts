/**
 * Who may vouch, in the browser: an applicant names a supervisor ADS has not authorised (nothing is sent to them and
 * the application says so); ADS authorises them on the Supervisors page, with a reason; the endorsement link then
 * reaches the supervisor; the endorsement (the agency's first confirmed member) is listed for review, and ADS
 * upholds it.
 */
import { applicantToken, DURING_WINDOW, endorseFromEmail, seedCourse } from './journey';
import {
  callApi,
  emailsTo,
  expectAccessible,
  expectStatus,
  newApplicant,
  openPage,
  screenshot,
  setClock,
  stack,
  uniqueEmail,
  useBrowser,
  STAFF_SIGN_IN,
} from './support';

const browser = useBrowser();
afterAll(() => setClock());

test('a supervisor ADS has not authorised gets nothing until ADS authorises them on the Supervisors page', async () => {
  await setClock(DURING_WINDOW);
  const course = await seedCourse(`Vouching course ${Date.now().toString(36)}`);
  const { email, password } = await newApplicant('vouch');
  const token = await applicantToken(email, password);
  const supervisor = uniqueEmail('unknown.supervisor');
  const saved = await callApi('/me/profile', {
    method: 'PUT',
    token,
    json: {
      name: 'Vera Vouch',
      jobTitle: 'Employment specialist',
      position: 'direct-service',
      providerId: course.providerId,
      supervisor: { name: 'Una Known', email: supervisor },
    },
  });
  expect(saved.body.supervisorStatus).toBe('pending');
  const applied = await callApi('/me/applications', {
    method: 'POST',
    token,
    json: {
      iterationId: course.iterationId,
      region: 'North',
      acknowledgement: { attendAllLiveClasses: true, homeworkByDeadlines: true },
      futureStaffPlanned: 1,
    },
  });
  expect(applied.status).toBe(201);

  // The applicant's page says ADS is confirming the supervisor; nothing went to them.
  const mine = await openPage(browser(), `/applications/${applied.body.id}`);
  await mine.getByLabel('Email').fill(email);
  await mine.getByLabel('Password').fill(password);
  await mine.getByRole('button', { name: 'Sign in' }).click();
  await mine.getByText(/ADS is confirming that Una Known .* may endorse applications for your agency/).waitFor();
  await expectAccessible(mine);
  expect(await emailsTo(supervisor)).toHaveLength(0);

  const page = await openPage(browser(), '/ads/supervisors');
  const ads = stack().users['ads-staff'];
  await page.locator('label', { hasText: STAFF_SIGN_IN }).click();
  await page.getByLabel('Email').fill(ads.email);
  await page.getByLabel('Password').fill(ads.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Supervisors and reviews' }).waitFor();
  const row = page.getByRole('row', { name: new RegExp(supervisor.replace(/[.]/g, '\\.')) });
  await expect(row.textContent()).resolves.toContain("Not on the agency's staff email domains");
  await expectAccessible(page);
  await screenshot(page, 'ads-supervisors');

  // A decision without a reason is refused on the page, in words, before anything is sent.
  await page
    .getByLabel('Supervisor', { exact: true })
    .selectOption({ label: `Una Known (${supervisor}), ${course.title} Supports` });
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.locator('#field-reason-error').waitFor();
  await page.getByLabel('Reason for the decision').fill('Called the agency: Una supervises Vera');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await expectStatus(page, /Una Known is authorised/);

  await endorseFromEmail(supervisor);

  // The agency's first confirmed member is flagged; ADS upholds it.
  await page.reload();
  await page.getByRole('row', { name: /Vera Vouch/ }).waitFor();
  await page.getByLabel('Endorsement', { exact: true }).selectOption({ label: `Vera Vouch, ${course.title} Supports` });
  await page.getByLabel('Reason for the outcome').fill('The agency confirmed Vera works there');
  await page.getByRole('button', { name: 'Record the outcome' }).click();
  await expectStatus(page, /The endorsement of Vera Vouch is upheld/);
  await expect(page.getByRole('row', { name: /Vera Vouch/ }).count()).resolves.toBe(0);
  await expectAccessible(page);
}, 120_000);
