import { escapeHtml } from '../../html';
import type { LinkConfirmation, LinkView } from '../../use-cases/links';
import type { Reply } from '../route';
import { alert, htmlReply as html, when, ZONE } from './layout';

/** The pages a supervisor sees when opening a link from an email and confirming (or declining) it. */

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
  `<form class="usa-form usa-form--large" method="post" action="${escapeHtml(encodeURIComponent(token))}/decline">` +
  '<div class="usa-form-group"><label class="usa-label" for="reason">Reason (optional)</label>' +
  '<span class="usa-hint" id="reason-hint">The applicant will read it. Up to 1,000 characters.</span>' +
  '<textarea class="usa-textarea" id="reason" name="reason" rows="4" maxlength="1000" aria-describedby="reason-hint"></textarea></div>' +
  '<button class="usa-button usa-button--secondary" type="submit">I do not endorse this</button></form>';

/** What the link would confirm, with the button that confirms it (a POST: opening the link changes nothing). */
export function linkPage(token: string, view: LinkView): Reply {
  const { title, body, action } = describe(view);
  const form = view.open
    ? `<form class="usa-form" method="post" action="${escapeHtml(encodeURIComponent(token))}/confirm"><button class="usa-button" type="submit">${escapeHtml(action)}</button></form>` +
      (view.purpose === 'endorsement' ? declineForm(token) : '')
    : alert('info', undefined, 'There is nothing left to confirm here.');
  return html(title, body + form);
}

export function confirmationPage(done: LinkConfirmation): Reply {
  if (done.purpose === 'endorsement')
    return html(
      'Application endorsed',
      alert(
        'success',
        'Thank you',
        `${escapeHtml(done.applicantName)}'s application to ${escapeHtml(done.iterationTitle)} is endorsed and will be considered when ADS allocates the seats.`,
      ),
    );
  if (done.purpose === 'endorsement-declined')
    return html(
      'Application not endorsed',
      alert(
        'success',
        'Thank you',
        `We told ${escapeHtml(done.applicantName)} that you do not endorse their application to ${escapeHtml(done.iterationTitle)}. Nothing more is needed from you.`,
      ),
    );
  return html(
    'Agreement co-signed',
    alert(
      'success',
      'Thank you',
      `${escapeHtml(done.applicantName)} is enrolled in ${escapeHtml(done.iterationTitle)}.`,
    ),
  );
}
