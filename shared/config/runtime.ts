import * as z from 'zod/mini';
import { addresses, count, readEnv, text } from './env';

/**
 * The runtime configuration of every API and job function, validated once at cold start. The CDK stacks set these
 * variables; locally `scripts/local/environment.ts` does.
 */
export const RuntimeEnv = z.object({
  TABLE_NAME: text,
  SENDER_EMAIL: text,
  /** The SES configuration set that publishes bounces and complaints (alarmed in AWS); none locally. */
  SES_CONFIGURATION_SET: z.optional(text),
  /** SES has no idempotency key: a call that times out is recorded as of unknown outcome, never retried. */
  SES_TIMEOUT_MS: count(8000),
  /** Where the links in emails point (the API's own address). */
  PUBLIC_BASE_URL: z._default(z.url(), 'http://127.0.0.1:3000'),
  /** The ADS CE team, in copy when a learner can no longer qualify. */
  ADS_NOTIFY_EMAILS: addresses,
  /** Who receives the monthly DDS notice. */
  DDS_NOTICE_RECIPIENTS: addresses,
  /** Days an applicant has to accept an offer and have the agreement co-signed (never past the first class). */
  OFFER_RESPONSE_DAYS: count(7),
  /** Hours before a homework deadline that learners without a submission are reminded. */
  HOMEWORK_REMINDER_HOURS: count(48),
  /** Hours before the application window closes that applicants still without endorsement are reminded. */
  ENDORSEMENT_REMINDER_HOURS: count(72),
});

const env = readEnv(RuntimeEnv);

export const config = {
  tableName: env.TABLE_NAME,
  senderEmail: env.SENDER_EMAIL,
  sesConfigurationSet: env.SES_CONFIGURATION_SET,
  sesTimeoutMs: env.SES_TIMEOUT_MS,
  publicBaseUrl: env.PUBLIC_BASE_URL,
  adsTeam: env.ADS_NOTIFY_EMAILS,
  ddsNoticeRecipients: env.DDS_NOTICE_RECIPIENTS,
  offerResponseDays: env.OFFER_RESPONSE_DAYS,
  homeworkReminderHours: env.HOMEWORK_REMINDER_HOURS,
  endorsementReminderHours: env.ENDORSEMENT_REMINDER_HOURS,
} as const;
