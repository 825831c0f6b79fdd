import type { Application } from '../domain/application';
import type { Iteration } from '../domain/iteration';
import { classLine, classList, dayWords, pageUrl, verificationUrl, whenCt } from './format';
import { compose, type EmailMessage } from './message';

/**
 * Every email the course sends, in the course's words. Each returns a composed message; the caller queues it in
 * the outbox with the transaction that causes it.
 */
type It = Pick<Iteration, 'title' | 'classDates' | 'applicationClosesAt'>;

export const applicationReceipt = (a: Application, it: It): EmailMessage =>
  compose({
    to: [a.applicant.email],
    subject: `Application received: ${it.title}`,
    blocks: [
      `Dear ${a.applicant.name},`,
      `We received your application to ${it.title} (seat region: ${a.region}). To qualify for certification you must attend every live class and complete the homework by its deadlines. The live classes, all 9:00 AM–12:00 PM Connecticut time:`,
      classList(it.classDates),
      a.awaitingSupervisor
        ? `You named ${a.supervisor.name} as your supervisor. ADS confirms that a supervisor may endorse applications for your agency before anything is sent to them; once it has, they are asked to endorse your application. Only endorsed applications are considered for a seat; the application window closes ${whenCt(it.applicationClosesAt)}.`
        : `We have asked your supervisor, ${a.supervisor.name}, to endorse your application. Only endorsed applications are considered for a seat; the application window closes ${whenCt(it.applicationClosesAt)}.`,
    ],
  });

export const endorsementRequest = (a: Application, it: It, link: string): EmailMessage =>
  compose({
    to: [a.supervisor.email],
    subject: `Please endorse ${a.applicant.name}'s application to the CE certification course`,
    blocks: [
      `Dear ${a.supervisor.name},`,
      `${a.applicant.name}${a.providerName ? ` of ${a.providerName}` : ''} has applied to ${it.title}, the Connecticut Customized Employment certification course, naming you as supervisor. The course requires attending every live class (9:00 AM–12:00 PM Connecticut time):`,
      classList(it.classDates),
      ['To endorse the application, open this link and confirm: ', { href: link }],
      `The link works once and expires when the application window closes, ${whenCt(it.applicationClosesAt)}. Endorsing also confirms that ${a.applicant.name} works for your agency. If you did not expect this request, ignore it.`,
    ],
  });

export const endorsementDeclined = (a: Application, it: It, reason: string | undefined): EmailMessage =>
  compose({
    to: [a.applicant.email],
    subject: `Your supervisor did not endorse your application to ${it.title}`,
    blocks: [
      `Dear ${a.applicant.name},`,
      `Your supervisor, ${a.supervisor.name}, answered that they do not endorse your application to ${it.title}.${reason ? ` Their reason: ${reason}` : ' They gave no reason.'}`,
      `Only endorsed applications are considered for a seat. If another supervisor should endorse it, name them in your application before the window closes, ${whenCt(it.applicationClosesAt)}; they will be emailed a new link. Otherwise you may withdraw the application.`,
    ],
  });

export const endorsementLinkWithdrawn = (
  a: Application,
  it: It,
  formerSupervisor: { name: string; email: string },
): EmailMessage =>
  compose({
    to: [formerSupervisor.email],
    subject: `No endorsement needed from you: ${a.applicant.name}'s application`,
    blocks: [
      `Dear ${formerSupervisor.name},`,
      `${a.applicant.name} named another supervisor for their application to ${it.title}. The endorsement link we sent you no longer works, and nothing more is needed from you.`,
    ],
  });

export const applicationEndorsed = (a: Application, it: It): EmailMessage =>
  compose({
    to: [a.applicant.email],
    subject: `Your application to ${it.title} is endorsed`,
    blocks: [
      `Dear ${a.applicant.name},`,
      `Your supervisor, ${a.supervisor.name}, endorsed your application to ${it.title}. It will be considered when ADS allocates the seats. We will write to you with the outcome.`,
    ],
  });

