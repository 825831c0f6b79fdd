import { now } from '../clock';
import { certificatesOfPerson, followHolderItems } from '../data/certifications';
import { getPerson, peopleByEmail, peopleByNamePrefix, savePersonItems } from '../data/people';
import { getProvider, getProviders } from '../data/providers';
import { toCtIso } from '../domain/calendar/time';
import { normalizeName } from '../domain/names';
import { regionsOpenTo } from '../domain/application';
import type { Person, Position } from '../domain/person';
import type { Provider } from '../domain/provider';
import { verifiedEmail, type Actor } from '../domain/actor';
import { InvalidInput, NotFound, RuleBroken } from '../domain/errors';
import { commitOrStale } from './unit-of-work';
import { getSupervisor } from '../data/supervisors';
import { supervisorScope, type Supervisor } from '../domain/supervisor';
import { nameSupervisor } from './supervisor-authorisation';

export interface ProfileInput {
  name: string;
  jobTitle: string;
  position: Position;
  /** null: self-hired (Self-Determination program), no provider. */
  providerId: string | null;
  supervisor: { name: string; email: string };
}

export const profileView = (p: Person, provider: Provider | undefined, supervisor: Supervisor | undefined) => ({
  name: p.name,
  email: p.email,
  jobTitle: p.jobTitle,
  position: p.position,
  providerId: p.providerId ?? null,
  providerName: provider?.name ?? null,
  regionsOpen: regionsOpenTo(provider?.regions),
  membership: p.membership,
  membershipConfirmedAt: p.membershipConfirmedAt,
  supervisor: p.supervisor,
  // A profile saved before supervisors were authorised has no record yet: it is requested when the person applies.
  supervisorStatus: supervisor?.status ?? ('pending' as const),
  version: p.version,
  updatedAt: p.updatedAt,
});

export async function getMyProfile(actor: Actor) {
  const person = await getPerson(actor.sub);
  if (!person) throw new NotFound('Your profile');
  const [provider, supervisor] = await Promise.all([
    person.providerId ? getProvider(person.providerId) : undefined,
    getSupervisor(supervisorScope(person.providerId), person.supervisor.email),
  ]);
  return profileView(person, provider, supervisor);
}

/**
 * Save one's own profile. Naming a provider is a claim; it becomes confirmed when that provider's supervisor
 * endorses an application. Changing provider makes the membership a claim again, so the person's certifications
 * leave the provider they were listed under (they are listed under a confirmed provider only) in the same
 * transaction. The email is the verified sign-in email, not something the form can change.
 */
export async function putMyProfile(actor: Actor, input: ProfileInput) {
  const email = verifiedEmail(actor);
  const provider = input.providerId === null ? undefined : await getProvider(input.providerId);
  if (input.providerId !== null && !provider) {
    throw new RuleBroken('Unknown provider.', [
      { field: 'providerId', code: 'unknown_provider', message: 'choose a provider from the directory' },
    ]);
  }
  const supervisor = await nameSupervisor(
    supervisorScope(input.providerId ?? undefined),
    input.supervisor,
    email,
    actor.sub,
    toCtIso(now()),
  );
  const previous = await getPerson(actor.sub);
  const sameProvider = previous !== undefined && (previous.providerId ?? null) === input.providerId;
  const person: Person = {
    sub: actor.sub,
    name: input.name,
    email,
    jobTitle: input.jobTitle,
    position: input.position,
    providerId: input.providerId ?? undefined,
    membership: input.providerId === null ? 'none' : sameProvider ? previous.membership : 'claimed',
    membershipConfirmedAt: sameProvider ? previous.membershipConfirmedAt : undefined,
    supervisor: input.supervisor,
    departedFrom: previous?.departedFrom,
    version: (previous?.version ?? 0) + 1,
    updatedAt: toCtIso(now()),
  };
  const follow = followHolderItems(
    previous ? await certificatesOfPerson(actor.sub) : [],
    person.membership === 'confirmed' ? provider : undefined,
    { at: person.updatedAt, by: actor.sub },
  );
  await commitOrStale(
    { writes: [...savePersonItems(person, previous), ...follow.items] },
    'Your profile was changed at the same moment; reload and try again.',
  );
  return profileView(person, provider, supervisor);
}

export interface PersonQuery {
  /** The start of any of the person's names (first, middle or surname); case, accents and script do not matter. */
  name?: string;
  /** The sign-in email, without regard to case. */
  email?: string;
}

/**
 * ADS finds a person, to reach the routes keyed by one (departure, outside certifications, a person's
 * certifications, recertification admission): by the start of any of their names (the name index) or by email
 * (the email index). Each comes with their provider and whether that membership is confirmed.
 */
export async function lookupPeople(query: PersonQuery, cursor: string | undefined, limit: number) {
  let found: { people: Person[]; cursor?: string };
  if (query.email !== undefined) found = { people: await peopleByEmail(query.email) };
  else {
    const prefix = normalizeName(query.name ?? '');
    if (!prefix)
      throw new InvalidInput('Give a name or an email to look for.', [
        { field: 'name', code: 'missing', message: 'a name (or its start) with at least one letter' },
      ]);
    found = await peopleByNamePrefix(prefix, cursor, limit);
  }
  const providers = await getProviders(found.people.flatMap((p) => (p.providerId ? [p.providerId] : [])));
  return {
    items: found.people.map((p) => ({
      personId: p.sub,
      name: p.name,
      email: p.email,
      providerId: p.providerId ?? null,
      providerName: (p.providerId && providers.get(p.providerId)?.name) || null,
      membership: p.membership,
      membershipConfirmedAt: p.membershipConfirmedAt,
    })),
    cursor: found.cursor,
  };
}
