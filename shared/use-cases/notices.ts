import { actorNames } from '../data/staff';
import { now } from '../clock';
import { config } from '../config/runtime';
import { CSV_CONTENT_TYPE, type CsvColumn, toCsv } from '../csv';
import { auditPut } from '../data/audit';
import { actorOf } from '../domain/audit';
import { holdersWithRecertificationUnderWay } from '../data/applications';
import { certificatesExpiringBetween } from '../data/certifications';
import {
  abandonNotice,
  resendItem,
  claimNotice,
  getNotice,
  lastSentBefore,
  listNotices,
  recordNotice,
  type NoticeRecord,
} from '../data/notices';
import { getPeople } from '../data/people';
import { getProviders } from '../data/providers';
import { lifecycleSettings } from '../data/settings';
import { ctDate, toCtIso } from '../domain/calendar/time';
import {
  certificationState,
  type LifecyclePolicy,
  STATE_WORDS,
  stillStands,
  type Certification,
} from '../domain/certification';
import { noticeRange, periodOf } from '../domain/notice';
import type { Person } from '../domain/person';
import type { Provider } from '../domain/provider';
import { CE_STAGE_NAMES } from '../domain/vocabulary';
import { compose, type EmailMessage } from '../email/message';
import { rawMime } from '../email/raw-mime';
import { senderAddress, sendRawViaSes, type SendOutcome } from '../email/ses';
import type { Actor } from '../domain/actor';
import { NotFound, StateConflict, Unavailable } from '../domain/errors';
import { logger } from '../observability/logger';
import { count } from '../observability/metrics';
import { commit } from './unit-of-work';

type NoticeLine = Awaited<ReturnType<typeof rows>>[number];

/** The notice's columns: the email's table and its CSV attachment say the same, in the same words. */
const COLUMNS: CsvColumn<NoticeLine>[] = [
  { header: 'Status', value: (r) => r.status },
  { header: 'Standing now', value: (r) => r.standing },
  { header: 'Holder', value: (r) => r.holder },
  { header: 'Provider', value: (r) => r.provider },
  { header: 'Regions', value: (r) => r.regions },
  { header: 'Stage', value: (r) => r.stage },
  { header: 'Certificate number', value: (r) => r.certificateNumber },
  { header: 'Expires on', value: (r) => r.expiresOn },
  { header: 'Recertification under way', value: (r) => r.recertificationUnderWay },
];

/** A failed send: thrown so the scheduler retries, then dead-letters (which alarms). */
export class NoticeNotSent extends Error {
  override name = 'NoticeNotSent';
}

/**
 * Whom a certification is listed under: its holder's confirmed provider; otherwise, if the holder names a provider
 * no supervisor has confirmed yet, that it is unconfirmed (and which provider they claim); otherwise self-hired.
 */
function providerCell(c: Certification, holder: Person | undefined, claimed: Map<string, Provider>): string {
  if (c.providerName) return c.providerName;
  if (holder?.providerId && holder.membership === 'claimed')
    return `unconfirmed (claims ${claimed.get(holder.providerId)?.name ?? holder.providerId})`;
  return 'self-hired / none';
}

/**
 * The lines of the notice. Each says the certification's state today in the verification page's words, so a
 * suspended one is never read as merely "expiring" (it is not active now, whatever its dates).
 */
async function rows(expired: Certification[], expiring: Certification[], today: string, policy: LifecyclePolicy) {
  const holders = [...new Set([...expired, ...expiring].map((c) => c.holderSub))];
  // One Query of the sparse index, not one per holder: the number of reads does not grow with the list.
  const [underWay, people] = await Promise.all([holdersWithRecertificationUnderWay(), getPeople(holders)]);
  const claimed = await getProviders(
    [...people.values()].flatMap((p) => (p.providerId && p.membership === 'claimed' ? [p.providerId] : [])),
  );
  const row = (status: string) => (c: Certification) => ({
    status,
    standing: STATE_WORDS[certificationState(c, today, policy).state],
    holder: c.holderName,
    provider: providerCell(c, people.get(c.holderSub), claimed),
    regions: c.providerRegions.join(' ') || '—',
    stage: CE_STAGE_NAMES[c.stage],
    certificateNumber: c.number,
    expiresOn: c.expiresOn,
    recertificationUnderWay: underWay.has(c.holderSub) ? 'yes' : 'no',
  });
  return [...expired.map(row('expired')), ...expiring.map(row('expiring'))];
}