/** The supervisor is in copy only once ADS has authorised them (an unauthorised address is sent nothing). */
export const endorsementReminder = (a: Application, it: It): EmailMessage =>
  compose({
    to: [a.applicant.email],
    cc: a.awaitingSupervisor ? [] : [a.supervisor.email],
    subject: `Reminder: your application to ${it.title} still needs your supervisor's endorsement`,
    blocks: [
      `Dear ${a.applicant.name},`,
      `Your application to ${it.title} has not been endorsed by your supervisor, ${a.supervisor.name}, yet. An application without endorsement when the window closes (${whenCt(it.applicationClosesAt)}) is not considered for a seat. ${a.awaitingSupervisor ? 'ADS has not yet confirmed your supervisor as authorised to endorse for your agency: the endorsement link is emailed to them as soon as it does.' : 'Your supervisor received the endorsement link by email.'}`,
    ],
  });

export const supervisorRefused = (a: Application, it: It, reason: string): EmailMessage =>
  compose({
    to: [a.applicant.email],
    subject: `Name another supervisor for your application to ${it.title}`,
    blocks: [
      `Dear ${a.applicant.name},`,
      `ADS could not confirm ${a.supervisor.name} (${a.supervisor.email}) as a supervisor who may endorse applications for your agency. ADS's reason: ${reason}`,
      `Your application is kept. Name another supervisor in your application before the window closes, ${whenCt(it.applicationClosesAt)}; an authorised supervisor is emailed the endorsement link.`,
    ],
  });

export const applicationNotConsidered = (a: Application, it: It): EmailMessage =>
  compose({
    to: [a.applicant.email],
    subject: `Your application to ${it.title} was not endorsed in time`,
    blocks: [
      `Dear ${a.applicant.name},`,
      `The application window of ${it.title} closed without your supervisor's endorsement, so your application cannot be considered for a seat. You are welcome to apply to a later iteration.`,
    ],
  });

export const seatOffered = (a: Application, it: It, deadline: string, publicBaseUrl: string): EmailMessage =>
  compose({
    to: [a.applicant.email],
    subject: `A seat is offered to you: ${it.title}`,
    blocks: [
      `Dear ${a.applicant.name},`,
      `You are offered a seat in ${it.title}. The live classes, all 9:00 AM–12:00 PM Connecticut time:`,
      classList(it.classDates),
      `To take the seat, accept the offer and sign the CE Provider Training Agreement on the course website; your supervisor, ${a.supervisor.name}, then co-signs it by email. Both must be done by ${whenCt(deadline)}, or the seat goes to the next person on the waitlist.`,
      [
        'Read the agreement, then accept or decline: ',
        {
          href: pageUrl(publicBaseUrl, `/applications/${encodeURIComponent(a.id)}/agreement`),
          text: 'Your offer and training agreement',
        },
      ],
      'If you cannot attend every live class, please decline, so the seat can go to someone else.',
    ],
  });

export const waitlisted = (a: Application, it: It, position: number): EmailMessage =>
  compose({
    to: [a.applicant.email],
    subject: `You are on the waitlist for ${it.title} (position ${position})`,
    blocks: [
      `Dear ${a.applicant.name},`,
      `All seats of ${it.title} were offered. You are on its waitlist at position ${position} statewide. If a seat in your region (or, if your region's list is empty, any region) is released before the first live class, it is offered to the next person in order and we will email you.`,
      'The waitlist ends when the first live class starts; it does not carry over to later iterations.',
    ],
  });

export const agreementCosignRequest = (a: Application, it: It, link: string, deadline: string): EmailMessage =>
  compose({
    to: [a.supervisor.email],
    subject: `Please co-sign ${a.applicant.name}'s CE Provider Training Agreement`,
    blocks: [
      `Dear ${a.supervisor.name},`,
      [
        `${a.applicant.name} accepted a seat in ${it.title} and signed the CE Provider Training Agreement (course dates, responsibilities and attendance policy). As supervisor, please review and co-sign it: `,
        { href: link },
      ],
      `The link works once. If the agreement is not co-signed by ${whenCt(deadline)}, the seat goes to the next person on the waitlist.`,
    ],
  });

