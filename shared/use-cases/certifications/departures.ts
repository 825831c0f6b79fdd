import { now } from '../../clock';
import { auditPut } from '../../data/audit';
import { actorOf } from '../../domain/audit';
import { certificatesOfPerson, certificatesOfProvider, followHolderItems } from '../../data/certifications';
import { getPerson, savePersonItems } from '../../data/people';
import { getProvider, setPriorityItem } from '../../data/providers';
import { ctDate, toCtIso } from '../../domain/calendar/time';
import { certificationState } from '../../domain/certification';
import { lifecycleSettings } from '../../data/settings';
import { assertWorksFor, type Person } from '../../domain/person';
import { departureGrantsPriority } from '../../domain/provider';
import type { Actor } from '../../domain/actor';
import { NotFound } from '../../domain/errors';
import { commit, commitOrStale } from '../unit-of-work';

/**
 * Records that a staff member left a provider (on a date). Their certifications stay theirs and leave the provider
 * with them. If that leaves the provider with no staff holding an active certification, it gets priority status
 * for the next allocation, automatically, with the reason in its audit trail.
 */
export async function recordDeparture(personId: string, providerId: string, leftOn: string, actor: Actor) {
  const person = await getPerson(personId);
  if (!person) throw new NotFound('The person');
  assertWorksFor(person, providerId);
  const provider = await getProvider(providerId);
  if (!provider) throw new NotFound('The provider');
  const stamp = toCtIso(now());
  const today = ctDate(now());
  const next: Person = {
    ...person,
    providerId: undefined,
    membership: 'none',
    membershipConfirmedAt: undefined,
    departedFrom: [...(person.departedFrom ?? []), { providerId, on: leftOn }],
    version: person.version + 1,
    updatedAt: stamp,
  };
  const follow = followHolderItems(await certificatesOfPerson(personId), undefined, { at: stamp, by: actor.sub });
  await commitOrStale(
    {
      writes: [
        ...savePersonItems(next, person),
        ...follow.items,
        auditPut({
          subjectType: 'person',
          subjectId: personId,
          action: 'left-provider',
          actor: actorOf(actor),
          at: stamp,
          before: { providerId, membership: person.membership },
          after: { providerId: null, membership: 'none', leftOn, certificationsMoved: follow.moved },
        }),
      ],
    },
    'The person changed at the same moment; reload.',
  );
  const policy = await lifecycleSettings();
  const remaining = new Set(
    (await certificatesOfProvider(providerId))
      .filter((c) => certificationState(c, today, policy).active)
      .map((c) => c.holderSub),
  );
  let priorityGranted = false;
  if (departureGrantsPriority(remaining.size, provider)) {
    const reason = `${person.name} left on ${leftOn}; no remaining staff holds an active CE certification`;
    await commit({
      writes: [
        setPriorityItem(providerId, { since: stamp, reason, source: 'departure' }, stamp),
        auditPut({
          subjectType: 'provider',
          subjectId: providerId,
          action: 'priority-set',
          actor: actorOf(actor),
          at: stamp,
          reason,
          after: { source: 'departure', personId },
        }),
      ],
    });
    priorityGranted = true;
  }
  return { personId, providerId, leftOn, remainingCertifiedStaff: remaining.size, priorityGranted };
}
