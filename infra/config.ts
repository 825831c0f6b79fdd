import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';

/**
 * Deployment settings, from CDK context (`cdk.json`, or `-c key=value` on the command line). Constructs receive
 * these through props; nothing inside a construct reads the environment.
 */
export interface DeployConfig {
  /**
   * `production` (`ce:stage`) is the stage real people use: synth refuses it without the settings a first deployment
   * needs (see `productionProblems`). Any other name (the default, `development`) builds with what is given.
   */
  stage: string;
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
  /**
   * How long CloudWatch keeps every log group (function logs, API access logs): the state records schedule's period
   * for system logs, set by ADS's records officer. One of the periods CloudWatch Logs accepts.
   */
  logRetention: RetentionDays;
  /**
   * Days a homework file (and each replaced or deleted version of it) is kept: the state records schedule's period for
   * course records, set by ADS's records officer. Lifecycle rules delete them after it.
   */
  homeworkFileRetentionDays: number;
  /**
   * Days the audit archive's Object Lock keeps each audit record (compliance mode: nobody can shorten it, delete or
   * overwrite the object before then), the records schedule's period for the decisions of the certification record.
   */
  auditRetentionDays: number;
  backup: {
    /** Days each daily backup of the table is kept (point-in-time recovery separately covers the last 35 days). */
    retentionDays: number;
    /** A second region that receives a copy of each backup, in a vault of its own (optional). */
    copyRegion?: string;
  };
  concurrency: {
    /** The account's Lambda concurrent-executions quota in the deployment region (AWS's standard is 1,000). */
    accountQuota: number;
    /** Reserved concurrency per function name (`api-<area>`, `job-<name>`, `post-confirmation`). */
    reserved: Record<string, number>;
  };
}

/** AWS's standard Lambda concurrency quota per region; new accounts may start far lower. */
export const STANDARD_CONCURRENCY_QUOTA = 1000;

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

/** `-c key=value` arrives as a string; cdk.json gives numbers and objects. Both are accepted. */
const parsed = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};

const positiveInteger = (key: string, value: unknown): number => {
  const n = Number(parsed(value));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`CDK context ce:${key} must be a positive whole number`);
  return n;
};

const LOG_RETENTION_DAYS = new Set(Object.values(RetentionDays).filter((v): v is number => typeof v === 'number'));

export function readConfig(node: Node): DeployConfig {
  const get = (key: string) => node.tryGetContext(`ce:${key}`) as unknown;
  const missing = [
    'senderEmail',
    'ddsNoticeRecipients',
    'adsNotifyEmails',
    'allowedOrigins',
    'logRetentionDays',
    'backupRetentionDays',
    'homeworkFileRetentionDays',
    'auditRetentionDays',
    'reservedConcurrency',
  ]
    .filter((key) => {
      const value = get(key);
      return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    })
    .map((key) => `ce:${key}`);
  if (missing.length > 0) throw new Error(`Missing CDK context: ${missing.join(', ')} (see README, "Deploying")`);

  const logRetention = positiveInteger('logRetentionDays', get('logRetentionDays'));
  if (!LOG_RETENTION_DAYS.has(logRetention))
    throw new Error(
      `CDK context ce:logRetentionDays must be a period CloudWatch Logs accepts: ${[...LOG_RETENTION_DAYS].join(', ')}`,
    );
  const copyRegion = get('backupCopyRegion') ? String(get('backupCopyRegion')) : undefined;
  if (copyRegion && !/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(copyRegion))
    throw new Error(`CDK context ce:backupCopyRegion is not a region name: ${copyRegion}`);
  const reserved = parsed(get('reservedConcurrency'));
  if (typeof reserved !== 'object' || reserved === null || Array.isArray(reserved))
    throw new Error('CDK context ce:reservedConcurrency must map function names to numbers');

  const stage = get('stage') ? String(get('stage')) : 'development';
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(stage))
    throw new Error(`CDK context ce:stage must be a short lower-case name (e.g. production): ${stage}`);
  return {
    stage,
    senderEmail: String(get('senderEmail')),
    ddsNoticeRecipients: list(get('ddsNoticeRecipients')),
    adsNotifyEmails: list(get('adsNotifyEmails')),
    allowedOrigins: allowedOrigins((key) => node.tryGetContext(key)),
    alarmEmail: get('alarmEmail') ? String(get('alarmEmail')) : undefined,
    logRetention: logRetention as RetentionDays,
    homeworkFileRetentionDays: positiveInteger('homeworkFileRetentionDays', get('homeworkFileRetentionDays')),
    auditRetentionDays: positiveInteger('auditRetentionDays', get('auditRetentionDays')),
    backup: { retentionDays: positiveInteger('backupRetentionDays', get('backupRetentionDays')), copyRegion },
    concurrency: {
      accountQuota:
        get('lambdaConcurrencyQuota') === undefined
          ? STANDARD_CONCURRENCY_QUOTA
          : positiveInteger('lambdaConcurrencyQuota', get('lambdaConcurrencyQuota')),
      reserved: Object.fromEntries(
        Object.entries(reserved).map(([name, n]) => [name, positiveInteger(`reservedConcurrency.${name}`, n)]),
      ),
    },
  };
}