/** To the learner alone: it carries the classes' meeting links, which are the enrolled learner's only. */
export const enrolled = (a: Application, it: It, joinLinks: { date: string; joinUrl: string }[]): EmailMessage =>
  compose({
    to: [a.applicant.email],
    subject: `Enrolled: ${it.title}`,
    blocks: [
      `Dear ${a.applicant.name},`,
      `The training agreement is signed and co-signed: you are enrolled in ${it.title}. The live classes, all 9:00 AM–12:00 PM Connecticut time:`,
      classList(it.classDates),
      ...(joinLinks.length > 0
        ? [
            {
              table: {
                caption: 'How to join each live class (keep these links to yourself)',
                headers: ['Class', 'Meeting link'],
                rows: joinLinks.map((l) => [classLine(l.date), { href: l.joinUrl }]),
              },
            },
          ]
        : ['ADS will send the meeting link before the first class.']),
      'Remember: to qualify for certification you must attend every live class in full and complete the homework by its deadlines.',
    ],
  });

/** The supervisor's copy of an enrolment: the dates they committed the learner to, without the meeting links. */
export const enrolledSupervisorNotice = (a: Application, it: It): EmailMessage =>
  compose({
    to: [a.supervisor.email],
    subject: `Enrolled: ${a.applicant.name} in ${it.title}`,
    blocks: [
      `Dear ${a.supervisor.name},`,
      `Thank you for co-signing the training agreement: ${a.applicant.name} is enrolled in ${it.title}. The live classes, all 9:00 AM–12:00 PM Connecticut time, for which the learner is released from other duties:`,
      classList(it.classDates),
    ],
  });

const OUTCOME_TEXT = {
  declined: 'You declined the seat',
  withdrawn: 'You withdrew your application',
  lapsed: 'The offer was not answered (accepted and the agreement co-signed) by its deadline, so it lapsed',
} as const;

export const seatReleased = (a: Application, it: It, outcome: keyof typeof OUTCOME_TEXT): EmailMessage =>
  compose({
    to: [a.applicant.email],
    subject: `Your seat in ${it.title} was released`,
    blocks: [
      `Dear ${a.applicant.name},`,
      `${OUTCOME_TEXT[outcome]} in ${it.title}. The seat goes to the next person waiting. You are welcome to apply to a later iteration.`,
    ],
  });

export const waitlistEnded = (
  a: Application,
  it: It,
  next: { title: string; opensAt: string; closesAt: string } | undefined,
  publicBaseUrl: string,
): EmailMessage =>
  compose({
    to: [a.applicant.email],
    subject: `The waitlist for ${it.title} has ended — please apply again`,
    blocks: [
      `Dear ${a.applicant.name},`,
      `The allocation of ${it.title} has closed and its waitlist has ended. Waitlists do not carry over: to be considered for a later iteration you must apply again.`,
      next
        ? `The next iteration is ${next.title}; its application window runs from ${whenCt(next.opensAt)} to ${whenCt(next.closesAt)}.`
        : 'No later iteration is open or announced yet; we will publish the next one on the course page.',
      ['Apply again here: ', { href: pageUrl(publicBaseUrl, '/iterations'), text: 'Courses open for applications' }],
    ],
  });

export const cannotQualify = (a: Application, it: It, what: string, adsTeam: string[]): EmailMessage =>
  compose({
    to: [a.applicant.email],
    cc: [a.supervisor.email, ...adsTeam],
    subject: `${a.applicant.name} can no longer qualify for certification in ${it.title}`,
    blocks: [
      `Dear ${a.applicant.name},`,
      `${what}. To qualify for certification a learner must attend every live class in full, so you can no longer be certified in ${it.title}.`,
      'Please talk with your supervisor and the ADS CE team about applying to a later iteration. If this record is wrong, ADS can correct it.',
    ],
  });

/**
 * The follow-up to `cannotQualify` (or to a deadline that had passed): a correction or an extension means the learner
 * can qualify again. Sent to the same people the "no longer" notice went to, so none of them acts on it.
 */
