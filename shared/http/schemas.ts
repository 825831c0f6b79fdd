import * as z from 'zod/mini';
import { CT_DATETIME_PATTERN } from '../domain/calendar/time';
import { REGIONS } from '../domain/vocabulary';

/**
 * Building blocks shared by the route schemas, in zod's "mini" form (its tree-shakable API: a fraction of the
 * bundle of the chained API). Write schemas are strict: an unknown field is a 400, never stored.
 */

/** Attaches OpenAPI metadata (description, example, or `id` to make it a named component). */
export const meta = <T extends z.ZodMiniType>(schema: T, data: z.core.GlobalMeta): T => {
  z.globalRegistry.add(schema, data);
  return schema;
};

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

export const reason = meta(text(2000), { description: 'Why: kept in the audit trail.' });

export const id = (prefix: string) =>
  z.string().check(z.regex(new RegExp(`^${prefix}-[0-9A-HJKMNP-TV-Z]{16}$`), `not a valid ${prefix} id`));

export const date = meta(z.iso.date(), { description: 'A calendar date, YYYY-MM-DD', example: '2027-03-02' });

export const ctDateTime = meta(
  z
    .string()
    .check(z.regex(CT_DATETIME_PATTERN, 'use YYYY-MM-DDTHH:MM (Connecticut time) or an ISO instant with offset')),
  {
    description: 'Connecticut wall time (`2027-03-15T23:59`) or an ISO 8601 instant with an offset.',
    example: '2027-03-15T23:59',
  },
);

/** An instant as the API returns it: ISO 8601 with Connecticut's offset on that date. */
export const instant = meta(z.string(), {
  description: 'ISO 8601 instant with offset',
  example: '2027-03-15T23:59:00.000-04:00',
});

export const region = z.enum(REGIONS);

export const whole = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

export const seatsInput = z.strictObject({ North: whole(0, 500), South: whole(0, 500), West: whole(0, 500) });
export const seatsView = z.object({ North: z.number(), South: z.number(), West: z.number(), total: z.number() });

export const pageQuery = {
  cursor: meta(z.optional(z.string().check(z.maxLength(2048))), {
    description: 'Opaque cursor from the previous page.',
  }),
  limit: z._default(
    z.coerce.number().check(z.refine(Number.isInteger, 'a whole number'), z.minimum(1), z.maximum(100)),
    25,
  ),
};

export const page = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), cursor: z.optional(z.string()) });
