import * as z from 'zod';
import { CT_DATETIME_PATTERN } from '../domain/calendar/time';
import { REGIONS } from '../domain/vocabulary';

/** Building blocks shared by the route schemas. Write schemas are strict: an unknown field is a 400, never stored. */

/** Free text: trimmed, bounded, no control characters other than newlines and tabs. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), 'control characters are not allowed');

export const reason = text(2000).meta({ description: 'Why: kept in the audit trail.' });

export const id = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}-[0-9A-HJKMNP-TV-Z]{16}$`), `not a valid ${prefix} id`);

export const date = z.iso.date().meta({ description: 'A calendar date, YYYY-MM-DD', example: '2027-03-02' });

export const ctDateTime = z
  .string()
  .regex(CT_DATETIME_PATTERN, 'use YYYY-MM-DDTHH:MM (Connecticut time) or an ISO instant with offset')
  .meta({ description: 'Connecticut wall time (`2027-03-15T23:59`) or an ISO 8601 instant with an offset.', example: '2027-03-15T23:59' });

/** An instant as the API returns it: ISO 8601 with Connecticut's offset on that date. */
export const instant = z.string().meta({ description: 'ISO 8601 instant with offset', example: '2027-03-15T23:59:00.000-04:00' });

export const region = z.enum(REGIONS);

export const seatsInput = z.strictObject({
  North: z.number().int().min(0).max(500),
  South: z.number().int().min(0).max(500),
  West: z.number().int().min(0).max(500),
});

export const pageQuery = {
  cursor: z.string().max(2048).optional().meta({ description: 'Opaque cursor from the previous page.' }),
  limit: z.coerce.number().int().min(1).max(100).default(25),
};

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), cursor: z.string().optional() });

export const emptyBody = z.strictObject({});