export const qualificationRestored = (
  a: Application,
  it: It,
  what: string,
  adsTeam: string[],
  publicBaseUrl: string,
): EmailMessage =>
  compose({
    to: [a.applicant.email],
    cc: [a.supervisor.email, ...adsTeam],
    subject: `${a.applicant.name} can qualify for certification in ${it.title} again`,
    blocks: [
      `Dear ${a.applicant.name},`,
      `${what}. You are back on track: you can still qualify for certification in ${it.title}, and any earlier message saying you could no longer be certified no longer applies.`,
      'To qualify, attend every remaining live class in full and complete each assignment by its deadline.',
      [
        'What is still to do: ',
        {
          href: `${publicBaseUrl.replace(/\/$/, '')}/learning/${encodeURIComponent(a.id)}/qualification`,
          text: 'Can I still qualify?',
        },
      ],
    ],
  });

const handInLink = (a: Pick<Application, 'id'>, publicBaseUrl: string) => [
  'Hand it in here: ',
  { href: pageUrl(publicBaseUrl, `/learning/${encodeURIComponent(a.id)}/homework`), text: 'Your homework' },
];

export const homeworkReminder = (
  a: Application,
  it: It,
  title: string,
  dueAt: string,
  publicBaseUrl: string,
): EmailMessage =>
  compose({
    to: [a.applicant.email],
    subject: `Reminder: "${title}" is due ${whenCt(dueAt)}`,
    blocks: [
      `Dear ${a.applicant.name},`,
      `The homework "${title}" of ${it.title} is due ${whenCt(dueAt)}, and we have no submission from you yet. Homework completed by its deadline is required for certification.`,
      handInLink(a, publicBaseUrl),
    ],
  });

export const homeworkReturned = (
  a: Application,
  it: It,
  title: string,
  feedback: string | undefined,
  publicBaseUrl: string,
): EmailMessage =>
  compose({
    to: [a.applicant.email],
    subject: `Your homework "${title}" was returned for rework`,
    blocks: [
      `Dear ${a.applicant.name},`,
      `ADS returned your submission of "${title}" (${it.title}).${feedback ? ` Feedback: ${feedback}` : ''}`,
      'Resubmit it by the deadline for it to count.',
      handInLink(a, publicBaseUrl),
    ],
  });

export const certificationsIssued = (
  a: Pick<Application, 'applicant' | 'supervisor'>,
  title: string,
  certificates: { number: string; stage: string; expiresOn: string }[],
  publicBaseUrl: string,
): EmailMessage =>
  compose({
    to: [a.applicant.email],
    cc: [a.supervisor.email],
    subject: `Certified: Customized Employment (${title})`,
    blocks: [
      `Dear ${a.applicant.name},`,
      'Congratulations: you are certified to provide Customized Employment services in Connecticut for the stages below. Anyone can verify a certificate by its number at its public verification address:',
      {
        table: {
          caption: 'Your certifications',
          headers: ['Stage', 'Certificate number', 'Expires on', 'Verify at'],
          rows: certificates.map((c) => [
            c.stage,
            c.number,
            dayWords(c.expiresOn),
            { href: verificationUrl(publicBaseUrl, c.number) },
          ]),
        },
      },
    ],
  });

export const standingChanged = (
  holder: { name: string; email: string },
  number: string,
  stage: string,
  action: string,
  reason: string,
): EmailMessage =>
  compose({
    to: [holder.email],
    subject: `Your CE certification ${number} was ${action}`,
    blocks: [`Dear ${holder.name},`, `Your certification ${number} (${stage}) was ${action} by ADS. Reason: ${reason}`],
  });

/**
 * ADS changed the holder's legal name: their certificates carry it, and a credential kept in a wallet is superseded
 * by the reissued one, which they download again.
 */
