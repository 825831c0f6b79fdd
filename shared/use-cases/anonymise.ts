import { now } from '../clock';
import { auditPut } from '../data/audit';
import { saveApplicationItem } from '../data/applications';
import { getFeedPointer, replaceFeedItems } from '../data/calendar-feeds';
import { anonymisedCertificateItems, anonymisedCompletionItem, completionOf } from '../data/certifications';
import { forgetCredentialItem } from '../data/credentials';
import { forgetPersonItems, getPerson } from '../data/people';
import { itemsOfPerson } from '../data/person-record';
import { anonymisedReviewItem, getReview } from '../data/reviews';
import type { TransactItem } from '../data/transactions';
import type { Actor } from '../domain/actor';
import type { Application } from '../domain/application';
import { actorOf } from '../domain/audit';
import { toCtIso } from '../domain/calendar/time';
import { NotFound } from '../domain/errors';
import { ANONYMISED_NAME, anonymisedApplication } from '../domain/person';
import { anonymisedEmailItem, emailKeysAbout, getEmails } from '../email/outbox';
import { commitOrStale } from './unit-of-work';

/** DynamoDB's limit of items in one transaction. */
const TRANSACTION_ITEMS = 100;

/**
 * ADS anonymises a person on their request (audited, with the reason):
 * 1. read the profile (404 if there is none: never a person, or already anonymised), their records (one Query of
 *    gsi2) and the emails about them and their applications and certificates (gsi1 `EMAILS#<id>`);
 * 2. applications lose the person's and their supervisor's name, email and job title; emails their recipients and
 *    subject (a waiting one is not sent); certifications keep the name and number, as the registry shows them, but
 *    leave the name index, and their signed credential (which carries the name and a salted email hash) is dropped;
 *    reviews of their endorsements lose both names; the calendar feed is stopped;
 * 3. last, in one transaction: the profile and its name entries deleted, a marker without personal data, the audit
 *    record. Written in transactions of at most 100 items: one that fails leaves the profile, so asking again
 *    finishes the work (everything before is idempotent).
 */
export async function anonymisePerson(actor: Actor, personId: string, reason: string) {
  const person = await getPerson(personId);
  if (!person) throw new NotFound('The person');
  const { applications, certificates } = await itemsOfPerson(personId);
  const emails = await emailsAbout([personId, ...certificates.map((c) => c.number)]);
  const feed = await getFeedPointer(personId);
  const at = toCtIso(now());

  const ofApplications = await anonymisedApplicationsWrites(applications, at);
  const writes: TransactItem[] = [
    ...ofApplications.writes,
    ...certificates
      .filter((c) => c.holderAnonymisedAt === undefined)
      .flatMap((c) => [...anonymisedCertificateItems(c, at), forgetCredentialItem(c.number)]),
    ...emails.map((e) => anonymisedEmailItem(e, at)),
    ...(feed ? replaceFeedItems(personId, undefined, at, feed.tokenHash) : []),
  ];
  const stale = 'Their records changed at the same moment; ask again to finish.';
  for (let i = 0; i < writes.length; i += TRANSACTION_ITEMS)
    await commitOrStale({ writes: writes.slice(i, i + TRANSACTION_ITEMS) }, stale);
  const summary = {
    applications: applications.length,
    certifications: certificates.length,
    emails: emails.length + ofApplications.emails,
  };
  await commitOrStale(
    {
      writes: [
        ...forgetPersonItems(person, at),
        auditPut({
          subjectType: 'person',
          subjectId: personId,
          action: 'person-anonymised',
          actor: actorOf(actor),
          at,
          reason,
          after: summary,
        }),
      ],
    },
    stale,
  );
  return { personId, anonymisedAt: at, ...summary };
}

/** The outbox emails about these ids not yet anonymised, as stored. */
async function emailsAbout(ids: string[]) {
  const keys = (await Promise.all(ids.map(emailKeysAbout))).flat();
  return [...(await getEmails(keys)).values()].filter((e) => e.anonymisedAt === undefined);
}

/**
 * What anonymising applications writes: each application (`anonymisedApplication`), the emails about it, the review
 * of its endorsement, the course completion it led to (DDS's payment record keeps dates and provider, not the name). Shared by a person's request and the records schedule's end for applications never seated.
 */
export async function anonymisedApplicationsWrites(applications: Application[], at: string) {
  const emails = await emailsAbout(applications.map((a) => a.id));
  const reviews = (await Promise.all(applications.map((a) => getReview(a.id)))).filter((r) => r !== undefined);
  const completions = (await Promise.all(applications.map(completionOf))).filter((c) => c !== undefined);
  return {
    writes: [
      ...applications.map((a) => saveApplicationItem(anonymisedApplication(a, at), a)),
      ...emails.map((e) => anonymisedEmailItem(e, at)),
      ...reviews.map((r) => anonymisedReviewItem(r.applicationId, ANONYMISED_NAME)),
      ...completions.map((c) => anonymisedCompletionItem(c, ANONYMISED_NAME)),
    ],
    emails: emails.length,
  };
}
