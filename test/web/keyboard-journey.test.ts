import {
  allocateSeats,
  cosignFromEmail,
  DURING_WINDOW,
  endorseFromEmail,
  keyboardAcceptOffer,
  keyboardApply,
  keyboardBackToApplication,
  keyboardHandIn,
  keyboardSignIn,
  seedCourse,
  seedProfile,
  applicantToken,
} from './journey';
import { expectAccessible, expectStatus, newApplicant, openPage, setClock, useBrowser, waitForEmail } from './support';

const browser = useBrowser();
afterAll(() => setClock());

test('keyboard only: sign in → apply → (supervisor endorses) → offer (ADS allocates) → read the agreement → accept → (supervisor co-signs) → hand in homework', async () => {
  await setClock(DURING_WINDOW);
  const course = await seedCourse('Keyboard course (web)');
  const { email, password } = await newApplicant('keyboard');
  const supervisor = await seedProfile(await applicantToken(email, password), course.providerId);

  const page = await openPage(browser(), '/sign-in');
  await keyboardSignIn(page, email, password);
  await keyboardApply(page, course.title);
  await expectStatus(page, 'Your application is sent');
  await page.getByText(/Sam Supervisor \(.*\) was emailed a link to endorse it/).waitFor();
  await expectAccessible(page);

  await endorseFromEmail(supervisor);
  await allocateSeats(course.iterationId);
  await page.reload();
  await page.getByText('Seat offered: answer by the deadline').waitFor();
  await keyboardAcceptOffer(page);
  await expectStatus(page, /Sam Supervisor was emailed a link to co-sign/);
  await expect(waitForEmail(supervisor, /co-sign/i)).resolves.toBeDefined();
  await expectAccessible(page);
  await keyboardBackToApplication(page);
  await page.getByText('Accepted: waiting for your supervisor to co-sign').waitFor();

  // The supervisor co-signs; after the first class the learner hands in the homework, still with the keyboard.
  await cosignFromEmail(supervisor);
  await setClock('2027-02-03T10:00:00-05:00');
  await page.reload();
  await page
    .getByText(/Enrolled/)
    .first()
    .waitFor();
  await keyboardHandIn(page, course.title, 'Discovery profile', 'My discovery profile, typed without a mouse.');
  await expectStatus(page, /Handed in Wednesday, February 3, 2027 at 10:00 AM \(Connecticut time\): on time\./);
  await expectAccessible(page);
  await page.context().close();
}, 120_000);