export const legalNameChanged = (
  holder: { name: string; email: string },
  previousName: string,
  reason: string,
  publicBaseUrl: string,
): EmailMessage =>
  compose({
    to: [holder.email],
    subject: 'The name on your CE certificates was changed',
    blocks: [
      `Dear ${holder.name},`,
      `ADS changed your legal name on your record and on your Customized Employment certificates from ${previousName} to ${holder.name}. Reason: ${reason}`,
      'Your certificates, their PDFs and their public verification pages show the new name. Each digital credential (Open Badges) was issued again under the new name: if you keep one in a digital wallet or gave one to an employer, download it again from My certifications — the earlier one now says “superseded” to anyone who checks it.',
      [
        'Your certifications: ',
        { href: `${publicBaseUrl.replace(/\/$/, '')}/certifications`, text: 'My certifications' },
      ],
    ],
  });

export const expiryReminder = (
  holder: { name: string; email: string },
  supervisorEmail: string | undefined,
  certificates: { number: string; stage: string }[],
  expiresOn: string,
  daysBefore: number,
  publicBaseUrl: string,
): EmailMessage =>
  compose({
    to: [holder.email],
    cc: supervisorEmail ? [supervisorEmail] : undefined,
    subject: `Your CE certification expires on ${dayWords(expiresOn)} (in ${daysBefore} days or less)`,
    blocks: [
      `Dear ${holder.name},`,
      `Your Customized Employment certification expires on ${dayWords(expiresOn)}. From that date you may no longer provide CE services for the stages below until you recertify. Recertification is taken as a recertification iteration of the course, in the same format; apply when one opens.`,
      {
        table: {
          caption: 'Certifications expiring',
          headers: ['Stage', 'Certificate number'],
          rows: certificates.map((c) => [c.stage, c.number]),
        },
      },
      [
        'Recertification courses open for applications: ',
        { href: pageUrl(publicBaseUrl, '/iterations'), text: 'Courses' },
      ],
    ],
  });

/** A certification of an agency's staff member reaching a reminder point, for the employer's watchlist. */
export interface WatchedExpiry {
  holderName: string;
  stage: string;
  number: string;
  expiresOn: string;
  daysBefore: number;
}

/**
 * The provider administrator's watchlist: their confirmed staff's certifications that reached a reminder point since
 * they were last told (the holders are reminded themselves), linking to the agency's staff page.
 */
export const agencyExpiryWatch = (
  admin: { name: string; email: string },
  agencyName: string,
  expiring: WatchedExpiry[],
  staffPage: string,
): EmailMessage =>
  compose({
    to: [admin.email],
    subject: `${agencyName}: ${expiring.length} staff CE certification${expiring.length === 1 ? '' : 's'} expiring soon`,
    blocks: [
      `Dear ${admin.name},`,
      `These certifications of ${agencyName}'s staff expire soon. From its expiry date a person may no longer provide CE services for that stage until they recertify (a recertification iteration of the course); each holder has been reminded too.`,
      {
        table: {
          caption: 'Staff certifications expiring',
          headers: ['Staff member', 'Stage', 'Certificate number', 'Expires on', 'Reminder'],
          rows: expiring.map((e) => [
            e.holderName,
            e.stage,
            e.number,
            dayWords(e.expiresOn),
            `${e.daysBefore} days or less`,
          ]),
        },
      },
      ["Your agency's staff, their applications and expiry dates: ", { href: staffPage }],
    ],
  });

export const homeworkFileQuarantined = (
  a: Pick<Application, 'applicant'>,
  it: Pick<Iteration, 'title'>,
  assignmentTitle: string,
  fileName: string,
): EmailMessage =>
  compose({
    to: [a.applicant.email],
    subject: `A file you handed in for "${assignmentTitle}" was set aside`,
    blocks: [
      `Dear ${a.applicant.name},`,
      `The malware scan of "${fileName}", which you uploaded for "${assignmentTitle}" (${it.title}), found something harmful in it. The file has been set aside where no one can open it, and it does not count as handed in.`,
      'Please check your computer with up-to-date security software, then upload a clean copy and hand the assignment in again. If you think this is a mistake, reply to this email.',
    ],
  });
