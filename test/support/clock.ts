import { resetLocalClock, setLocalClock } from '../../shared/clock';

/** Stops the one clock at an instant for a test; reset after each test so no test leaks its "now" into another. */
export function at(iso: string): Date {
  const instant = new Date(iso);
  setLocalClock(instant, { frozen: true });
  return instant;
}

export function useClockReset(): void {
  afterEach(() => resetLocalClock());
}
