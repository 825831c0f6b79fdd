import { now } from '../clock';
import { getIterationPlans } from '../data/iterations';
import { getPerson } from '../data/people';
import { itemsOfPerson } from '../data/person-record';
import { getProviders } from '../data/providers';
import { lifecycleSettings } from '../data/settings';
import { ctDate } from '../domain/calendar/time';
import { NotFound } from '../domain/errors';
import { applicationView } from './application-views';
import { certificateView } from './certifications/views';
import { homeworkView } from './course/homework';

/**
 * A person's whole record, for ADS: profile, every application (each iteration), attendance and homework of each
 * iteration they were enrolled in, and their certifications. Reads do not grow with the record: the profile, one
 * paged Query of everything under the person (gsi2), one BatchGet of the iterations, one of the provider, the
 * lifecycle settings.
 */
export async function personRecord(personId: string) {
  const [person, items, policy] = await Promise.all([
    getPerson(personId),
    itemsOfPerson(personId),
    lifecycleSettings(),
  ]);
  const { applications, attendance, homework, files, certificates } = items;
  if (!person && applications.length === 0 && certificates.length === 0) throw new NotFound('The person');
  const [iterations, providers] = await Promise.all([
    getIterationPlans(applications.map((a) => a.iterationId)),
    getProviders(person?.providerId ? [person.providerId] : []),
  ]);
  const at = now();
  const today = ctDate(at);
  const latestFirst = applications.toSorted((a, b) => Date.parse(b.submittedAt) - Date.parse(a.submittedAt));
  return {
    personId,
    profile: person
      ? {
          personId,
          name: person.name,
          email: person.email,
          jobTitle: person.jobTitle,
          position: person.position,
          providerId: person.providerId ?? null,
          providerName: (person.providerId && providers.get(person.providerId)?.name) || null,
          membership: person.membership,
          membershipConfirmedAt: person.membershipConfirmedAt,
          supervisor: person.supervisor,
        }
      : null,
    applications: latestFirst.flatMap((a) => {
      const iteration = iterations.get(a.iterationId);
      return iteration ? [applicationView(a, iteration, at)] : [];
    }),
    enrolments: latestFirst.flatMap((a) => {
      const iteration = iterations.get(a.iterationId);
      if (!iteration || a.enrolledAt === undefined) return [];
      const own = <T extends { iterationId: string }>(records: T[]) =>
        records.filter((r) => r.iterationId === a.iterationId);
      return [
        {
          applicationId: a.id,
          iterationId: a.iterationId,
          title: iteration.title,
          attendance: iteration.classDates.map((date) => {
            const record = own(attendance).find((r) => r.classDate === date);
            return { date, status: record?.status ?? null, minutesMissed: record?.minutesMissed };
          }),
          homework: iteration.assignments.map((assignment) =>
            homeworkView(
              assignment,
              own(homework).find((h) => h.assignmentId === assignment.id),
              own(files).filter((f) => f.assignmentId === assignment.id),
            ),
          ),
        },
      ];
    }),
    certifications: certificates.map((c) => certificateView(c, today, policy)),
  };
}
