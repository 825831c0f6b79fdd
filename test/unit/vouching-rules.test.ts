import { ownApplication } from '../../shared/domain/supervisor';
import { parseGroups } from '../../shared/http/caller';

const application = { applicantSub: 'sub-pat', applicant: { email: 'pat.lee@maple.example.org' } };
const admin = (sub: string, email: string) => ({ sub, email });

describe('a signed-in voucher (a provider administrator) never vouches for themselves', () => {
  it('refuses their own application, by sign-in, whatever the addresses', () => {
    expect(ownApplication(admin('sub-pat', 'manager@maple.example.org'), application, undefined)).toBe(true);
  });

  it.each([
    ['the address applied with', 'pat.lee@maple.example.org', undefined],
    ['another case', 'PAT.LEE@Maple.Example.org', undefined],
    ['a plus tag', 'pat.lee+admin@maple.example.org', undefined],
    ['dots moved', 'patlee@maple.example.org', undefined],
    ['the sign-in email now, not the one applied with', 'pat@new.example.org', 'pat@new.example.org'],
  ])('refuses an applicant at their own mailbox: %s', (_, email, now) => {
    expect(ownApplication(admin('sub-admin', email), application, now)).toBe(true);
  });

  it('allows someone else, at another mailbox or another domain', () => {
    expect(ownApplication(admin('sub-admin', 'riley@maple.example.org'), application, 'pat@new.example.org')).toBe(
      false,
    );
    expect(ownApplication(admin('sub-admin', 'pat.lee@birch.example.org'), application, undefined)).toBe(false);
  });
});

it('reads the provider-admin group from a token, as the other roles', () => {
  expect(parseGroups('[provider-admin applicant]')).toEqual(['provider-admin', 'applicant']);
  expect(parseGroups(['provider-admin'])).toEqual(['provider-admin']);
});
