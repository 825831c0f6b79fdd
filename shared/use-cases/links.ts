import { now } from '../clock';
import { getLink, type Link, type LinkPurpose } from '../data/links';
import { escapeHtml, page } from '../html';
import { Gone, NotFound } from '../http/errors';
import type { Reply } from '../http/route';
import { confirmEndorsement, describeEndorsement } from './endorsement';
import { confirmAgreement, describeAgreement } from './seats';

/**
 * Supervisor links: opening one (GET) only shows what would be confirmed, so mail scanners that follow links do
 * no harm; only the explicit confirm (POST) acts. Each purpose says how to describe and confirm itself.
 */
interface Purpose {
  describe(link: Link): Promise<{ title: string; body: string; action: string; state: 'open' | 'done' }>;
  confirm(link: Link, token: string): Promise<{ title: string; body: string }>;
}
const PURPOSES: Record<LinkPurpose, Purpose> = {
  endorsement: { describe: describeEndorsement, confirm: confirmEndorsement },
  agreement: { describe: describeAgreement, confirm: confirmAgreement },
};

async function usable(token: string): Promise<{ link: Link; purpose: Purpose }> {
  const link = await getLink(token);
  const purpose = link && PURPOSES[link.purpose];
  if (!link || !purpose) throw new NotFound('This link');
  if (link.usedAt) throw new Gone('This link has already been used. Each link works once.');
  if (Date.parse(link.expiresAt) <= now().getTime()) throw new Gone('This link has expired.');
  return { link, purpose };
}

const html = (title: string, body: string): Reply => ({
  body: page(title, body),
  contentType: 'text/html; charset=utf-8',
});

export async function viewLink(token: string): Promise<Reply> {
  const { link, purpose } = await usable(token);
  const view = await purpose.describe(link);
  const form =
    view.state === 'open'
      ? `<form method="post" action="${escapeHtml(encodeURIComponent(token))}/confirm"><button type="submit">${escapeHtml(view.action)}</button></form>`
      : '<p>There is nothing left to confirm here.</p>';
  return html(view.title, view.body + form);
}

export async function confirmLink(token: string): Promise<Reply> {
  const { link, purpose } = await usable(token);
  const result = await purpose.confirm(link, token);
  return html(result.title, result.body);
}
