import { now } from '../clock';
import { identityConfig } from '../config/identity';
import { addToGroup, createAccount, disableSignIn, enableSignIn, endSessions, groupsOf } from '../identity/cognito';
import { getAccountState, putAccountState } from '../data/accounts';
import { auditPut } from '../data/audit';
import { saveProviderAdminItems } from '../data/provider-admins';
import { getProvider } from '../data/providers';
import { putStaffItem, type StaffRole } from '../data/staff';
import { actorOf } from '../domain/audit';
import { toCtIso } from '../domain/calendar/time';
import type { AccountState } from '../domain/account';
import type { Actor } from '../domain/actor';
import { NotFound, RuleBroken, StateConflict } from '../domain/errors';
import type { Role } from '../domain/vocabulary';
import { commit, commitOrStale } from './unit-of-work';

/**
 * ADS creates accounts for ADS staff, DDS and provider administrators (applicants sign themselves up). Cognito emails
 * the person a temporary password; they set their own, and their authenticator app, at first sign-in. Audited.
 * A provider administrator is linked to their agency (which must exist) on the server, in the same transaction.
 */
export async function createStaffAccount(
  input: { name: string; email: string; role: StaffRole; providerId?: string },
  actor: Actor,
) {
  const provider = input.providerId === undefined ? undefined : await getProvider(input.providerId);
  if (input.providerId !== undefined && !provider)
    throw new RuleBroken('The provider does not exist.', [
      { field: 'providerId', code: 'unknown_provider', message: 'no provider agency has this id' },
    ]);
  const account = await createAccount(identityConfig.userPoolId, input.email, {
    suppressInvitation: identityConfig.suppressInvites,
  });
  if (!account.created && account.why === 'exists')
    throw new StateConflict('An account with this email already exists.');
  if (!account.created)
    throw new RuleBroken('Cognito refused the account.', [
      { field: 'email', code: account.code, message: account.message },
    ]);
  const sub = account.sub;
  await addToGroup(identityConfig.userPoolId, input.email, input.role);
  const at = toCtIso(now());
  const personId = sub ?? input.email;
  await commit({
    writes: [
      putStaffItem({ sub: personId, name: input.name, email: input.email, role: input.role, createdAt: at }),
      auditPut({
        subjectType: 'person',
        subjectId: personId,
        action: `account-created:${input.role}`,
        actor: actorOf(actor),
        at,
        after: { role: input.role, name: input.name, ...(provider ? { providerId: provider.id } : {}) },
      }),
      ...(provider
        ? [
            ...saveProviderAdminItems(
              {
                sub: personId,
                providerId: provider.id,
                name: input.name,
                email: input.email,
                status: 'active',
                linkedAt: at,
                linkedBy: actor.sub,
                version: 1,
              },
              undefined,
            ),
            auditPut({
              subjectType: 'provider',
              subjectId: provider.id,
              action: 'admin-added',
              actor: actorOf(actor),
              at,
              after: { personId, name: input.name, email: input.email },
            }),
          ]
        : []),
    ],
  });
  return {
    personId,
    name: input.name,
    email: input.email,
    role: input.role,
    ...(provider ? { providerId: provider.id } : {}),
    createdAt: at,
  };
}

/** The account's standing as the ADS console shows it: the record's, or "enabled" when there is none. */
function accountView(sub: string, state: AccountState | undefined, groups: Role[]) {
  return {
    personId: sub,
    status: state?.status ?? ('enabled' as const),
    groups: state?.status === 'disabled' ? state.groups : groups,
    sessionsEndedAt: state?.sessionsEndedAt,
    version: state?.version ?? 0,
  };
}

/** The pool's groups of an account that must exist (404 otherwise: an id no one signs in with). */
async function existingGroups(personId: string): Promise<Role[]> {
  const groups = await groupsOf(identityConfig.userPoolId, personId);
  if (!groups) throw new NotFound('The account');
  return groups;
}

export async function getAccount(personId: string) {
  const groups = await existingGroups(personId);
  return accountView(personId, await getAccountState(personId), groups);
}

/**
 * Tokens carry whole seconds and are stamped by Cognito's clock, which no one moves: the moment sessions end is
 * read from that same real clock, not from `shared/clock.ts` (which local runs and tests move).
 */
