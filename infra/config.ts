import type { Node } from 'constructs';

/**
 * Deployment settings, from CDK context (`cdk.json`, or `-c key=value` on the command line). Constructs receive
 * these through props; nothing inside a construct reads the environment.
 */
export interface DeployConfig {
  /** The SES identity the backend sends from (verified in SES first). */
  senderEmail: string;
  /** Who receives the expiring-certification notice at DDS. */
  ddsNoticeRecipients: string[];
  /** The ADS team mailbox told when a learner can no longer qualify, etc. */
  adsNotifyEmails: string[];
  /** Browser origins allowed to call the API (CORS). */
  allowedOrigins: string[];
  /** Where alarm notifications go (optional). */
  alarmEmail?: string;
}

const list = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string' && value !== ''
      ? value.split(',').map((s) => s.trim())
      : [];

/**
 * The browser origins allowed to call the API (CORS), from the `ce:allowedOrigins` context: CDK reads it through
 * here, and so does the local gateway (from `cdk.json`), so both allow the same origins.
 */
export const allowedOrigins = (context: (key: string) => unknown): string[] => list(context('ce:allowedOrigins'));

export function readConfig(node: Node): DeployConfig {
  const get = (key: string) => node.tryGetContext(`ce:${key}`) as unknown;
  const config: DeployConfig = {
    senderEmail: String(get('senderEmail') ?? ''),
    ddsNoticeRecipients: list(get('ddsNoticeRecipients')),
    adsNotifyEmails: list(get('adsNotifyEmails')),
    allowedOrigins: allowedOrigins((key) => node.tryGetContext(key)),
    alarmEmail: get('alarmEmail') ? String(get('alarmEmail')) : undefined,
  };
  const missing = [
    !config.senderEmail && 'ce:senderEmail',
    config.ddsNoticeRecipients.length === 0 && 'ce:ddsNoticeRecipients',
    config.adsNotifyEmails.length === 0 && 'ce:adsNotifyEmails',
    config.allowedOrigins.length === 0 && 'ce:allowedOrigins',
  ].filter(Boolean);
  if (missing.length > 0) throw new Error(`Missing CDK context: ${missing.join(', ')} (see README, "Deploying")`);
  return config;
}
