import { getApplication } from '../data/applications';
import { getIteration, type StoredIteration } from '../data/iterations';
import type { Actor } from '../domain/actor';
import type { Application } from '../domain/application';
import { NotFound } from '../domain/errors';
import type { Iteration } from '../domain/iteration';

/** The records a use case starts from, or "not found" in the course's words. */
export async function findStoredIteration(id: string): Promise<StoredIteration> {
  const stored = await getIteration(id);
  if (!stored) throw new NotFound('The iteration');
  return stored;
}

export const findIteration = async (id: string): Promise<Iteration> => (await findStoredIteration(id)).iteration;

/** A draft is ADS's own: to anyone acting on a published iteration, it does not exist. */
export async function findPublishedIteration(id: string): Promise<StoredIteration> {
  const stored = await getIteration(id);
  if (stored?.iteration.status !== 'published') throw new NotFound('The iteration');
  return stored;
}

/** One's own application; someone else's is "not found", never "forbidden" (its existence is not revealed). */
export async function findOwnApplication(actor: Actor, id: string): Promise<Application> {
  const application = await getApplication(id);
  if (!application || application.applicantSub !== actor.sub) throw new NotFound('The application');
  return application;
}
