import type { Application } from './application';
import { RuleBroken } from './errors';

export type Position = 'direct-service' | 'management';

/**
 * A person's profile. Provider membership is a claim until the supervisor confirms it (by endorsing an
 * application); anything that gives a provider an advantage counts only confirmed members.
 */
export interface Person {
  sub: string;
  name: string;
  email: string;
  jobTitle: string;
  position: Position;
  /** Undefined: works self-hired (Self-Determination program), with no provider. */
  providerId?: string;
  membership: 'none' | 'claimed' | 'confirmed';
  membershipConfirmedAt?: string;
  supervisor: { name: string; email: string };
  /** Set when a provider (or ADS) records that this person left it. */
  departedFrom?: { providerId: string; on: string }[];
  version: number;
  updatedAt: string;
}

/** A departure is recorded against the provider the person's profile names. */
export function assertWorksFor(person: Pick<Person, 'providerId'>, providerId: string): void {
  if (person.providerId !== providerId)
    throw new RuleBroken('This person is not on record as working for that provider.', [
      { field: 'providerId', code: 'not_member', message: 'the profile names another provider, or none' },
    ]);
}

/** What an anonymised person's records show instead of their name. */
export const ANONYMISED_NAME = 'Anonymised person';

/**
 * An application of an anonymised person: what allocation and the course's counts need stays (iteration, region,
 * position, status and dates); their name, email and job title go, and so do their supervisor's name and email.
 */
export function anonymisedApplication(a: Application, at: string): Application {
  const nobody = { name: ANONYMISED_NAME, email: '' };
  return {
    ...a,
    applicant: { ...a.applicant, ...nobody, jobTitle: '' },
    supervisor: nobody,
    ...(a.endorsementDeclined ? { endorsementDeclined: { at: a.endorsementDeclined.at, by: nobody } } : {}),
    ...(a.awaitingSupervisor ? { awaitingSupervisor: { since: a.awaitingSupervisor.since } } : {}),
    anonymisedAt: at,
    version: a.version + 1,
    updatedAt: at,
  };
}
