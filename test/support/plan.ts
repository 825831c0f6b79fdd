import type { PlanInput } from '../../shared/domain/iteration';

/** A valid spring iteration plan (Connecticut wall times), with what a test changes. */
export const plan = (overrides: Partial<PlanInput> = {}): PlanInput => ({
  kind: 'initial',
  title: 'Spring 2027',
  applicationWindow: { opensAt: '2026-12-01T09:00', closesAt: '2027-01-15T17:00' },
  seats: { North: 4, South: 3, West: 2 },
  liveClasses: [{ date: '2027-03-16' }, { date: '2027-02-02' }],
  assignments: [{ title: 'Discovery profile', dueAt: '2027-03-15T23:59' }],
  ...overrides,
});

let counter = 0;
/** New assignment ids, as the use case hands them to the plan checks. */
export const ids = () => `hw-${++counter}`;
/** No assignments kept from a stored plan. */
export const none = new Map<string, string>();
