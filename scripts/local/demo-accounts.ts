import type { Role } from '../../shared/domain/vocabulary';

/**
 * What `npm start` prints about the demo accounts: each role's email and password for signing in to the web app,
 * and the command for its API token — the password is given nowhere else but the source.
 */
export function demoAccountLines(users: Record<Role, { email: string; password: string }>): string[] {
  return [
    '  Demo accounts — sign in to the web app with these (local only), or get an ID token (valid 24 h) in another terminal:',
    ...Object.entries(users).map(
      ([role, user]) => `    ${role.padEnd(10)} ${user.email}   password ${user.password}   npm run token -- ${role}`,
    ),
  ];
}
