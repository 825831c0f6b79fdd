import { actorNames } from '../../data/staff';
import { now } from '../../clock';
import { certificatesOfPerson, completions } from '../../data/certifications';
import { getProvider } from '../../data/providers';
import { ctDate } from '../../domain/calendar/time';
import { lifecycleSettings } from '../../data/settings';
import type { Actor } from '../../domain/actor';
import { NotFound } from '../../domain/errors';
import { certificateView } from './views';

export async function myCertifications(actor: Actor) {
  return personCertifications(actor.sub);
}

/** A person's certifications; for ADS (`names`), who acted in each history by their current name (one batched read). */
export async function personCertifications(personId: string, { names = false } = {}) {
  const today = ctDate(now());
  const policy = await lifecycleSettings();
  const items = (await certificatesOfPerson(personId)).map((c) => certificateView(c, today, policy));
  if (!names) return { items };
  const byName = await actorNames(items.flatMap((c) => c.history.map((h) => h.by)));
  return {
    items: items.map((c) => ({ ...c, history: c.history.map((h) => ({ ...h, byName: byName.get(h.by) })) })),
  };
}

/** Course completions of learners enrolled from a provider (outside training is not in it: DDS does not pay for it). */
export async function completionReport(providerId: string, from: string, to: string) {
  if (!(await getProvider(providerId))) throw new NotFound('The provider');
  return { items: (await completions(providerId, from, to)).map(({ learnerSub: _s, ...c }) => c) };
}
