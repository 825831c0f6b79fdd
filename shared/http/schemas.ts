import * as z from 'zod/mini';
import { CT_DATETIME_PATTERN } from '../domain/calendar/time';
import { REGIONS } from '../domain/vocabulary';

/**
 * Building blocks shared by the route schemas, in zod's "mini" form (its tree-shakable API: a fraction of the
 * bundle of the chained API). Write schemas are strict: an unknown field is a 400, never stored.
 */

/**
 * Attaches OpenAPI metadata (description, example, format, or `id` to make it a named component) to a copy of the
 * schema, never to the schema itself. zod keeps metadata in one global registry keyed by schema instance: written
 * on a shared building block (`instant`, `region`), the last description would show on every field built from it.
 * The copy still inherits its original's metadata (zod links it to its parent) and validates the same way.
 */
export const meta = <T extends z.ZodMiniType>(schema: T, data: z.core.GlobalMeta): T => {
  const copy = schema.clone();
  z.globalRegistry.add(copy, data);
  return copy;
};

/** A field's own description: what this field means where it is, which its building block cannot know. */
export const described = <T extends z.ZodMiniType>(schema: T, description: string): T => meta(schema, { description });

/** Free text: trimmed, bounded, no control characters other than newlines and tabs. */
export const text = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the rule itself is about refusing control characters
    z.refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), 'control characters are not allowed'),
  );

/** Free text a form may leave empty (an empty textarea is sent as ""): trimmed, bounded, no control characters. */
export const formText = (max: number) =>
  z.string().check(
    z.trim(),
    z.maxLength(max),
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the rule itself is about refusing control characters
    z.refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), 'control characters are not allowed'),
  );

/**
 * A link a person types that is later shown to others as a link (a page's `href`, an email, a calendar entry):
 * https only — `javascript:`, `data:`, `http:` and every other scheme are refused — with a dotted host name and no
 * user name or password. The API document carries the pattern; the parse check behind it also refuses a URL the
 * WHATWG parser would not read as https (what the browser and the mail client will do with it).
 */
export const HTTPS_URL_PATTERN = '^https://[^\\s/?#@]+\\.[^\\s/?#@]+([/?#]\\S*)?$';
export const httpsUrl = (max: number, message: string) =>
  z.string().check(
    z.maxLength(max, { abort: true }),
    // One problem per field: the parse check runs only on what the pattern let through.
    z.regex(new RegExp(HTTPS_URL_PATTERN), { message, abort: true }),
    z.refine((s) => {
      try {
        const url = new URL(s);
        return url.protocol === 'https:' && url.hostname.includes('.') && !url.username && !url.password;
      } catch {
        return false;
      }
    }, message),
  );

export const reason = meta(text(2000), { description: 'Why: kept in the audit trail.' });

export const id = (prefix: string) =>
  z.string().check(z.regex(new RegExp(`^${prefix}-[0-9A-HJKMNP-TV-Z]{16}$`), `not a valid ${prefix} id`));

/** A calendar date (`format: date`). Also used for answers: every date the API returns is one. */
export const date = meta(z.iso.date(), { example: '2027-03-02' });

/** A date-time as ADS types it, described by what it is: Connecticut wall time or an instant with an offset. */
export const ctDateTime = (what: string) =>
  meta(
    z
      .string()
      .check(z.regex(CT_DATETIME_PATTERN, 'use YYYY-MM-DDTHH:MM (Connecticut time) or an ISO instant with offset')),
    {
      description: `${what}: Connecticut wall time (\`2027-03-15T23:59\`) or an ISO 8601 instant with an offset.`,
      example: '2027-03-15T23:59',
    },
  );

/**
 * An instant as the API returns it: RFC 3339 `date-time` with Connecticut's offset on that date (`-05:00` in
 * winter, `-04:00` in summer), never `Z`. Documented only: answers are not re-validated on the way out.
 */
export const instant = meta(z.string(), { format: 'date-time', example: '2027-03-15T23:59:00.000-04:00' });

/** An email address as people type it (at most 254 characters). */
export const email = meta(z.email().check(z.maxLength(254)), { example: 'pat@provider.example.org' });

export const region = z.enum(REGIONS);

export const whole = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

export const seatsInput = z.strictObject({
  North: described(whole(0, 500), 'Seats for applicants competing in the North region.'),
  South: described(whole(0, 500), 'Seats for applicants competing in the South region.'),
  West: described(whole(0, 500), 'Seats for applicants competing in the West region.'),
});
export const seatsView = z.object({
  North: described(z.number(), 'Seats of the North region.'),
  South: described(z.number(), 'Seats of the South region.'),
  West: described(z.number(), 'Seats of the West region.'),
  total: described(z.number(), 'All seats of the iteration: the sum of the regions.'),
});

export const pageQuery = {
  cursor: described(
    z.optional(z.string().check(z.maxLength(2048))),
    'Opaque cursor from the previous page (its `cursor`); omit for the first page.',
  ),
  limit: described(
    z._default(z.coerce.number().check(z.refine(Number.isInteger, 'a whole number'), z.minimum(1), z.maximum(100)), 25),
    'How many items per page (1–100).',
  ),
};

export const page = <T extends z.ZodMiniType>(item: T) =>
  z.object({
    items: described(z.array(item), 'This page of results.'),
    cursor: described(z.optional(z.string()), 'Send as `cursor` to get the next page; absent on the last page.'),
  });