function noticeMessage(
  period: string,
  range: NonNullable<NoticeRecord['range']>,
  list: NoticeLine[],
): EmailMessage & { csv: string } {
  const csv = toCsv(COLUMNS, list);
  const expiring = list.filter((r) => r.status === 'expiring').length;
  const expired = list.length - expiring;
  const message = compose({
    to: config.ddsNoticeRecipients,
    subject:
      list.length === 0
        ? `CE certifications: nothing expiring — notice for ${period}`
        : `CE certifications expiring — notice for ${period} (${expiring} expiring, ${expired} expired)`,
    blocks: [
      'To the DDS team,',
      list.length === 0
        ? `No Customized Employment certification expires between ${range.expiringFrom} and ${range.expiringTo}, and none expired between ${range.expiredFrom} and ${range.expiredTo}. This notice is sent every month, so silence never has to be read as "nothing expiring".`
        : `Customized Employment certifications expiring between ${range.expiringFrom} and ${range.expiringTo} (${expiring}), and those that expired between ${range.expiredFrom} and ${range.expiredTo} (${expired}). The full list is attached as CSV.`,
      ...(list.length === 0
        ? []
        : [
            {
              table: {
                caption: `Certifications expiring or expired — notice for ${period}`,
                headers: COLUMNS.map((c) => c.header),
                rows: list.map((r) => COLUMNS.map((c) => String(c.value(r) ?? ''))),
              },
            },
          ]),
    ],
    attachments: [{ filename: `ce-expiring-${period}.csv`, contentType: CSV_CONTENT_TYPE, content: csv }],
  });
  return { ...message, csv };
}

async function send(message: EmailMessage): Promise<SendOutcome> {
  return sendRawViaSes(rawMime(senderAddress(), message));
}

/**
 * The `dds-expiry-notice` job (monthly). At most once per period, and never silently lost:
 * 1. Claim the period in DynamoDB (conditional write). A claimed period (sent, unknown, or being sent) sends
 *    nothing; a failed one may be claimed again. A claim abandoned mid-send becomes `unknown`.
 * 2. Build the list from the expiry index: expiring in the coming window, expired since the last notice.
 * 3. Send one raw email (HTML table, plain text, CSV attachment) and record the outcome: `sent` with the message
 *    id; `failed` (then throw, so the scheduler retries and finally dead-letters, which alarms); `unknown` when the
 *    call timed out after SES may have accepted it (an alarm for a person to check; never resent on its own).
 */
export async function runDdsNotice(at: Date) {
  const today = ctDate(at);
  const period = periodOf(today);
  const claim = await claimNotice(period, today, at.getTime());
  if (claim !== 'claimed') {
    if (
      claim.status === 'sending' &&
      (claim.leaseUntil ?? 0) < at.getTime() &&
      (await abandonNotice(period, at.getTime()))
    ) {
      count('EmailsUnknown');
      logger.error('DDS notice outcome unknown', { period });
      return { period, action: 'marked-unknown' as const, status: 'unknown' as const };
    }
    return { period, action: 'already-claimed' as const, status: claim.status };
  }
  const settings = await lifecycleSettings();
  const previous = await lastSentBefore(period);
  const range = noticeRange(today, settings.noticeWindowDays, previous?.noticeOn);
  const [expired, expiring] = await Promise.all([
    certificatesExpiringBetween(range.expiredFrom, range.expiredTo).then((l) => l.filter(stillStands)),
    certificatesExpiringBetween(range.expiringFrom, range.expiringTo).then((l) => l.filter(stillStands)),
  ]);
  const list = await rows(expired, expiring, today, settings);
  const message = noticeMessage(period, range, list);
  const outcome = await send(message);
  await recordNotice(period, {
    status: outcome.status,
    recipients: config.ddsNoticeRecipients,
    subject: message.subject,
    expiringCount: expiring.length,
    expiredCount: expired.length,
    range,
    content: { text: message.text, html: message.html, csv: message.csv },
    messageId: outcome.status === 'sent' ? outcome.messageId : undefined,
    lastError: outcome.status === 'sent' ? undefined : outcome.error,
    // When SES took it, not when the run began: the send may have taken seconds.
    sentAt: outcome.status === 'sent' ? toCtIso(now()) : undefined,
  });
  if (outcome.status === 'sent') count('NoticesSent');
  if (outcome.status === 'unknown') {
    count('EmailsUnknown');
    logger.error('DDS notice outcome unknown', { period });
  }
  if (outcome.status === 'failed') {
    count('EmailsFailed');
    throw new NoticeNotSent(`The DDS notice for ${period} was not sent: ${outcome.error}`);
  }
  return {
    period,
    action: 'sent' as const,
    status: outcome.status,
    expiring: expiring.length,
    expired: expired.length,
  };
}

