import { courseRoutes } from '../../shared/http/routes/course';
import { iterationRoutes } from '../../shared/http/routes/iterations';
import type { RouteSpec } from '../../shared/http/route';
import { at, useClockReset } from '../support/clock';
import { createIteration, enrolledLearners, springPlan } from '../support/fixtures';
import { ads, type As, invoke } from '../support/invoke';
import { allItems } from '../support/stored';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

/**
 * Every link a person types that others later follow — an iteration's and a class's meeting URL (the enrolment
 * email, the classes page, the calendar feed) and a homework link (the learner's and ADS's homework pages) — is
 * https only. Anything else is a 400 naming the field, and nothing is written.
 */
const REFUSED = [
  'javascript:alert(1)',
  'JavaScript:alert(document.cookie)',
  'data:text/html,<script>alert(1)</script>',
  'http://meet.example.org/ce-spring-2027',
  'ftp://files.example.org/profile',
  'mailto:ads@ads.example.org',
  'vbscript:msgbox(1)',
  '//meet.example.org/ce',
  'https://localhost/ce',
  'https://user:secret@meet.example.org/ce',
  'https://meet.example.org/a b',
  ' https://meet.example.org/ce',
  'meet.example.org/ce',
];

/** Calls `route` with a body carrying `url`; expects 400 naming `field`, and the table exactly as it was. */
async function refuses(
  route: RouteSpec,
  call: { as: As; params?: Record<string, string> },
  body: unknown,
  field: string,
) {
  const before = await allItems();
  const answer = await invoke(route, { ...call, body });
  expect(answer.status).toBe(400);
  expect(answer.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  expect(await allItems()).toEqual(before);
}

describe('meeting URLs', () => {
  it.each(REFUSED)('an iteration and a class refuse %j', async (url) => {
    at('2026-11-22T12:00:00-05:00');
    await refuses(iterationRoutes.createIteration, { as: ads }, springPlan({ joinUrl: url }), 'body.joinUrl');
    await refuses(
      iterationRoutes.createIteration,
      { as: ads },
      springPlan({ liveClasses: [{ date: '2027-02-02' }, { date: '2027-02-09', joinUrl: url }] }),
      'body.liveClasses.1.joinUrl',
    );
    const { id, version } = await createIteration();
    await refuses(
      iterationRoutes.updateIteration,
      { as: ads, params: { iterationId: id } },
      { ...springPlan({ joinUrl: url }), version },
      'body.joinUrl',
    );
    await refuses(
      iterationRoutes.correctCalendar,
      { as: ads, params: { iterationId: id } },
      {
        version,
        liveClasses: [{ date: '2027-02-02', joinUrl: url }],
        assignments: springPlan().assignments,
        reason: 'The meeting moved',
      },
      'body.liveClasses.0.joinUrl',
    );
  });

  it('takes an https meeting URL with a query string', async () => {
    at('2026-11-22T12:00:00-05:00');
    const join = 'https://meet.example.org/j/123?pwd=a1,b2;c3';
    const created = await invoke(iterationRoutes.createIteration, { as: ads, body: springPlan({ joinUrl: join }) });
    expect([created.status, created.body.joinUrl]).toEqual([201, join]);
  });
});

describe('homework links', () => {
  it('refuses every scheme but https, writes nothing, and takes an https link', async () => {
    const { iteration, learners } = await enrolledLearners(1);
    const [a] = learners;
    const hw = iteration.assignments[0]!;
    const call = { as: a!.who, params: { applicationId: a!.applicationId, assignmentId: hw.id } };
    at('2027-03-10T10:00:00-05:00');
    for (const url of REFUSED) await refuses(courseRoutes.submitHomework, call, { link: url }, 'body.link');
    await refuses(courseRoutes.submitHomework, call, { text: 'My profile', link: REFUSED[0] }, 'body.link');
    const link = 'https://drive.example.org/discovery-profile?usp=sharing';
    const handed = await invoke(courseRoutes.submitHomework, { ...call, body: { link } });
    expect(handed.status).toBe(201);
    expect(handed.body.submissions.map((s: { link?: string }) => s.link)).toEqual([link]);
  });
});
