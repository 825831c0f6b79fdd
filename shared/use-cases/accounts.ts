import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { now } from '../clock';
import { identityConfig } from '../config/identity';
import { auditPut } from '../data/audit';
import { actorOf } from '../domain/audit';
import { toCtIso } from '../domain/calendar/time';
import type { Actor } from '../domain/actor';
import { RuleBroken, StateConflict } from '../domain/errors';
import { commit } from './unit-of-work';

const cognito = new CognitoIdentityProviderClient({});

/**
 * ADS creates accounts for ADS staff and DDS (applicants sign themselves up). Cognito emails the person a
 * temporary password; they set their own, and their authenticator app, at first sign-in. Audited.
 */
export async function createStaffAccount(input: { email: string; role: 'ads-staff' | 'dds' }, actor: Actor) {
  let sub: string | undefined;
  try {
    const created = await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: identityConfig.userPoolId,
        Username: input.email,
        UserAttributes: [
          { Name: 'email', Value: input.email },
          { Name: 'email_verified', Value: 'true' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
        ...(identityConfig.suppressInvites
          ? { MessageAction: 'SUPPRESS', TemporaryPassword: `Tmp-${randomBytes(12).toString('base64url')}1!` }
          : {}),
      }),
    );
    sub = created.User?.Attributes?.find((a) => a.Name === 'sub')?.Value ?? created.User?.Username;
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    if (e.name === 'UsernameExistsException') throw new StateConflict('An account with this email already exists.');
    // Cognito's own input rules (e.g. what it accepts as an email) are the caller's to fix, not a server fault.
    if (e.$metadata?.httpStatusCode === 400)
      throw new RuleBroken('Cognito refused the account.', [{ field: 'email', code: e.name, message: e.message }]);
    throw error;
  }
  await cognito.send(
    new AdminAddUserToGroupCommand({
      UserPoolId: identityConfig.userPoolId,
      Username: input.email,
      GroupName: input.role,
    }),
  );
  const at = toCtIso(now());
  await commit({
    writes: [
      auditPut({
        subjectType: 'person',
        subjectId: sub ?? input.email,
        action: `account-created:${input.role}`,
        actor: actorOf(actor),
        at,
        after: { role: input.role },
      }),
    ],
  });
  return { personId: sub ?? input.email, email: input.email, role: input.role, createdAt: at };
}