const noticeView = (n: NoticeRecord) => ({
  period: n.period,
  noticeOn: n.noticeOn,
  status: n.status,
  attempts: n.attempts,
  recipients: n.recipients ?? [],
  count: (n.expiringCount ?? 0) + (n.expiredCount ?? 0),
  expiringCount: n.expiringCount,
  expiredCount: n.expiredCount,
  messageId: n.messageId,
  lastError: n.lastError,
  sentAt: n.sentAt,
  resends: n.resends ?? [],
});

export async function noticesForAds(cursor: string | undefined, limit: number) {
  const page = await listNotices(cursor, limit);
  const names = await actorNames(page.notices.flatMap((n) => (n.resends ?? []).map((r) => r.by)));
  const items = page.notices.map(noticeView).map((n) => ({
    ...n,
    resends: n.resends.map((r) => ({ ...r, byName: names.get(r.by) })),
  }));
  return { items, cursor: page.cursor };
}

/** DDS's read of the same history: what was sent and re-sent, without ADS's staff ids or SES's error text. */
export async function noticesForDds(cursor: string | undefined, limit: number) {
  const page = await listNotices(cursor, limit);
  return {
    items: page.notices.map((n) => {
      const { attempts, messageId, lastError, resends, ...sent } = noticeView(n);
      return { ...sent, resends: resends.map(({ at, reason, status }) => ({ at, reason, status })) };
    }),
    cursor: page.cursor,
  };
}

/** The list a period's notice sent, as attached to the email (stored with the notice when it was sent). */
export async function sentNoticeList(period: string) {
  const notice = await getNotice(period);
  if (!notice?.content) throw new NotFound('The notice');
  return { body: notice.content.csv, filename: `ce-expiring-${period}.csv` };
}

/** ADS re-sends a period's notice on purpose (what was sent, to today's recipients), with a reason (audited). */
export async function resendNotice(period: string, reason: string, actor: Actor) {
  const notice = await getNotice(period);
  if (!notice) throw new NotFound('The notice');
  if (!notice.content || notice.status === 'sending')
    throw new StateConflict('This notice is being sent; try again in a few minutes.');
  const stamp = toCtIso(now());
  const outcome = await send({
    to: config.ddsNoticeRecipients,
    subject: `${notice.subject} (re-sent)`,
    text: notice.content.text,
    html: notice.content.html,
    attachments: [
      { filename: `ce-expiring-${period}.csv`, contentType: CSV_CONTENT_TYPE, content: notice.content.csv },
    ],
  });
  // The re-send and its audit record in one transaction: neither is ever on record without the other.
  await commit({
    writes: [
      resendItem(period, {
        at: stamp,
        by: actor.sub,
        reason,
        status: outcome.status,
        messageId: outcome.status === 'sent' ? outcome.messageId : undefined,
      }),
      auditPut({
        subjectType: 'notice',
        subjectId: period,
        action: 'resent',
        actor: actorOf(actor),
        at: stamp,
        reason,
        after: { status: outcome.status },
      }),
    ],
  });
  if (outcome.status !== 'sent')
    throw new Unavailable(
      `The re-send did not go out (${outcome.status}: ${outcome.error}). ${outcome.status === 'unknown' ? 'Check with SES before trying again.' : 'Try again.'}`,
    );
  return noticeView((await getNotice(period))!);
}
