import * as z from 'zod/mini';
import { CE_STAGES } from '../../../domain/vocabulary';
import { date, described, instant, meta, region } from '../../schemas';

/**
 * A certificate, returned by more than one area: in a file of its own, so a route file that needs it imports only this,
 * not another area's route file (a function then bundles no other area's schemas).
 */
export const stage = z.enum(CE_STAGES);
export const state = z.enum(['active', 'in-grace', 'expired', 'suspended', 'revoked', 'superseded']);
export const personId = described(z.string().check(z.minLength(1), z.maxLength(128)), 'The person (their sign-in id).');

export const Certificate = meta(
  z.object({
    number: described(z.string(), 'The certificate number, `CT-CE-XXXX-XXXX-XXXX-XXXX`.'),
    personId: described(z.string(), "The holder's person id, for the routes keyed by a person."),
    holderName: described(z.string(), "The holder's name."),
    stage: described(stage, 'The Connecticut CE stage certified.'),
    stageName: described(z.string(), "The stage's name in words."),
    source: described(z.enum(['course', 'external']), 'Earned in this course, or recorded from an outside course.'),
    status: described(state, 'Its state today (Connecticut): only `active` allows providing the service.'),
    active: described(z.boolean(), 'Whether the holder may provide CE services of this stage today.'),
    issuedOn: described(date, 'The date it was issued.'),
    expiresOn: described(date, 'The first day the certification is no longer active.'),
    renewalOpensOn: described(date, 'The first day a recertification may be applied for.'),
    graceEndsOn: described(date, 'The last day of the grace period after expiry (not active meanwhile).'),
    providerId: described(z.nullable(z.string()), "The holder's current confirmed provider; null if none."),
    providerName: described(z.nullable(z.string()), "That provider's name; null if none."),
    providerRegions: described(z.array(region), "That provider's regions."),
    iterationId: described(z.optional(z.string()), 'The iteration it was earned in (course certifications).'),
    external: described(
      z.optional(
        z.object({
          body: described(z.string(), 'The body that awarded it.'),
          course: described(z.string(), 'The course it was earned in.'),
          evidenceReference: described(z.string(), "Where ADS's evidence of it is kept."),
        }),
      ),
      'An outside certification: where it comes from.',
    ),
    renews: described(z.optional(z.string()), 'The number of the certification this one renews.'),
    supersededBy: described(z.optional(z.string()), 'The number of the certification that renewed this one.'),
    history: described(
      z.array(
        z.object({
          at: described(instant, 'When it happened.'),
          action: described(z.string(), 'What happened: issued, suspended, reinstated, revoked, superseded…'),
          reason: described(z.optional(z.string()), 'Why, when ADS acted.'),
          by: described(z.string(), 'Who acted (a person id, or `system`).'),
          byName: described(
            z.optional(z.string()),
            "ADS's read only: who acted, by their current name (absent for a job or an account with no name on record).",
          ),
        }),
      ),
      'Everything that happened to it, oldest first.',
    ),
    lastChangedAt: described(
      instant,
      'When the record last changed: issued, a change of standing, renewal or supersession, a move to another provider or its renaming.',
    ),
  }),
  { id: 'Certificate' },
);
