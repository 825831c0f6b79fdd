import { escapeHtml, page } from '../../html';
import type { LinkConfirmation, LinkView } from '../../use-cases/links';
import type { Reply } from '../route';

/** The pages a supervisor sees when opening a link from an email and confirming it. */
const html = (title: string, body: string): Reply => ({
  body: page(title, body),
  contentType: 'text/html; charset=utf-8',
});

function describe(view: LinkView): { title: string; body: string; action: string } {
  if (view.purpose === 'endorsement')
    return {
      title: 'Endorse an application',
      body:
        `<p><strong>${escapeHtml(view.applicantName)}</strong> (${escapeHtml(view.jobTitle)}${view.providerName ? `, ${escapeHtml(view.providerName)}` : ''}) ` +
        `has applied to <strong>${escapeHtml(view.iterationTitle)}</strong>, naming you, ${escapeHtml(view.supervisorName)}, as supervisor.</p>` +
        `<p>The course requires attending all ${view.liveClassCount} live classes (9:00 AM–12:00 PM Connecticut time) and completing the homework by its deadlines. ` +
        `Endorsing also confirms that this person works for your agency.</p>`,
      action: 'Endorse this application',
    };
  const doc = view.agreement;
  return {
    title: 'Co-sign a CE Provider Training Agreement',
    body:
      `<p><strong>${escapeHtml(view.applicantName)}</strong> accepted a seat in <strong>${escapeHtml(view.iterationTitle)}</strong> and signed this agreement. As supervisor, ${escapeHtml(view.supervisorName)}, please co-sign it.</p>` +
      `<h2>Course dates</h2><ul>${doc.courseDates.map((c) => `<li>${escapeHtml(c.date)}, 9:00 AM–12:00 PM (Connecticut time)</li>`).join('')}</ul>` +
      `<h2>Responsibilities</h2><ul>${doc.responsibilities.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` +
      `<h2>Attendance policy</h2><p>${escapeHtml(doc.attendancePolicy)}</p>`,
    action: 'Co-sign the agreement',
  };
}

/** What the link would confirm, with the button that confirms it (a POST: opening the link changes nothing). */
export function linkPage(token: string, view: LinkView): Reply {
  const { title, body, action } = describe(view);
  const form = view.open
    ? `<form method="post" action="${escapeHtml(encodeURIComponent(token))}/confirm"><button type="submit">${escapeHtml(action)}</button></form>`
    : '<p>There is nothing left to confirm here.</p>';
  return html(title, body + form);
}

export function confirmationPage(done: LinkConfirmation): Reply {
  return done.purpose === 'endorsement'
    ? html(
        'Application endorsed',
        `<p>Thank you. ${escapeHtml(done.applicantName)}'s application to ${escapeHtml(done.iterationTitle)} is endorsed and will be considered when ADS allocates the seats.</p>`,
      )
    : html(
        'Agreement co-signed',
        `<p>Thank you. ${escapeHtml(done.applicantName)} is enrolled in ${escapeHtml(done.iterationTitle)}.</p>`,
      );
}
