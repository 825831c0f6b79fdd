import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '../domain/vocabulary';

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
