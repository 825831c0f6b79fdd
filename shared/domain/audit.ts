import type { Actor } from './actor';

/** The kinds of record an audit trail can be about. */
export const AUDIT_SUBJECTS = [
  'iteration',
  'blackout',
  'provider',
  'person',
  'application',
  'allocation',
  'certificate',
  'attendance',
  'homework',
  'notice',
  'settings',
  /** A supervisor's authorisation for a provider (`<scope>#<supervisorId>`). */
  'supervisor',
  /** A confirmation flagged for ADS's review (`<applicationId>`). */
  'review',
] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECTS)[number];

/** Who an audit record says acted. */
export interface AuditActor {
  /** A person's `sub`, `system:<job>` for a scheduled job, or `supervisor-link:<email>` for a supervisor's link. */
  id: string;
  roles: string[];
}
export const actorOf = (actor: Actor): AuditActor => ({ id: actor.sub, roles: actor.roles });
export const systemActor = (job: string): AuditActor => ({ id: `system:${job}`, roles: [] });
/** A supervisor acts through a single-use link from an email, without signing in. */
export const supervisorActor = (email: string): AuditActor => ({ id: `supervisor-link:${email}`, roles: [] });
