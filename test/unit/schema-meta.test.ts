import * as z from 'zod/mini';
import { described, instant, meta, region } from '../../shared/http/schemas';

describe('meta() and described()', () => {
  it('never change a shared schema instance: each use gets its own description, the building block keeps its own', () => {
    const before = z.globalRegistry.get(instant);
    const opens = described(instant, 'When it opens.');
    const due = meta(instant, { description: 'When it is due.' });
    expect([opens === instant, due === instant]).toEqual([false, false]);
    expect(z.globalRegistry.get(instant)).toEqual(before);
    expect(z.globalRegistry.get(opens)?.description).toBe('When it opens.');
    expect(z.globalRegistry.get(due)?.description).toBe('When it is due.');
  });

  it('keep what the building block says (format, example) and validate exactly as it does', () => {
    const seat = described(region, 'The seat region.');
    expect(z.globalRegistry.get(region)).toBeUndefined();
    expect(z.globalRegistry.get(described(instant, 'x'))).toMatchObject({ format: 'date-time', description: 'x' });
    expect([seat.safeParse('North').success, seat.safeParse('East').success]).toEqual([true, false]);
  });
});
