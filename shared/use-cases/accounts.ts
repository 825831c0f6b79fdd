import { now } from '../clock';
import { identityConfig } from '../config/identity';
import { addToGroup, createAccount } from '../identity/cognito';
import { auditPut } from '../data/audit';
import { saveProviderAdminItems } from '../data/provider-admins';
import { getProvider } from '../data/providers';
import { putStaffItem, type StaffRole } from '../data/staff';
import { actorOf } from '../domain/audit';
import { toCtIso } from '../domain/calendar/time';
import type { Actor } from '../domain/actor';
import { RuleBroken, StateConflict } from '../domain/errors';
import { commit } from './unit-of-work';

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
