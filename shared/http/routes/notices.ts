import * as z from 'zod/mini';
import { route } from '../route';
import { date, described, instant, meta, page, pageQuery, reason, whole } from '../schemas';

const period = meta(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'use YYYY-MM')), {
  description: 'The notice period: a calendar month.',
  example: '2027-03',
});
const Notice = meta(
  z.object({
    period: described(z.string(), 'The period: a calendar month, `YYYY-MM`.'),
    noticeOn: described(date, 'The day the notice was due (the 1st of the month).'),
    status: described(
      z.enum(['sending', 'sent', 'failed', 'unknown']),
      '`unknown`: the send timed out after SES may have taken it (an alarm; never resent automatically).',
    ),
    attempts: described(z.number(), 'How many times it was tried.'),
    recipients: described(z.array(z.string()), 'Who it went to at DDS.'),
    count: described(z.number(), 'How many certifications it lists.'),
    expiringCount: described(z.optional(z.number()), 'Of those, expiring within the notice window.'),
    expiredCount: described(z.optional(z.number()), 'Of those, expired since the last notice sent.'),
    messageId: described(z.optional(z.string()), "SES's message id, once sent."),
    lastError: described(z.optional(z.string()), 'Why the last attempt failed.'),
    sentAt: described(z.optional(instant), 'When it was sent.'),
    resends: described(
      z.array(
        z.object({
          at: described(instant, 'When ADS re-sent it.'),
          by: described(z.string(), 'Who re-sent it (their person id).'),
          byName: described(
            z.optional(z.string()),
            'Their current name, looked up when read; absent if the account has no name on record.',
          ),
          reason: described(z.string(), 'Why it was re-sent.'),
          status: described(z.string(), 'How the re-send went (`sent`, `failed`, `unknown`).'),
          messageId: described(z.optional(z.string()), "SES's message id of the re-send."),
        }),
      ),
      'Re-sends on purpose by ADS, oldest first.',
    ),
  }),
  { id: 'DdsNotice' },
);
/** What DDS may read of the notices sent to it: what was sent, when and to whom; not ADS's staff ids or SES errors. */
const NoticeSent = meta(
  z.object({
    period: Notice.shape.period,
    noticeOn: Notice.shape.noticeOn,
    status: Notice.shape.status,
    recipients: Notice.shape.recipients,
    count: Notice.shape.count,
    expiringCount: Notice.shape.expiringCount,
    expiredCount: Notice.shape.expiredCount,
    sentAt: Notice.shape.sentAt,
    resends: described(
      z.array(
        z.object({
          at: described(instant, 'When ADS re-sent it.'),
          reason: described(z.string(), 'Why it was re-sent.'),
          status: described(z.string(), 'How the re-send went (`sent`, `failed`, `unknown`).'),
        }),
      ),
      'Re-sends on purpose by ADS, oldest first.',
    ),
  }),
  { id: 'DdsNoticeSent' },
);
const settingsFields = {
  renewalWindowMonths: described(whole(1, 24), 'The renewal window opens this many months before expiry.'),
  graceDays: described(
    whole(0, 365),
    'Days after expiry during which a holder may still recertify without starting over (not active).',
  ),
  renewFrom: described(
    z.enum(['old-expiry-if-unexpired', 'issue-date']),
    'A renewal before expiry runs from the old expiry date (no time lost), or always from the issue date.',
  ),
  reminderDays: described(z.array(whole(1, 730)).check(z.maxLength(10)), 'Reminder points, in days before expiry.'),
  noticeWindowDays: described(whole(7, 365), 'How far ahead the monthly DDS notice looks.'),
};
const Settings = meta(
  z.object({ ...settingsFields, version: described(z.number(), 'The version to send back with a change.') }),
  { id: 'LifecycleSettings' },
);
const ads = ['ads-staff'] as const;
const tag = 'Expiry and recertification';

export const noticeRoutes = {
  listNotices: route({
    operationId: 'listNotices',
    method: 'GET',
    path: '/ads/notices',
    area: 'notices',
    access: ads,
    tag,
    summary: 'The expiring-certification notices sent to DDS: period, recipients, count, status, SES message id',
    query: z.strictObject(pageQuery),
    success: { status: 200, description: 'Latest period first', schema: page(Notice) },
  }),
  ddsNoticeHistory: route({
    operationId: 'ddsNoticeHistory',
    method: 'GET',
    path: '/dds/notices',
    area: 'notices',
    access: ['dds'],
    tag,
    summary: 'For DDS: the history of the expiring-certification notices sent to DDS (read only)',
    description:
      "What was sent, when, to whom and how many certifications it listed, and ADS's deliberate re-sends with their reason; not who at ADS re-sent it, nor SES's error text.",
    query: z.strictObject(pageQuery),
    success: { status: 200, description: 'Latest period first', schema: page(NoticeSent) },
  }),
  sentNoticeList: route({
    operationId: 'sentNoticeList',
    method: 'GET',
    path: '/notices/{period}/list.csv',
    area: 'notices',
    access: ['ads-staff', 'dds'],
    tag,
    summary: "A period's notice list as it was sent: the CSV attached to the email, byte for byte",
    description: 'What DDS received (the first send; a re-send sends the same list), to open again from the history.',
    params: z.strictObject({ period }),
    success: { status: 200, description: 'text/csv', contentType: 'text/csv; charset=utf-8' },
    problems: [404],
  }),
  resendNotice: route({
    operationId: 'resendNotice',
    method: 'POST',
    path: '/ads/notices/{period}/resend',
    area: 'notices',
    access: ads,
    tag,
    summary: "Re-send a period's notice on purpose, with a reason (audited)",
    params: z.strictObject({ period }),
    body: z.strictObject({ reason }),
    success: { status: 200, description: 'The notice with its re-sends', schema: Notice },
    problems: [404],
  }),
  getLifecycleSettings: route({
    operationId: 'getLifecycleSettings',
    method: 'GET',
    path: '/ads/settings/lifecycle',
    area: 'notices',
    access: ads,
    tag,
    summary:
      'The certification lifecycle settings (renewal window, grace period, renewal dating, reminders, notice window)',
    success: { status: 200, description: 'The settings', schema: Settings },
  }),
  putLifecycleSettings: route({
    operationId: 'putLifecycleSettings',
    method: 'PUT',
    path: '/ads/settings/lifecycle',
    area: 'notices',
    access: ads,
    tag,
    summary: 'Change the lifecycle settings (send the version you read; audited)',
    body: z.strictObject({
      ...settingsFields,
      version: described(whole(0, 1_000_000), 'The version you read; a stale one gets 409.'),
    }),
    success: { status: 200, description: 'The settings as saved', schema: Settings },
  }),
} as const;
