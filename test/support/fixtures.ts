import { iterationRoutes } from '../../shared/http/routes/iterations';
import { ads, invoke } from './invoke';

/** A plan ADS might send: window Dec–mid-Jan, classes Feb–Mar 2027 (across the March DST change). */
export const springPlan = (overrides: Record<string, unknown> = {}) => ({
  kind: 'initial',
  title: 'Spring 2027 — initial certification',
  applicationWindow: { opensAt: '2026-12-01T09:00', closesAt: '2027-01-15T17:00' },
  seats: { North: 2, South: 1, West: 1 },
  liveClasses: [{ date: '2027-02-02' }, { date: '2027-02-09' }, { date: '2027-03-16' }],
  assignments: [{ title: 'Discovery profile', dueAt: '2027-03-15T23:59', component: 'discovery' }],
  ...overrides,
});

export async function createIteration(overrides: Record<string, unknown> = {}) {
  const created = await invoke(iterationRoutes.createIteration, { as: ads, body: springPlan(overrides) });
  if (created.status !== 201) throw new Error(`create failed: ${created.text}`);
  return created.body as { id: string; version: number };
}

export async function publishedIteration(overrides: Record<string, unknown> = {}) {
  const { id } = await createIteration(overrides);
  const published = await invoke(iterationRoutes.publishIteration, { as: ads, params: { iterationId: id }, body: {} });
  if (published.status !== 200) throw new Error(`publish failed: ${published.text}`);
  return published.body as { id: string; version: number };
}
