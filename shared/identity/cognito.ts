import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { ROLES, type Role } from '../domain/vocabulary';

/** Sign-in accounts in the Cognito user pool. One client per container, created at cold start. */
const cognito = new CognitoIdentityProviderClient({});

export type NewAccount =
  | { created: true; sub: string | undefined }
  | { created: false; why: 'exists' }
  /** Cognito's own input rules (e.g. what it accepts as an email): the requester's to fix, not a server fault. */
  | { created: false; why: 'refused'; code: string; message: string };

/**
 * An account with a verified email. Cognito emails the person a temporary password, unless the invitation is
 * suppressed (cognito-local cannot send it): then a random one is set and never told.
 */
export async function createAccount(
  userPoolId: string,
  email: string,
  options: { suppressInvitation: boolean },
): Promise<NewAccount> {
  try {
    const created = await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
        ...(options.suppressInvitation
          ? { MessageAction: 'SUPPRESS', TemporaryPassword: `Tmp-${randomBytes(12).toString('base64url')}1!` }
          : {}),
      }),
    );
    return {
      created: true,
      sub: created.User?.Attributes?.find((a) => a.Name === 'sub')?.Value ?? created.User?.Username,
    };
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    if (e.name === 'UsernameExistsException') return { created: false, why: 'exists' };
    if (e.$metadata?.httpStatusCode === 400)
      return { created: false, why: 'refused', code: e.name, message: e.message };
    throw error;
  }
}

/** Puts an account in a sign-in group (a role). */
export async function addToGroup(userPoolId: string, username: string, group: Role): Promise<void> {
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }));
}

/** The account's groups (its roles); undefined when the pool has no such account. */
export async function groupsOf(userPoolId: string, username: string): Promise<Role[] | undefined> {
  try {
    const listed = await cognito.send(
      new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username, Limit: 60 }),
    );
    return (listed.Groups ?? [])
      .map((g) => g.GroupName ?? '')
      .filter((name): name is Role => (ROLES as readonly string[]).includes(name));
  } catch (error) {
    if ((error as Error).name === 'UserNotFoundException') return undefined;
    throw error;
  }
}

/**
 * Ends every session of the account: its refresh tokens stop working (the ID and access tokens already issued run
 * until they expire, which is why the API also refuses them by `PERSON#<sub>`/`#ACCOUNT`).
 */
export async function endSessions(userPoolId: string, username: string): Promise<void> {
  try {
    await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: username }));
  } catch (error) {
    // An account no longer in the pool has no session left to end.
    if ((error as Error).name !== 'UserNotFoundException') throw error;
  }
}

/** No sign-in, no session, no group: each step may be repeated (a retried disable finishes what one began). */
export async function disableSignIn(userPoolId: string, username: string, groups: readonly Role[]): Promise<void> {
  await cognito.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: username }));
  await endSessions(userPoolId, username);
  for (const group of groups)
    await cognito.send(
      new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }),
    );
}

/** Sign-in allowed again, in the groups it had. */
export async function enableSignIn(userPoolId: string, username: string, groups: readonly Role[]): Promise<void> {
  for (const group of groups) await addToGroup(userPoolId, username, group);
  await cognito.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: username }));
}

/** A sign-in account as the pool holds it: what rebuilding the `sub` every record hangs on needs. */
export interface PoolUser {
  sub: string;
  username: string;
  email?: string;
  emailVerified: boolean;
  status: string;
  enabled: boolean;
  createdAt?: string;
  groups: string[];
}

const attribute = (user: UserType, name: string) => user.Attributes?.find((a) => a.Name === name)?.Value;

async function listAll(next: (token: string | undefined) => Promise<{ users: UserType[]; token?: string }>) {
  const users: UserType[] = [];
  let token: string | undefined;
  do {
    const page = await next(token);
    users.push(...page.users);
    token = page.token;
  } while (token);
  return users;
}

/** Every user of the pool with their groups: one paged ListUsers, one paged ListUsersInGroup per group. */
export async function poolUsers(userPoolId: string, groups: readonly string[]): Promise<PoolUser[]> {
  const users = await listAll(async (token) => {
    const out = await cognito.send(new ListUsersCommand({ UserPoolId: userPoolId, PaginationToken: token }));
    return { users: out.Users ?? [], token: out.PaginationToken };
  });
  const groupsOf = new Map<string, string[]>();
  for (const group of groups) {
    const members = await listAll(async (token) => {
      const out = await cognito.send(
        new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: group, NextToken: token }),
      );
      return { users: out.Users ?? [], token: out.NextToken };
    });
    for (const m of members) groupsOf.set(m.Username!, [...(groupsOf.get(m.Username!) ?? []), group]);
  }
  return users.map((u) => ({
    sub: attribute(u, 'sub') ?? u.Username!,
    username: u.Username!,
    email: attribute(u, 'email'),
    emailVerified: attribute(u, 'email_verified') === 'true',
    status: u.UserStatus ?? 'UNKNOWN',
    enabled: u.Enabled !== false,
    createdAt: u.UserCreateDate?.toISOString(),
    groups: groupsOf.get(u.Username!) ?? [],
  }));
}