const realNow = () => toCtIso(new Date());

/**
 * ADS disables an account (someone left ADS, DDS or their agency).
 * 1. Not one's own (422): ADS would lock itself out, and another ADS account can do it.
 * 2. The account must exist in the pool (404); the groups it is in are kept on the record.
 * 3. One transaction: the record says disabled, sessions ended now; the audit record (who, when, why). From this
 *    commit on the API refuses every token of the account, refreshed ones included.
 * 4. Cognito: sign-in disabled, refresh tokens ended, groups removed.
 * Disabling a disabled account writes nothing and repeats step 4 (it finishes a disable a failure interrupted).
 */
export async function disableAccount(personId: string, input: { reason: string }, actor: Actor) {
  if (personId === actor.sub)
    throw new RuleBroken('You cannot disable your own account.', [
      { field: 'personId', code: 'own_account', message: 'another ADS account must do this' },
    ]);
  const groups = await existingGroups(personId);
  let state = await getAccountState(personId);
  if (state?.status !== 'disabled') {
    const at = toCtIso(now());
    const next: AccountState = {
      sub: personId,
      status: 'disabled',
      groups,
      sessionsEndedAt: realNow(),
      version: (state?.version ?? 0) + 1,
      updatedAt: at,
    };
    await commitOrStale(
      {
        writes: [
          putAccountState(next, state?.version ?? 0),
          auditPut({
            subjectType: 'person',
            subjectId: personId,
            action: 'account-disabled',
            actor: actorOf(actor),
            at,
            reason: input.reason,
            before: { status: 'enabled', groups },
            after: { status: 'disabled' },
          }),
        ],
      },
      'The account was changed at the same moment; reload and try again.',
    );
    state = next;
  }
  await disableSignIn(identityConfig.userPoolId, personId, state.groups);
  return accountView(personId, state, []);
}

/**
 * ADS enables a disabled account again, in the groups it had. Tokens issued before it was disabled stay refused
 * (its `sessionsEndedAt` is kept): the person signs in again. Audited; enabling an enabled account writes nothing
 * and repeats the Cognito steps.
 */
export async function enableAccount(personId: string, input: { reason: string }, actor: Actor) {
  const current = await existingGroups(personId);
  let state = await getAccountState(personId);
  const groups = state?.status === 'disabled' ? state.groups : current;
  if (state?.status === 'disabled') {
    const at = toCtIso(now());
    const next: AccountState = { ...state, status: 'enabled', groups: [], version: state.version + 1, updatedAt: at };
    await commitOrStale(
      {
        writes: [
          putAccountState(next, state.version),
          auditPut({
            subjectType: 'person',
            subjectId: personId,
            action: 'account-enabled',
            actor: actorOf(actor),
            at,
            reason: input.reason,
            before: { status: 'disabled' },
            after: { status: 'enabled', groups },
          }),
        ],
      },
      'The account was changed at the same moment; reload and try again.',
    );
    state = next;
  }
  await enableSignIn(identityConfig.userPoolId, personId, groups);
  return accountView(personId, state, groups);
}

/**
 * Signs someone out on every device: every token issued until now is refused by the API at once (the record's
 * `sessionsEndedAt`, written with its audit record), and Cognito ends the refresh tokens. The current session
 * ends too; the web app then signs out locally.
 */
export async function signOutEverywhere(actor: Actor) {
  const state = await getAccountState(actor.sub);
  const at = toCtIso(now());
  const next: AccountState = {
    sub: actor.sub,
    status: state?.status ?? 'enabled',
    groups: state?.groups ?? [],
    sessionsEndedAt: realNow(),
    version: (state?.version ?? 0) + 1,
    updatedAt: at,
  };
  await commitOrStale(
    {
      writes: [
        putAccountState(next, state?.version ?? 0),
        auditPut({
          subjectType: 'person',
          subjectId: actor.sub,
          action: 'signed-out-everywhere',
          actor: actorOf(actor),
          at,
        }),
      ],
    },
    'Your account was changed at the same moment; try again.',
  );
  await endSessions(identityConfig.userPoolId, actor.sub);
  return { sessionsEndedAt: next.sessionsEndedAt! };
}
