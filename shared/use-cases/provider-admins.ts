import { now } from '../clock';
import { auditPut } from '../data/audit';
import { adminsOf, getProviderAdmin, type ProviderAdmin, saveProviderAdminItems } from '../data/provider-admins';
import { getProvider } from '../data/providers';
import type { Actor } from '../domain/actor';
import { actorOf } from '../domain/audit';
import { toCtIso } from '../domain/calendar/time';
import { NotFound, StateConflict } from '../domain/errors';
import { commitOrStale } from './unit-of-work';

/** ADS's view of each agency's provider administrators (created with the staff accounts, `createStaffAccount`). */

const adminView = (a: ProviderAdmin) => ({
  personId: a.sub,
  name: a.name,
  email: a.email,
  status: a.status,
  linkedAt: a.linkedAt,
  endedAt: a.endedAt,
  reason: a.reason,
});

export async function providerAdmins(providerId: string) {
  if (!(await getProvider(providerId))) throw new NotFound('The provider');
  return { items: (await adminsOf(providerId)).map(adminView) };
}

/**
 * ADS ends an administrator's link (they left the agency, or no longer act for it), with a reason, audited on the
 * agency and the person. From then every agency route answers them 404 and their vouching stops, even mid-act (the
 * vouching transaction re-checks the link).
 */
export async function endProviderAdmin(providerId: string, sub: string, reason: string, actor: Actor) {
  const admin = await getProviderAdmin(providerId, sub);
  if (!admin) throw new NotFound('The administrator');
  if (admin.status === 'ended') throw new StateConflict('This link was already ended.');
  const at = toCtIso(now());
  const next: ProviderAdmin = {
    ...admin,
    status: 'ended',
    endedAt: at,
    endedBy: actor.sub,
    reason,
    version: admin.version + 1,
  };
  const audit = { actor: actorOf(actor), at, reason, before: { status: 'active' }, after: { status: 'ended' } };
  await commitOrStale(
    {
      writes: [
        ...saveProviderAdminItems(next, admin.version),
        auditPut({ subjectType: 'provider', subjectId: providerId, action: 'admin-ended', ...audit }),
        auditPut({ subjectType: 'person', subjectId: sub, action: 'admin-link-ended', ...audit }),
      ],
    },
    'The administrator changed at the same moment; reload.',
  );
  return adminView(next);
}
