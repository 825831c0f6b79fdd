import type { components } from '../api/schema';
import { whenCt } from '../time';

export type ApplicationView = components['schemas']['Application'];

/** Each status the API shows, in the applicant's words (presentation only: the status itself is the API's). */
export const STATUS_WORDS: Record<ApplicationView['status'], string> = {
  submitted: 'Waiting for your supervisor to endorse it',
  'not-endorsed': 'Not endorsed by your supervisor',
  endorsed: 'Endorsed: waiting for the seat allocation',
  'not-considered': 'Not considered (not endorsed before applications closed)',
  waitlisted: 'On the waitlist',
  offered: 'Seat offered: answer by the deadline',
  accepted: 'Accepted: waiting for your supervisor to co-sign',
  enrolled: 'Enrolled',
  declined: 'Declined',
  lapsed: 'Offer lapsed',
  withdrawn: 'Withdrawn',
  'waitlist-ended': 'Waitlist ended: apply again next time',
};

export interface Step {
  title: string;
  state: 'done' | 'now' | 'next' | 'ended';
  text: string;
}

const STATE_WORDS: Record<Step['state'], string> = {
  done: 'Done',
  now: 'Now',
  next: 'Next',
  ended: 'Closed',
};
export const stateWord = (s: Step['state']) => STATE_WORDS[s];

/**
 * The application's path so far and what comes next, by when: every fact (times, deadlines, positions, the status
 * as true now) is the API's; this only puts them in order and in words.
 */
export function timeline(a: ApplicationView): Step[] {
  const steps: Step[] = [{ title: 'Applied', state: 'done', text: `You applied ${whenCt(a.submittedAt)}.` }];
  const supervisor = `${a.supervisor.name} (${a.supervisor.email})`;
  const closes = whenCt(a.applicationClosesAt);

  if (a.endorsedAt) {
    steps.push({ title: 'Endorsed', state: 'done', text: `${supervisor} endorsed it ${whenCt(a.endorsedAt)}.` });
  } else if (a.status === 'not-endorsed' && a.endorsementDeclined) {
    const d = a.endorsementDeclined;
    steps.push({
      title: 'Not endorsed',
      state: 'now',
      text: `${d.by.name} did not endorse it ${whenCt(d.at)}${d.reason ? `, saying: “${d.reason}”` : ''}. You may name another supervisor until applications close ${closes}.`,
    });
  } else if (a.status === 'submitted' && a.awaitingSupervisor?.refused) {
    steps.push({
      title: 'Supervisor not authorised',
      state: 'now',
      text: `ADS could not confirm ${supervisor} as a supervisor who may endorse for your agency, saying: “${a.awaitingSupervisor.refused.reason}”. Name another supervisor before applications close ${closes}.`,
    });
  } else if (a.status === 'submitted' && a.awaitingSupervisor) {
    steps.push({
      title: 'Supervisor authorisation',
      state: 'now',
      text: `ADS is confirming that ${supervisor} may endorse applications for your agency. Nothing is sent to a supervisor before ADS has; the endorsement link is emailed to them as soon as it does. The endorsement must come before applications close ${closes}.`,
    });
  } else if (a.status === 'submitted') {
    steps.push({
      title: 'Supervisor endorsement',
      state: 'now',
      text: `${supervisor} was emailed a link to endorse it${a.endorsementLinkSentAt ? ` ${whenCt(a.endorsementLinkSentAt)}` : ''}. The endorsement must come before applications close ${closes}; an application not endorsed by then is not considered.`,
    });
  } else if (a.status === 'not-considered') {
    steps.push({
      title: 'Supervisor endorsement',
      state: 'ended',
      text: `No endorsement came before applications closed ${closes}, so the application was not considered.`,
    });
  }

  if (a.status === 'endorsed')
    steps.push({
      title: 'Seat allocation',
      state: 'now',
      text: 'ADS allocates the seats by regional coverage after applications close. You will be emailed either an offer of a seat or your place on the waitlist.',
    });
  if (a.status === 'waitlisted')
    steps.push({
      title: 'Waitlist',
      state: 'now',
      text: `You are number ${a.waitlistPosition ?? '–'} on the statewide waitlist. If a seat is released before the first live class, it is offered to the next person waiting and you are emailed.`,
    });
  if (a.status === 'waitlist-ended')
    steps.push({
      title: 'Waitlist',
      state: 'ended',
      text: 'The waitlist ended when the course started (waitlists do not carry over). Apply again for the next course.',
    });

  if (a.offer) {
    const region = a.offer.seatRegion;
    steps.push({
      title: 'Seat offered',
      state: 'done',
      text: `A seat in the ${region} region was offered ${whenCt(a.offer.offeredAt)}${a.offer.via === 'waitlist' ? ' from the waitlist' : ''}.`,
    });
    const deadline = whenCt(a.offer.deadline);
    if (a.status === 'offered')
      steps.push({
        title: 'Accept and sign the training agreement',
        state: 'now',
        text: `Read the training agreement, then accept or decline by ${deadline}. Your supervisor must also co-sign it by then, or the offer lapses.`,
      });
    if (a.agreement?.signedAt)
      steps.push({
        title: 'You signed the agreement',
        state: 'done',
        text: `You signed it ${whenCt(a.agreement.signedAt)}.`,
      });
    if (a.status === 'accepted')
      steps.push({
        title: 'Supervisor co-signs',
        state: 'now',
        text: `${supervisor} was emailed a link to co-sign the agreement. It must be co-signed by ${deadline}, or the offer lapses and the seat goes to the next person waiting.`,
      });
    if (a.agreement?.cosignedAt)
      steps.push({
        title: 'Supervisor co-signed',
        state: 'done',
        text: `Co-signed ${whenCt(a.agreement.cosignedAt)}.`,
      });
    if (a.status === 'lapsed')
      steps.push({
        title: 'Offer lapsed',
        state: 'ended',
        text: `The offer was not accepted and co-signed by ${deadline}, so the seat went to the next person waiting.`,
      });
  }
  if (a.enrolledAt)
    steps.push({
      title: 'Enrolled',
      state: 'done',
      text: `You are enrolled since ${whenCt(a.enrolledAt)}. Attend every live class and hand in homework by its deadlines.`,
    });
  if (a.closedAt)
    steps.push({
      title: STATUS_WORDS[a.status],
      state: 'ended',
      text: `Closed ${whenCt(a.closedAt)}${a.closedReason ? `: ${a.closedReason}` : ''}.`,
    });
  return steps;
}
