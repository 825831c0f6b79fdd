import fc, { type Arbitrary } from 'fast-check';
import * as z from 'zod/mini';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
};

/** A fast-check arbitrary of the values a zod schema accepts, through its JSON Schema (patterns, bounds, enums). */
export function arbitraryOf(schema: z.ZodMiniType): Arbitrary<unknown> {
  return fromJsonSchema(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema);
}

function fromJsonSchema(s: Schema): Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.anyOf) return fc.oneof(...s.anyOf.map(fromJsonSchema));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      if (s.pattern)
        return fc
          .stringMatching(new RegExp(s.pattern))
          .filter((v) => (s.maxLength === undefined || v.length <= s.maxLength) && v.length >= (s.minLength ?? 0));
      if (s.format === 'uri') return fc.webUrl();
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 60), unit: 'grapheme' });
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(s.items ? fromJsonSchema(s.items) : fc.anything(), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 3, 3),
      });
    case 'object': {
      const props = s.properties ?? {};
      return fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fromJsonSchema(v)])), {
        requiredKeys: (s.required ?? []).filter((k) => k in props),
      });
    }
    default:
      return fc.anything();
  }
}

const NASTY = [
  "' OR '1'='1' --",
  '{"$gt":""}',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, deliberately a plain string
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  'AUDIT#iteration#x',
  'attribute_not_exists(pk)',
  '\u0000\u202e🧑‍🦽 Zoë Łódź עברית',
  'x'.repeat(100_000),
  '',
  '   ',
];

/** Breaks a valid value the ways clients do: a field missing, one extra, a wrong type, huge, unicode, injection. */
export const mutation = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('extra' as const),
    key: fc.constantFrom('status', 'isAdmin', 'pk', 'version', '__proto__', 'constructor'),
    value: fc.anything(),
  }),
  fc.record({
    kind: fc.constant('retype' as const),
    pick: fc.nat(),
    value: fc.constantFrom<unknown>(42, -1, 1e308, true, null, [], {}, [1, 2], 'text'),
  }),
  fc.record({ kind: fc.constant('nasty' as const), pick: fc.nat(), value: fc.constantFrom(...NASTY) }),
);

export function applyMutation(
  value: unknown,
  m:
    | { kind: 'none' }
    | { kind: 'drop'; pick: number }
    | { kind: 'extra'; key: string; value: unknown }
    | { kind: 'retype' | 'nasty'; pick: number; value: unknown },
): unknown {
  if (m.kind === 'none') return value;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return m.kind === 'retype' || m.kind === 'nasty' ? m.value : value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (m.kind === 'extra') {
    Object.defineProperty(copy, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    return copy;
  }
  if (keys.length === 0) return copy;
  const key = keys[m.pick % keys.length]!;
  if (m.kind === 'drop') delete copy[key];
  else copy[key] = m.value;
  return copy;
}
