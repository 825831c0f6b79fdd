import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { CT_ZONE } from '../../domain/vocabulary';
import { escapeHtml, page } from '../../html';
import type { LinkConfirmation, LinkView } from '../../use-cases/links';
import type { Reply } from '../route';

/** The pages a supervisor sees when opening a link from an email and confirming (or declining) it. */
const html = (title: string, body: string): Reply => ({
  body: page(title, body),
  contentType: 'text/html; charset=utf-8',
});

const inCt = tz(CT_ZONE);
const ZONE = `Connecticut time (${CT_ZONE})`;
const when = (iso: string, pattern: string) =>
  `<time datetime="${escapeHtml(iso)}">${escapeHtml(format(new Date(iso), pattern, { in: inCt }))}</time>`;

/** The dates the supervisor commits the learner to: every live class and every homework deadline, zone named. */
function commitments(classes: { startsAt: string; endsAt: string }[], homework: { title: string; dueAt: string }[]) {
  const classItems = classes
    .map((c) => `<li>${when(c.startsAt, 'EEEE, MMMM d, yyyy, h:mm a')}–${when(c.endsAt, 'h:mm a')} ${ZONE}</li>`)
    .join('');
  const homeworkItems = homework
    .map((h) => `<li>${escapeHtml(h.title)}: due ${when(h.dueAt, "EEEE, MMMM d, yyyy 'at' h:mm a")} ${ZONE}</li>`)
    .join('');
  return (
    `<h2>Live classes</h2><ol>${classItems}</ol>` +
    `<h2>Homework deadlines</h2>${homework.length > 0 ? `<ul>${homeworkItems}</ul>` : '<p>No homework has been set yet.</p>'}`
  );
}

function describe(view: LinkView): { title: string; body: string; action: string } {
  if (view.purpose === 'endorsement')
    return {
      title: 'Endorse an application',
      body:
        `<p><strong>${escapeHtml(view.applicantName)}</strong> (${escapeHtml(view.jobTitle)}${view.providerName ? `, ${escapeHtml(view.providerName)}` : ''}) ` +
        `has applied to <strong>${escapeHtml(view.iterationTitle)}</strong>, naming you, ${escapeHtml(view.supervisorName)}, as supervisor.</p>` +
        `<p>The course requires attending all ${view.liveClasses.length} live classes below, in full, and completing the homework by its deadlines: endorsing commits the learner's time to them. ` +
        `Endorsing also confirms that this person works for your agency.</p>` +
        commitments(view.liveClasses, view.homeworkDeadlines),
      action: 'Endorse this application',
    };
  const doc = view.agreement;
  return {
    title: 'Co-sign a CE Provider Training Agreement',
    body:
      `<p><strong>${escapeHtml(view.applicantName)}</strong> accepted a seat in <strong>${escapeHtml(view.iterationTitle)}</strong> and signed this agreement. As supervisor, ${escapeHtml(view.supervisorName)}, please co-sign it.</p>` +
      commitments(doc.courseDates, doc.homeworkDeadlines) +
      `<h2>Responsibilities</h2><ul>${doc.responsibilities.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` +
      `<h2>Attendance policy</h2><p>${escapeHtml(doc.attendancePolicy)}</p>`,
    action: 'Co-sign the agreement',
  };
}

/** A supervisor may say no to an endorsement, with an optional reason the applicant will read. */
const declineForm = (token: string) =>
  '<h2>If you do not endorse it</h2>' +
  `<form method="post" action="${escapeHtml(encodeURIComponent(token))}/decline">` +
  '<p><label for="reason">Reason (optional; the applicant will read it)</label><br>' +
  '<textarea id="reason" name="reason" rows="4" cols="50" maxlength="1000"></textarea></p>' +
  '<button type="submit">I do not endorse this</button></form>';

/** What the link would confirm, with the button that confirms it (a POST: opening the link changes nothing). */
export function linkPage(token: string, view: LinkView): Reply {
  const { title, body, action } = describe(view);
  const form = view.open
    ? `<form method="post" action="${escapeHtml(encodeURIComponent(token))}/confirm"><button type="submit">${escapeHtml(action)}</button></form>` +
      (view.purpose === 'endorsement' ? declineForm(token) : '')
    : '<p>There is nothing left to confirm here.</p>';
  return html(title, body + form);
}

export function confirmationPage(done: LinkConfirmation): Reply {
  if (done.purpose === 'endorsement')
    return html(
      'Application endorsed',
      `<p>Thank you. ${escapeHtml(done.applicantName)}'s application to ${escapeHtml(done.iterationTitle)} is endorsed and will be considered when ADS allocates the seats.</p>`,
    );
  if (done.purpose === 'endorsement-declined')
    return html(
      'Application not endorsed',
      `<p>Thank you. We told ${escapeHtml(done.applicantName)} that you do not endorse their application to ${escapeHtml(done.iterationTitle)}. Nothing more is needed from you.</p>`,
    );
  return html(
    'Agreement co-signed',
    `<p>Thank you. ${escapeHtml(done.applicantName)} is enrolled in ${escapeHtml(done.iterationTitle)}.</p>`,
  );
}
