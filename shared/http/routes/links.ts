import * as z from 'zod/mini';
import { route } from '../route';
import { described, formText, meta } from '../schemas';

const token = described(
  z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'not a valid link')),
  'The secret of the link, from the email (256 random bits).',
);
const tag = 'Supervisor links';

export const linkRoutes = {
  viewLink: route({
    operationId: 'viewLink',
    method: 'GET',
    path: '/links/{token}',
    area: 'links',
    access: 'public',
    tag,
    summary: 'What a supervisor link asks (a page); opening it changes nothing',
    params: z.strictObject({ token }),
    success: {
      status: 200,
      description: 'An HTML page with a confirm button',
      contentType: 'text/html; charset=utf-8',
    },
    problems: [404, 410],
  }),
  confirmLink: route({
    operationId: 'confirmLink',
    method: 'POST',
    path: '/links/{token}/confirm',
    area: 'links',
    access: 'public',
    tag,
    summary: 'Confirm what the link asks (endorse an application, co-sign a training agreement); works once',
    params: z.strictObject({ token }),
    success: { status: 200, description: 'An HTML page saying what was done', contentType: 'text/html; charset=utf-8' },
    problems: [404, 410],
  }),
  declineLink: route({
    operationId: 'declineLink',
    method: 'POST',
    path: '/links/{token}/decline',
    area: 'links',
    access: 'public',
    tag,
    summary: 'Answer an endorsement link with "I do not endorse this", optionally saying why; works once',
    description:
      "The link page's decline form posts here (an HTML form; JSON is accepted too). The applicant is emailed, with the reason if given, and may name another supervisor while the window is open.",
    params: z.strictObject({ token }),
    body: meta(
      z.strictObject({
        reason: meta(z.optional(formText(1000)), {
          description: 'Why the supervisor does not endorse it (optional; the applicant reads it; empty means none).',
        }),
      }),
      { id: 'EndorsementDeclineInput' },
    ),
    form: true,
    success: { status: 200, description: 'An HTML page saying what was done', contentType: 'text/html; charset=utf-8' },
    problems: [404, 409, 410],
  }),
} as const;
