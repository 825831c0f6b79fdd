import { now } from '../clock';
import { getPerson, putPersonItem } from '../data/people';
import { getProvider } from '../data/providers';
import { toCtIso } from '../domain/calendar/time';
import type { Person, Position } from '../domain/person';
import type { Actor } from '../domain/actor';
import { InvalidInput, NotFound, RuleBroken } from '../domain/errors';
import { commitOrStale } from './unit-of-work';

export interface ProfileInput {
  name: string;
  jobTitle: string;
  position: Position;
  /** null: self-hired (Self-Determination program), no provider. */
  providerId: string | null;
  supervisor: { name: string; email: string };
}

export const profileView = (p: Person) => ({
  name: p.name,
  email: p.email,
  jobTitle: p.jobTitle,
  position: p.position,
  providerId: p.providerId ?? null,
  membership: p.membership,
  membershipConfirmedAt: p.membershipConfirmedAt,
  supervisor: p.supervisor,
  version: p.version,
  updatedAt: p.updatedAt,
});

export async function getMyProfile(actor: Actor) {
  const person = await getPerson(actor.sub);
  if (!person) throw new NotFound('Your profile');
  return profileView(person);
}

/**
 * Save one's own profile. Naming a provider is a claim; it becomes confirmed when that provider's supervisor
 * endorses an application. Changing provider makes the membership a claim again. The email is the verified
 * sign-in email, not something the form can change.
 */
export async function putMyProfile(actor: Actor, input: ProfileInput) {
  if (!actor.email)
    throw new InvalidInput('Your sign-in token carries no email.', [
      { field: 'token.email', code: 'missing', message: 'sign in again' },
    ]);
  if (input.providerId !== null && !(await getProvider(input.providerId))) {
    throw new RuleBroken('Unknown provider.', [
      { field: 'providerId', code: 'unknown_provider', message: 'choose a provider from the directory' },
    ]);
  }
  const previous = await getPerson(actor.sub);
  const sameProvider = previous !== undefined && (previous.providerId ?? null) === input.providerId;
  const person: Person = {
    sub: actor.sub,
    name: input.name,
    email: actor.email,
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
  await commitOrStale(
    { writes: [putPersonItem(person, previous?.version)] },
    'Your profile was changed at the same moment; reload and try again.',
  );
  return profileView(person);
}
