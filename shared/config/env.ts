/**
 * Reads a required environment variable once, at cold start. A missing variable is a deployment fault, so it
 * fails the init loudly rather than surfacing as a 500 on some later request.
 */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`Missing environment variable ${name}`);
  return value;
}

export function optionalEnv(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}
