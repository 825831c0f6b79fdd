import { saveProviderAdminItems } from '../../shared/data/provider-admins';
import { transact } from '../../shared/data/transactions';
import { unique } from './fixtures';
import type { As } from './invoke';

/**
 * A provider administrator linked to an agency, written as `POST /ads/accounts` links one (its Cognito side is tested
 * where cognito-local runs), `linkedAt` long enough ago that their vouching is not flagged as newly linked.
 */
export async function providerAdmin(
  providerId: string,
  fields: { email?: string; name?: string; linkedAt?: string } = {},
): Promise<As & { name: string; email: string }> {
  const tag = unique();
  const admin = {
    sub: `provider-admin-${tag}`,
    roles: ['provider-admin' as const],
    email: fields.email ?? `admin.${tag}@harbor.example.org`,
    name: fields.name ?? 'Riley Park',
  };
  const saved = await transact(
    saveProviderAdminItems(
      {
        sub: admin.sub,
        providerId,
        name: admin.name,
        email: admin.email,
        status: 'active',
        linkedAt: fields.linkedAt ?? '2026-01-05T09:00:00.000-05:00',
        linkedBy: 'ads-staff-1',
        version: 1,
      },
      undefined,
    ),
  );
  if (!saved.ok) throw new Error('linking the provider administrator failed');
  return admin;
}