/** How the web domain is served (the web app, the API under `/api`, the server-rendered pages), from CDK context. */
export interface WebDeployConfig {
  /**
   * A custom domain for the distribution (`ce:webDomain`, e.g. `ce.ct.gov`) with its ACM certificate in us-east-1
   * (`ce:webCertificateArn`); without one, the distribution's own `*.cloudfront.net` name is the web domain.
   */
  customDomain?: { name: string; certificateArn: string };
  /** The built web app to upload (`ce:webDist`, default `web/dist`); absent when it has not been built. */
  distDir?: string;
  /** Requests one IP address may make in 5 minutes before AWS WAF blocks it (`ce:wafRateLimit`). */
  wafRateLimit: number;
}

/** AWS WAF's smallest and largest rate-based limits (requests per IP per evaluation window). */
const WAF_RATE_LIMITS = { min: 10, max: 2_000_000_000 };

export function readWebConfig(node: Node, dirExists: (dir: string) => boolean): WebDeployConfig {
  const get = (key: string) => node.tryGetContext(`ce:${key}`) as unknown;
  const domain = get('webDomain') ? String(get('webDomain')) : undefined;
  const certificateArn = get('webCertificateArn') ? String(get('webCertificateArn')) : undefined;
  if (domain && !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domain))
    throw new Error(`CDK context ce:webDomain is not a domain name: ${domain}`);
  if (Boolean(domain) !== Boolean(certificateArn))
    throw new Error('CDK context ce:webDomain and ce:webCertificateArn go together (an ACM certificate in us-east-1)');
  if (certificateArn && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(certificateArn))
    throw new Error(
      'CDK context ce:webCertificateArn must be an ACM certificate in us-east-1 (CloudFront reads it there)',
    );
  const rate = get('wafRateLimit');
  if (rate === undefined) throw new Error('Missing CDK context: ce:wafRateLimit (see README, "Deploying")');
  const wafRateLimit = positiveInteger('wafRateLimit', rate);
  if (wafRateLimit < WAF_RATE_LIMITS.min || wafRateLimit > WAF_RATE_LIMITS.max)
    throw new Error(`CDK context ce:wafRateLimit must be between ${WAF_RATE_LIMITS.min} and ${WAF_RATE_LIMITS.max}`);
  const distDir = get('webDist') ? String(get('webDist')) : 'web/dist';
  return {
    customDomain: domain && certificateArn ? { name: domain, certificateArn } : undefined,
    distDir: dirExists(distDir) ? distDir : undefined,
    wafRateLimit,
  };
}

/** The documentation domains (RFC 2606) cdk.json's example values use: never real mailboxes or origins. */
const EXAMPLE_DOMAIN = /(^|[.@/])example\.(org|com|net)(:\d+)?$/i;

/**
 * What a production stage lacks, as `ce:` settings to give: someone who receives the alarms (else they change state
 * and reach nobody), the web domain with its certificate, and real addresses and origins instead of cdk.json's
 * examples. Empty when the stage is not production or nothing is missing.
 */
export function productionProblems(config: DeployConfig, web: WebDeployConfig): string[] {
  if (config.stage !== 'production') return [];
  const problems: string[] = [];
  if (!config.alarmEmail) problems.push('ce:alarmEmail (who receives the alarms)');
  if (!web.customDomain) problems.push('ce:webDomain and ce:webCertificateArn (the web domain people use)');
  const examples: [string, string[]][] = [
    ['ce:senderEmail', [config.senderEmail]],
    ['ce:ddsNoticeRecipients', config.ddsNoticeRecipients],
    ['ce:adsNotifyEmails', config.adsNotifyEmails],
    ['ce:allowedOrigins', config.allowedOrigins],
    ['ce:alarmEmail', config.alarmEmail ? [config.alarmEmail] : []],
  ];
  for (const [key, values] of examples)
    if (values.some((v) => EXAMPLE_DOMAIN.test(v))) problems.push(`${key} (still an example.org/.com value)`);
  return problems;
}
