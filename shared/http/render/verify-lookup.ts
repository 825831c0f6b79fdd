import { escapeHtml } from '../../html';
import type { Reply } from '../route';
import { alert, htmlReply, page } from './layout';

/**
 * The verification lookup: its form, and the pages for a number unknown or unreadable. Apart from the certificate
 * page (`verify-pages.ts`), because every function's problem pages use these and need nothing of certificates.
 */
export const LOOKUP_PATH = '/verify';
/** The permanent address of a certificate's page (a canonical number). */
export const certificateAddress = (number: string) => `${LOOKUP_PATH}/${number}`;

/** The lookup form (a GET, so it works without JavaScript), with the typed value and its error when there is one. */
export function lookupForm(value = '', error?: string) {
  const describedBy = error ? 'number-hint number-error' : 'number-hint';
  return (
    `<form class="usa-form" method="get" action="${LOOKUP_PATH}">` +
    `<div class="usa-form-group${error ? ' usa-form-group--error' : ''}">` +
    '<label class="usa-label" for="number">Certificate number</label>' +
    '<span class="usa-hint" id="number-hint">As printed on the certificate, for example CT-CE-7QJ3-Z0K8-D2M4-X9VB. Upper or lower case, with or without hyphens.</span>' +
    (error ? `<span class="usa-error-message" id="number-error">${escapeHtml(error)}</span>` : '') +
    `<input class="usa-input${error ? ' usa-input--error' : ''}" id="number" name="number" type="text" maxlength="100" autocomplete="off" spellcheck="false"` +
    ` aria-describedby="${describedBy}"${error ? ' aria-invalid="true"' : ''} value="${escapeHtml(value)}">` +
    '</div><button class="usa-button" type="submit">Verify</button></form>'
  );
}

const LOOKUP_TITLE = 'Verify a certificate';
const ABOUT =
  '<p>Anyone may check a Connecticut Customized Employment certificate here. The page shows the holder’s name, the stage certified, whether the certificate is active, its dates and when its record last changed — nothing else about the holder.</p>';

export const lookupPage = (): Reply => htmlReply(LOOKUP_TITLE, ABOUT + lookupForm());

/** A redirect's answer: the address, and a line for a client that does not follow it. */
export const redirectTo = (location: string): Reply => ({
  ...htmlReply(
    'Moved',
    `<p>This page is at <a class="usa-link" href="${escapeHtml(location)}">${escapeHtml(location)}</a>.</p>`,
  ),
  location,
});

/** A number that is well formed but belongs to no certificate: say so, and offer the form again. */
export const unknownNumberPage = (typed: string) =>
  page(
    'Certificate not found',
    alert(
      'error',
      'No certificate has this number',
      `We found no certificate numbered <strong>${escapeHtml(typed)}</strong>. Check the number on the certificate and try again.`,
    ) + lookupForm(typed),
  );

/** A number that cannot be read as one: the form again, the error tied to the field. */
export const unreadableNumberPage = (typed: string) =>
  page(
    `Error: ${LOOKUP_TITLE}`,
    ABOUT +
      lookupForm(
        typed,
        typed.trim() === ''
          ? 'Enter the certificate number.'
          : 'This is not a certificate number: it has CT-CE and 16 letters and digits, in groups of four. Check it against the certificate.',
      ),
  );
