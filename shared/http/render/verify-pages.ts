import { toCtIso } from '../../domain/calendar/time';
import { STATE_WORDS } from '../../domain/certification';
import { escapeHtml } from '../../html';
import type { CertificateView } from '../../use-cases/certifications/views';
import { ISSUER_NAME, stageAchievement, WITH_AGENCY } from '../../credentials/open-badge';
import type { Reply } from '../route';
import { credentialRoutes } from '../routes/credentials';
import { day, htmlReply, when, ZONE } from './layout';
import { lookupForm } from './verify-lookup';

/** The public verification page of a certificate (the lookup form and its error pages: `verify-lookup.ts`). */
type Verification = Pick<
  CertificateView,
  'number' | 'holderName' | 'stage' | 'stageName' | 'status' | 'active' | 'issuedOn' | 'expiresOn' | 'lastChangedAt'
> & {
  /** Where its signed credential is, or null when it has none. */
  credential: string | null;
};

/** What each state means for the holder's work, in words. */
const MEANING: Record<Verification['status'], string> = {
  active: 'The holder may provide Customized Employment services of this stage in Connecticut.',
  'in-grace':
    'The certificate has expired and is in its grace period: it is not active, and the holder may not provide Customized Employment services of this stage until they recertify.',
  expired: 'The certificate has expired: the holder may not provide Customized Employment services of this stage.',
  suspended:
    'The certificate is suspended: the holder may not provide Customized Employment services of this stage unless it is reinstated.',
  revoked: 'The certificate was revoked: the holder may not provide Customized Employment services under it.',
  superseded:
    'The certificate was renewed and a newer certificate replaces it: this one is no longer active. The holder’s newer certificate has its own number.',
};

/** A certificate as anyone may see it; `checkedAt` is when its status was worked out (it depends on the day). */
export function certificatePage(v: Verification, checkedAt: Date): Reply {
  const row = (term: string, value: string) => `<dt>${term}</dt><dd>${value}</dd>`;
  const status = STATE_WORDS[v.status];
  const body =
    `<div class="usa-summary-box" role="region" aria-labelledby="status-heading"><div class="usa-summary-box__body">` +
    `<h2 class="usa-summary-box__heading" id="status-heading">Status: ${escapeHtml(status)}</h2>` +
    `<div class="usa-summary-box__text"><p>${escapeHtml(MEANING[v.status])}</p></div></div></div>` +
    '<h2>Certificate details</h2><dl>' +
    row('Certificate number', escapeHtml(v.number)) +
    row('Holder', escapeHtml(v.holderName)) +
    row('Stage', escapeHtml(v.stageName)) +
    row('Status', escapeHtml(status)) +
    row('Issued on', day(v.issuedOn)) +
    row('Expires on', `${day(v.expiresOn)} (the first day it is no longer active)`) +
    row('Record last changed', `${when(v.lastChangedAt, "MMMM d, yyyy 'at' h:mm a")} ${ZONE}`) +
    '</dl>' +
    stageSummary(v) +
    credentialSection(v) +
    `<p>Status as of ${when(toCtIso(checkedAt), "MMMM d, yyyy 'at' h:mm a")} ${ZONE}. This page shows nothing else about the holder; questions about a certificate go to the Department of Aging and Disability Services.</p>` +
    `<h2>Verify another certificate</h2>${lookupForm()}`;
  return htmlReply(`Certificate ${v.number}`, body);
}

/** What the stage certifies and how it was earned: what the PDF says, without the PDF. */
function stageSummary(v: Verification) {
  const achievement = stageAchievement(v.stage);
  return (
    `<h2>What this certificate certifies</h2>` +
    `<p><strong>${escapeHtml(achievement.name)}.</strong> ${escapeHtml(achievement.description)}</p>` +
    `<p>How it was earned: ${escapeHtml(achievement.criteria)}</p>` +
    `<p>Issued by the ${escapeHtml(ISSUER_NAME)}, ${escapeHtml(WITH_AGENCY)}.</p>`
  );
}

const JWKS_PATH = credentialRoutes.issuerKeys.path;

/** The signed credential a wallet or a verifier takes, and the keys that check it — or why there is none. */
function credentialSection(v: Verification) {
  if (!v.credential)
    return (
      '<h2>Digital credential</h2>' +
      '<p>This certification has no signed digital credential (it was recorded from an outside course, or issued before credentials were). This page is its record.</p>'
    );
  const link = (href: string, text: string) => `<a class="usa-link" href="${escapeHtml(href)}">${text}</a>`;
  return (
    '<h2>Digital credential</h2>' +
    '<ul class="usa-list">' +
    `<li>${link(v.credential, `Download the signed credential for certificate ${escapeHtml(v.number)}`)} (Open Badges 3.0, JSON) to keep in a digital wallet or to check with any verifier.</li>` +
    `<li>${link(JWKS_PATH, 'The issuer’s public keys')} (JSON Web Key Set) check its signature. Whether it is suspended, revoked or superseded is published in the status list it names, and on this page. A credential issued again (after a renewal, or under the holder’s new legal name) replaces the earlier one, whose entry then says superseded.</li>` +
    '</ul>'
  );
}
