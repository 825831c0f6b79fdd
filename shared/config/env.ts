import * as z from 'zod/mini';

/**
 * Reads environment variables through a zod schema keyed by their names, once, at cold start. A missing or
 * malformed variable is a deployment fault, so it fails the init loudly, naming the variable, rather than
 * surfacing as a 500 on some later request. An empty variable counts as unset (its default applies).
 */
export function readEnv<S extends z.ZodMiniObject>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.output<S> {
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(given);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return env[name] === undefined || env[name] === ''
      ? `${name} is missing`
      : `${name} is invalid (${issue.message}): ${JSON.stringify(env[name])}`;
  });
  throw new Error(`Environment variables: ${problems.join('; ')}`);
}

export const text = z.string().check(z.minLength(1));

/** A whole number of at least 1 (days, hours, milliseconds), written in decimal digits. */
export const count = (fallback: number) =>
  z._default(
    z.pipe(
      z.string().check(z.regex(/^[1-9]\d*$/, 'a whole number of at least 1')),
      z.transform((digits) => Number(digits)),
    ),
    fallback,
  );

/** Comma-separated email addresses; none when unset. */
export const addresses = z._default(
  z.pipe(
    z.string(),
    z.transform((list) =>
      list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ),
  [],
);
