import { JSDOM } from 'jsdom';
import { violations } from '../support/axe';
import type { Application } from '../../shared/domain/application';
import * as templates from '../../shared/email/templates';
import type { EmailMessage } from '../../shared/email/message';

const application = {
  applicant: {
    name: 'Łukasz Nowak',
    email: 'lukasz@provider.example.org',
    jobTitle: 'Job developer',
    position: 'direct-service',
  },
  supervisor: { name: 'Dana <Supervisor>', email: 'dana@provider.example.org' },
  providerName: 'North & South Supports',
  region: 'North',
} as unknown as Application;
const iteration = {
  title: 'CE Certification — Spring 2027',
  classDates: ['2027-03-02', '2027-03-04', '2027-03-09'],
  applicationClosesAt: '2027-02-15T17:00:00.000-05:00',
};
const link = 'https://ce.example.org/links/abc123?x=1&y=2';
const holder = { name: 'Ana María Pérez', email: 'ana@example.org' };

/** Every template, with values that exercise its lists, links and tables. */
const EMAILS: Record<string, EmailMessage> = {
  applicationReceipt: templates.applicationReceipt(application, iteration),
  endorsementRequest: templates.endorsementRequest(application, iteration, link),
  applicationEndorsed: templates.applicationEndorsed(application, iteration),
  endorsementDeclined: templates.endorsementDeclined(application, iteration, 'Not on my <team> this season'),
  endorsementLinkWithdrawn: templates.endorsementLinkWithdrawn(application, iteration, {
    name: 'Former Supervisor',
    email: 'former@provider.example.org',
  }),
  endorsementReminder: templates.endorsementReminder(application, iteration),
  supervisorRefused: templates.supervisorRefused(application, iteration, 'The agency has no such supervisor'),
  applicationNotConsidered: templates.applicationNotConsidered(application, iteration),
  seatOffered: templates.seatOffered(
    application,
    iteration,
    '2027-02-22T23:59:00.000-05:00',
    'https://ce.example.org/',
  ),
  waitlisted: templates.waitlisted(application, iteration, 3),
  agreementCosignRequest: templates.agreementCosignRequest(
    application,
    iteration,
    link,
    '2027-02-22T23:59:00.000-05:00',
  ),
  enrolled: templates.enrolled(application, iteration, [
    { date: '2027-03-02', joinUrl: 'https://meet.example.org/ce-spring?pwd=1&x=2' },
    { date: '2027-03-04', joinUrl: 'https://meet.example.org/ce-spring?pwd=1&x=2' },
  ]),
  enrolledSupervisorNotice: templates.enrolledSupervisorNotice(application, iteration),
  seatReleased: templates.seatReleased(application, iteration, 'lapsed'),
  waitlistEnded: templates.waitlistEnded(
    application,
    iteration,
    {
      title: 'CE Certification — Fall 2027',
      opensAt: '2027-07-01T09:00:00.000-04:00',
      closesAt: '2027-08-01T17:00:00.000-04:00',
    },
    'https://ce.example.org/',
  ),
  cannotQualify: templates.cannotQualify(application, iteration, 'Absent on March 2', ['ads@example.org']),
  homeworkReminder: templates.homeworkReminder(
    application,
    iteration,
    'Discovery profile',
    '2027-03-15T23:59:00.000-04:00',
    'https://ce.example.org/',
  ),
  homeworkFileQuarantined: templates.homeworkFileQuarantined(
    application,
    iteration,
    'Discovery profile <draft>',
    'profile & notes.docx',
  ),
  homeworkReturned: templates.homeworkReturned(
    application,
    iteration,
    'Discovery profile',
    'Add the <job seeker> interests',
    'https://ce.example.org/',
  ),
  certificationsIssued: templates.certificationsIssued(
    application,
    iteration.title,
    [
      { number: 'CT-CE-ABCD-EFGH-JKMN-PQRS', stage: 'Discovery', expiresOn: '2030-03-20' },
      { number: 'CT-CE-ABCD-EFGH-JKMN-PQRT', stage: 'Post-Employment Supports', expiresOn: '2030-03-20' },
    ],
    'https://ce.example.org/',
  ),
  standingChanged: templates.standingChanged(
    holder,
    'CT-CE-ABCD-EFGH-JKMN-PQRS',
    'Discovery',
    'suspended',
    'Under review',
  ),
  legalNameChanged: templates.legalNameChanged(
    holder,
    'Rosa Díaz',
    'Marriage certificate seen by ADS',
    'https://ce.example.org/',
  ),
  expiryReminder: templates.expiryReminder(
    holder,
    'sup@example.org',
    [{ number: 'CT-CE-ABCD-EFGH-JKMN-PQRS', stage: 'Discovery' }],
    '2030-03-20',
    90,
    'https://ce.example.org/',
  ),
  qualificationRestored: templates.qualificationRestored(
    application,
    iteration,
    'ADS corrected your attendance at the live class of Tuesday, March 2, 2027: you are now recorded as present',
    ['ads@example.org'],
    'https://ce.example.org/',
  ),
  agencyExpiryWatch: templates.agencyExpiryWatch(
    { name: 'Riley Park', email: 'riley@provider.example.org' },
    'North & South Supports',
    [
      {
        holderName: 'Ana María Pérez',
        stage: 'Discovery',
        number: 'CT-CE-ABCD-EFGH-JKMN-PQRS',
        expiresOn: '2030-03-20',
        daysBefore: 90,
      },
      {
        holderName: 'Łukasz Nowak',
        stage: 'Post-Employment Supports',
        number: 'CT-CE-BCDE-FGHJ-KMNP-QRST',
        expiresOn: '2030-01-10',
        daysBefore: 30,
      },
    ],
    'https://ce.example.org/agency',
  ),
};

