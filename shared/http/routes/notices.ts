import * as z from 'zod/mini';
import { route } from '../route';
import { instant, meta, page, pageQuery, reason, whole } from '../schemas';

const period = meta(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'use YYYY-MM')), {
  description: 'The notice period: a calendar month.',
  example: '2027-03',
});
const Notice = meta(
  z.object({
    period: z.string(),
    noticeOn: z.string(),
    status: z.enum(['sending', 'sent', 'failed', 'unknown']),
    attempts: z.number(),
    recipients: z.array(z.string()),
    count: z.number(),
    expiringCount: z.optional(z.number()),
    expiredCount: z.optional(z.number()),
    messageId: z.optional(z.string()),
    lastError: z.optional(z.string()),
    sentAt: z.optional(instant),
    resends: z.array(
      z.object({
        at: instant,
        by: z.string(),
        reason: z.string(),
        status: z.string(),
        messageId: z.optional(z.string()),
      }),
    ),
  }),
  { id: 'DdsNotice' },
);
const settingsFields = {
  renewalWindowMonths: meta(whole(1, 24), { description: 'The renewal window opens this many months before expiry.' }),
  graceDays: meta(whole(0, 365), {
    description: 'Days after expiry during which a holder may still recertify without starting over (not active).',
  }),
  renewFrom: meta(z.enum(['old-expiry-if-unexpired', 'issue-date']), {
    description: 'A renewal before expiry runs from the old expiry date (no time lost), or always from the issue date.',
  }),
  reminderDays: meta(z.array(whole(1, 730)).check(z.maxLength(10)), {
    description: 'Reminder points, in days before expiry.',
  }),
  noticeWindowDays: meta(whole(7, 365), { description: 'How far ahead the monthly DDS notice looks.' }),
};
const Settings = meta(z.object({ ...settingsFields, version: z.number() }), { id: 'LifecycleSettings' });
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
    problems: [400, 401, 403],
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
    problems: [400, 401, 403, 404, 409, 503],
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
    problems: [401, 403],
  }),
  putLifecycleSettings: route({
    operationId: 'putLifecycleSettings',
    method: 'PUT',
    path: '/ads/settings/lifecycle',
    area: 'notices',
    access: ads,
    tag,
    summary: 'Change the lifecycle settings (send the version you read; audited)',
    body: z.strictObject({ ...settingsFields, version: whole(0, 1_000_000) }),
    success: { status: 200, description: 'The settings as saved', schema: Settings },
    problems: [400, 401, 403, 409],
  }),
} as const;
