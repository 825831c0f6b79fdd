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