describe.each(Object.entries(EMAILS))('the %s email', (_name, email) => {
  const document = new JSDOM(email.html).window.document;

  it('has no WCAG 2.1 A/AA violations axe-core can find', async () => {
    expect(await violations(email.html)).toEqual([]);
  });

  it('names its language and has the subject as its title', () => {
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe(email.subject);
  });

  it('carries in its plain-text part every link, list item and table cell of its HTML part', () => {
    const pieces = [
      ...[...document.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
      ...[...document.querySelectorAll('li, td, th, caption')].map((e) => e.textContent ?? ''),
      ...[...document.querySelectorAll('p')].map((e) => (e.textContent ?? '').slice(0, 40)),
    ];
    for (const piece of pieces) expect(email.text).toContain(piece);
  });

  it('gives every table column a header cell', () => {
    for (const table of document.querySelectorAll('table')) {
      expect(table.querySelectorAll('thead th[scope="col"]').length).toBe(table.querySelector('tr')?.children.length);
      expect(table.querySelector('caption')?.textContent).toBeTruthy();
    }
  });
});

it('checks every email template there is (a new template needs a case here)', () => {
  expect(Object.keys(EMAILS).sort()).toEqual(Object.keys(templates).sort());
});

describe('structure where the content has it', () => {
  const dom = (email: EmailMessage) => new JSDOM(email.html).window.document;

  it('lists the live classes as an ordered list, one item per class', () => {
    const items = dom(EMAILS.seatOffered!).querySelectorAll('ol > li');
    expect([...items].map((li) => li.textContent)).toEqual([
      'Tuesday, March 2, 2027, 9:00 AM–12:00 PM',
      'Thursday, March 4, 2027, 9:00 AM–12:00 PM',
      'Tuesday, March 9, 2027, 9:00 AM–12:00 PM',
    ]);
  });

  it('makes links real links, escaped, in the supervisor emails', () => {
    for (const email of [EMAILS.endorsementRequest!, EMAILS.agreementCosignRequest!]) {
      expect([...dom(email).querySelectorAll('a')].map((a) => a.href)).toEqual([link]);
    }
  });

  it('gives each certificate its permanent public verification link', () => {
    const hrefs = [...dom(EMAILS.certificationsIssued!).querySelectorAll('td a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([
      'https://ce.example.org/verify/CT-CE-ABCD-EFGH-JKMN-PQRS',
      'https://ce.example.org/verify/CT-CE-ABCD-EFGH-JKMN-PQRT',
    ]);
  });

  it("gives the learner the classes' meeting links as real links, and never the supervisor", () => {
    const learner = EMAILS.enrolled!;
    expect(learner.to).toEqual([application.applicant.email]);
    expect(learner.cc ?? []).toEqual([]);
    expect([...dom(learner).querySelectorAll('td a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://meet.example.org/ce-spring?pwd=1&x=2',
      'https://meet.example.org/ce-spring?pwd=1&x=2',
    ]);
    const supervisor = EMAILS.enrolledSupervisorNotice!;
    expect(supervisor.to).toEqual([application.supervisor.email]);
    expect(`${supervisor.html}${supervisor.text}`).not.toContain('meet.example.org');
  });

  it('escapes what people typed', () => {
    expect(EMAILS.homeworkReturned!.html).toContain('Add the &lt;job seeker&gt; interests');
    expect(EMAILS.homeworkReturned!.html).not.toContain('<job seeker>');
  });
});

describe('emails that ask for an action link to its page, and write days as the pages do', () => {
  const links = (email: { html: string }) =>
    [...new JSDOM(email.html).window.document.querySelectorAll('a')].map((a) => a.getAttribute('href'));
  it.each([
    ['seatOffered', `/applications/${application.id}/agreement`],
    ['waitlistEnded', '/iterations'],
    ['homeworkReminder', `/learning/${application.id}/homework`],
    ['homeworkReturned', `/learning/${application.id}/homework`],
    ['expiryReminder', '/iterations'],
    ['qualificationRestored', `/learning/${application.id}/qualification`],
  ])('%s links %s', (name, path) => {
    expect(links(EMAILS[name]!)).toContain(`https://ce.example.org${path}`);
  });
  it('no email writes a day as YYYY-MM-DD', () => {
    for (const [name, email] of Object.entries(EMAILS))
      expect([name, `${email.subject}\n${email.text}`.match(/\b\d{4}-\d{2}-\d{2}\b/g)]).toEqual([name, null]);
  });
});
