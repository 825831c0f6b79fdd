import { createLinkItem, newLinkToken, useLinkItem } from '../../shared/data/links';
import { commit, named } from '../../shared/use-cases/unit-of-work';
import { useTestTable } from '../support/table';

useTestTable();

/**
 * The condition that refuses an expired link, across the autumn change of clocks (Sunday 7 November 2027): at
 * 01:10 EST it is 40 minutes after 01:30 EDT, although "01:10…-05:00" sorts before "01:30…-04:00" as text.
 */
describe("a link's expiry in the table", () => {
  const issue = async (expiresAt: string) => {
    const token = newLinkToken();
    const link = { purpose: 'endorsement' as const, applicationId: 'ap_expiry', expiresAt, createdAt: expiresAt };
    expect(await commit({ writes: [named('link', createLinkItem(token, link))] })).toEqual({ ok: true });
    return token;
  };
  const use = (token: string, at: string) => commit({ writes: [named('use', useLinkItem(token, at))] });

  it('is refused after it expired, when the expiry and the use straddle the change of clocks', async () => {
    const token = await issue('2027-11-07T01:30:00.000-04:00');
    expect((await use(token, '2027-11-07T01:10:00.000-05:00')).ok).toBe(false);
  });

  it('works before it expires, across the same change', async () => {
    const token = await issue('2027-11-07T01:10:00.000-05:00');
    expect(await use(token, '2027-11-07T01:30:00.000-04:00')).toEqual({ ok: true });
  });

  it('is refused at the instant it expires', async () => {
    const token = await issue('2027-03-01T12:00:00.000-05:00');
    expect((await use(token, '2027-03-01T12:00:00.000-05:00')).ok).toBe(false);
  });
});
