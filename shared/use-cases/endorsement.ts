import { now } from '../clock';
import { auditPut } from '../data/audit';
import { supervisorActor } from '../domain/audit';
import { getApplication, saveApplicationItem } from '../data/applications';
import { getIteration } from '../data/iterations';
import { useLinkItem, type Link } from '../data/links';
import { certificatesOfPerson, followHolderItems } from '../data/certifications';
import { confirmMembershipItem, getPerson } from '../data/people';
import { getProvider } from '../data/providers';
import type { Application } from '../domain/application';
import { toCtIso } from '../domain/calendar/time';
import { applicationEndorsed } from '../email/templates';
import { NotFound, StateConflict } from '../domain/errors';
import { count } from '../observability/metrics';
import { commitOrStale } from './unit-of-work';

async function load(link: Link) {
  const application = await getApplication(link.applicationId);
  const stored = application && (await getIteration(application.iterationId));
  if (!application || !stored) throw new NotFound('This link');
  return { application, iteration: stored.iteration };
}

/** What the supervisor is asked to confirm (shown by the link's GET, which changes nothing). */
export async function describeEndorsement(link: Link) {
  const { application: a, iteration } = await load(link);
  return {
    purpose: 'endorsement' as const,
    applicantName: a.applicant.name,
    jobTitle: a.applicant.jobTitle,
    providerName: a.providerName,
    iterationTitle: iteration.title,
    supervisorName: a.supervisor.name,
    liveClassCount: iteration.classDates.length,
    open: a.status === 'submitted',
  };
}

/**
 * The supervisor endorses: in one transaction the link is used up (refused if used or expired), the application
 * becomes endorsed (only from `submitted`), the applicant's claimed membership of the provider is confirmed and
 * their certifications are listed under it (they follow their holder's confirmed provider), the applicant is told,
 * and the act is in the application's audit trail.
 */
export async function confirmEndorsement(link: Link, token: string) {
  const { application, iteration } = await load(link);
  if (application.status !== 'submitted')
    throw new StateConflict(`This application is ${application.status}; there is nothing to endorse.`);
  const at = toCtIso(now());
  const next: Application = {
    ...application,
    status: 'endorsed',
    endorsedAt: at,
    version: application.version + 1,
    updatedAt: at,
  };
  const person = await getPerson(application.applicantSub);
  const member = application.providerId !== undefined && person?.providerId === application.providerId;
  const confirmsMembership = member && person?.membership !== 'confirmed';
  // Confirmed at this provider: the applicant's certifications are listed under it from now on.
  const provider = member ? await getProvider(application.providerId!) : undefined;
  const follow = provider
    ? followHolderItems(await certificatesOfPerson(application.applicantSub), provider, {
        at,
        by: supervisorActor(application.supervisor.email).id,
      })
    : { items: [], moved: [] };
  const emails = [{ key: `endorsed#${application.id}`, message: applicationEndorsed(next, iteration) }];
  await commitOrStale(
    {
      writes: [
        useLinkItem(token, at),
        saveApplicationItem(next, application),
        ...(confirmsMembership ? [confirmMembershipItem(application.applicantSub, application.providerId!, at)] : []),
        ...follow.items,
        auditPut({
          subjectType: 'application',
          subjectId: application.id,
          action: 'endorsed',
          actor: supervisorActor(application.supervisor.email),
          at,
          before: { status: application.status },
          after: { status: next.status, membershipConfirmed: confirmsMembership, certificationsMoved: follow.moved },
        }),
      ],
      emails,
    },
    'This link was used or changed at the same moment; reload the page.',
  );
  count('ApplicationsEndorsed');
  return {
    purpose: 'endorsement' as const,
    applicantName: application.applicant.name,
    iterationTitle: iteration.title,
  };
}
