import type { Application } from '../../shared/domain/application';
import { assertOffer, assertOpenOffer, holdsSeat, offerLapsed, releasedSeat } from '../../shared/domain/offers';
import { StateConflict } from '../../shared/domain/errors';

const offer = { offeredAt: '2027-01-04T10:00:00.000-05:00', deadline: '2027-01-11T10:00:00.000-05:00' };
const withOffer = (status: Application['status']) => ({
  status,
  offer: { ...offer, seatRegion: 'North' as const, via: 'allocation' as const },
});
const before = new Date('2027-01-11T14:59:59.999Z');
const atDeadline = new Date('2027-01-11T15:00:00.000Z');

const refusal = (act: () => unknown): string | undefined => {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(StateConflict);
    return (error as Error).message;
  }
  return undefined;
};

describe('offers', () => {
  it('may be accepted (or co-signed) only in the expected status and before the deadline', () => {
    expect(refusal(() => assertOpenOffer(withOffer('offered'), before, ['offered']))).toBeUndefined();
    expect(refusal(() => assertOpenOffer(withOffer('offered'), atDeadline, ['offered']))).toBe(
      'The offer deadline has passed; the offer has lapsed.',
    );
    expect(refusal(() => assertOpenOffer(withOffer('accepted'), before, ['offered']))).toBe(
      'This application is accepted; there is no open offer.',
    );
    expect(refusal(() => assertOpenOffer({ status: 'endorsed' }, before, ['offered']))).toBe(
      'This application is endorsed; there is no open offer.',
    );
  });

  it('may be declined past its deadline (the sweep has not lapsed it yet), not once answered', () => {
    expect(refusal(() => assertOffer(withOffer('accepted'), ['offered', 'accepted']))).toBeUndefined();
    expect(refusal(() => assertOffer(withOffer('enrolled'), ['offered', 'accepted']))).toBe(
      'This application is enrolled; there is no open offer.',
    );
  });

  it('lapse at their deadline when not yet enrolled', () => {
    expect(offerLapsed(withOffer('offered'), before)).toBe(false);
    expect(offerLapsed(withOffer('offered'), atDeadline)).toBe(true);
    expect(offerLapsed(withOffer('accepted'), atDeadline)).toBe(true);
    expect(offerLapsed(withOffer('enrolled'), atDeadline)).toBe(false);
    expect(offerLapsed({ status: 'offered' }, atDeadline)).toBe(false);
  });

  it('hold a seat from the offer to enrolment; releasing gives back the count it held', () => {
    for (const status of ['offered', 'accepted', 'enrolled'] as const) expect(holdsSeat(withOffer(status))).toBe(true);
    for (const status of ['declined', 'lapsed', 'withdrawn'] as const) expect(holdsSeat(withOffer(status))).toBe(false);
    expect(holdsSeat({ status: 'waitlisted' })).toBe(false);
    expect(releasedSeat('enrolled')).toEqual({ enrolled: -1 });
    expect(releasedSeat('accepted')).toEqual({ offered: -1 });
  });
});
