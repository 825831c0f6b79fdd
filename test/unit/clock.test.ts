import { atOneInstant, now, resetLocalClock, setLocalClock } from '../../shared/clock';

afterEach(() => resetLocalClock());

describe('one request, one instant', () => {
  it('reads the instant the work started at, however long it runs and whatever moves the clock meanwhile', async () => {
    setLocalClock(new Date('2027-03-15T23:59:58.000-04:00'));
    const seen = await atOneInstant(async () => {
      const first = now().getTime();
      await new Promise((resolve) => setTimeout(resolve, 30));
      setLocalClock(new Date('2027-03-16T09:00:00.000-04:00'));
      await Promise.resolve();
      return [first, now().getTime()];
    });
    expect(seen[0]).toBe(seen[1]);
    expect(new Date(seen[0]!).toISOString()).toMatch(/^2027-03-16T03:59:5[89]/);
    // Outside the work the clock reads as set.
    expect(now().toISOString()).toMatch(/^2027-03-16T13:00:0/);
  });

  it('keeps concurrent requests apart', async () => {
    setLocalClock(new Date('2027-01-01T12:00:00Z'), { frozen: true });
    const a = atOneInstant(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return now().toISOString();
    });
    setLocalClock(new Date('2027-06-01T12:00:00Z'), { frozen: true });
    const b = atOneInstant(async () => now().toISOString());
    expect(await Promise.all([a, b])).toEqual(['2027-01-01T12:00:00.000Z', '2027-06-01T12:00:00.000Z']);
  });
});
