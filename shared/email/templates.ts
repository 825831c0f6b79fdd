import type { Application } from '../domain/application';
import type { Iteration } from '../domain/iteration';
import { classList, whenCt } from './format';
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
    paragraphs: [
      `Dear ${a.applicant.name},`,
      `We received your application to ${it.title} (seat region: ${a.region}). To qualify for certification you must attend every live class and complete the homework by its deadlines. The live classes, all 9:00 AM–12:00 PM Connecticut time:\n${classList(it.classDates)}`,
      `We have asked your supervisor, ${a.supervisor.name}, to endorse your application. Only endorsed applications are considered for a seat; the application window closes ${whenCt(it.applicationClosesAt)}.`,
    ],
  });

export const endorsementRequest = (a: Application, it: It, link: string): EmailMessage =>
  compose({
    to: [a.supervisor.email],
    subject: `Please endorse ${a.applicant.name}'s application to the CE certification course`,
    paragraphs: [
      `Dear ${a.supervisor.name},`,
      `${a.applicant.name}${a.providerName ? ` of ${a.providerName}` : ''} has applied to ${it.title}, the Connecticut Customized Employment certification course, naming you as supervisor. The course requires attending every live class (9:00 AM–12:00 PM Connecticut time):\n${classList(it.classDates)}`,
      `To endorse the application, open this link and confirm: ${link}`,
      `The link works once and expires when the application window closes, ${whenCt(it.applicationClosesAt)}. Endorsing also confirms that ${a.applicant.name} works for your agency. If you did not expect this request, ignore it.`,
    ],
  });

export const applicationEndorsed = (a: Application, it: It): EmailMessage =>
  compose({
    to: [a.applicant.email],
    subject: `Your application to ${it.title} is endorsed`,
    paragraphs: [`Dear ${a.applicant.name},`, `Your supervisor, ${a.supervisor.name}, endorsed your application to ${it.title}. It will be considered when ADS allocates the seats. We will write to you with the outcome.`],
  });

export const endorsementReminder = (a: Application, it: It): EmailMessage =>
  compose({
    to: [a.applicant.email],
    cc: [a.supervisor.email],
    subject: `Reminder: your application to ${it.title} still needs your supervisor's endorsement`,
    paragraphs: [
      `Dear ${a.applicant.name},`,
      `Your application to ${it.title} has not been endorsed by your supervisor, ${a.supervisor.name}, yet. An application without endorsement when the window closes (${whenCt(it.applicationClosesAt)}) is not considered for a seat. Your supervisor received the endorsement link by email.`,
    ],
  });

export const applicationNotConsidered = (a: Application, it: It): EmailMessage =>
  compose({
    to: [a.applicant.email],
    subject: `Your application to ${it.title} was not endorsed in time`,
    paragraphs: [
      `Dear ${a.applicant.name},`,
      `The application window of ${it.title} closed without your supervisor's endorsement, so your application cannot be considered for a seat. You are welcome to apply to a later iteration.`,
    ],
  });
