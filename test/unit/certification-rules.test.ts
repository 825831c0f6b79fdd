import {
  changeStanding,
  externalCredentialRefusal,
  mayRecertifyWith,
  reminderPoint,
  remindedOfExpiry,
  stillStands,
  type Standing,
  type StandingAction,
} from '../../shared/domain/certification';
import { RuleBroken, StateConflict } from '../../shared/domain/errors';

const thrown = (act: () => unknown): unknown => {
  try {
    act();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('standing: every action from every standing', () => {
  const table: [StandingAction, Standing, { to: Standing } | { refused: string }][] = [
    ['suspend', 'issued', { to: 'suspended' }],
    ['suspend', 'suspended', { refused: 'A suspended certification cannot be suspended.' }],
    ['suspend', 'revoked', { refused: 'A revoked certification cannot be suspended.' }],
    ['suspend', 'superseded', { refused: 'A superseded certification cannot be suspended.' }],
    ['reinstate', 'issued', { refused: 'A issued certification cannot be reinstated.' }],
    ['reinstate', 'suspended', { to: 'issued' }],
    ['reinstate', 'revoked', { refused: 'A revoked certification cannot be reinstated.' }],
    ['reinstate', 'superseded', { refused: 'A superseded certification cannot be reinstated.' }],
    ['revoke', 'issued', { to: 'revoked' }],
    ['revoke', 'suspended', { to: 'revoked' }],
    ['revoke', 'revoked', { refused: 'A revoked certification cannot be revoked.' }],
    ['revoke', 'superseded', { refused: 'A superseded certification cannot be revoked.' }],
  ];

  it.each(table)('%s from %s → %j', (action, from, expected) => {
    if ('to' in expected) {
      expect(changeStanding(from, action).standing).toBe(expected.to);
    } else {
      const error = thrown(() => changeStanding(from, action));
      expect(error).toBeInstanceOf(StateConflict);
      expect((error as Error).message).toBe(expected.refused);
    }
  });

  it('names what was done in the words of the history and the email', () => {
    expect(changeStanding('issued', 'suspend').done).toBe('suspended');
    expect(changeStanding('suspended', 'reinstate').done).toBe('reinstated');
    expect(changeStanding('suspended', 'revoke').done).toBe('revoked');
  });
});

describe('which certifications still stand', () => {
  it.each([
    ['issued', true, true],
    ['suspended', true, false],
    ['revoked', false, false],
    ['superseded', false, false],
  ] as const)('%s: stands %s, holder reminded of expiry %s', (standing, stands, reminded) => {
    expect(stillStands({ standing })).toBe(stands);
    expect(remindedOfExpiry({ standing })).toBe(reminded);
  });
});

describe('recertification eligibility and reminder points', () => {
  const policy = { renewalWindowMonths: 9, graceDays: 90 };
  const cert = { standing: 'issued' as const, expiresOn: '2030-03-16' };

  it('opens with the renewal window and stays open through grace and after expiry', () => {
    expect(mayRecertifyWith(cert, '2029-06-15', policy)).toBe(false);
    expect(mayRecertifyWith(cert, '2029-06-16', policy)).toBe(true);
    expect(mayRecertifyWith(cert, '2030-04-01', policy)).toBe(true);
    expect(mayRecertifyWith(cert, '2031-01-01', policy)).toBe(true);
  });

  it('is closed to revoked, superseded and suspended certifications', () => {
    for (const standing of ['revoked', 'superseded', 'suspended'] as const)
      expect(mayRecertifyWith({ ...cert, standing }, '2030-04-01', policy)).toBe(false);
  });

  it('reminds at the nearest point reached, whatever order the points are set in', () => {
    const points = [90, 180, 30];
    expect(reminderPoint('2030-03-16', '2029-09-16', points)).toBeUndefined();
    expect(reminderPoint('2030-03-16', '2029-09-17', points)).toBe(180);
    expect(reminderPoint('2030-03-16', '2029-12-16', points)).toBe(90);
    expect(reminderPoint('2030-03-16', '2030-03-01', points)).toBe(30);
    expect(reminderPoint('2030-03-16', '2030-03-01', [])).toBeUndefined();
  });
});

describe('certifications earned elsewhere', () => {
  const acre = {
    credential: 'customized-employment' as const,
    accreditedBy: ' acre ',
    issuedOn: '2026-01-10',
    expiresOn: '2029-01-10',
  };

  it('accepts an ACRE-accredited Customized Employment certification', () => {
    expect(externalCredentialRefusal(acre)).toBeUndefined();
  });

  it('refuses CESP with its reason: it does not allow a person to provide CE services', () => {
    const refusal = externalCredentialRefusal({ ...acre, credential: 'cesp' });
    expect(refusal).toBeInstanceOf(RuleBroken);
    expect(refusal?.problems).toEqual([
      {
        field: 'credential',
        code: 'cesp_not_ce',
        message:
          'CESP validates employment-support knowledge, but it does not allow a person to provide Customized Employment services in Connecticut',
      },
    ]);
  });

  it('refuses other credentials, other accreditors, and an expiry not after the issue date', () => {
    const code = (input: typeof acre | { credential: 'other' } | { accreditedBy: string } | { expiresOn: string }) =>
      externalCredentialRefusal({ ...acre, ...input })?.problems.map((p) => [p.field, p.code]);
    expect(code({ credential: 'other' })).toEqual([['credential', 'not_ce']]);
    expect(code({ accreditedBy: 'APSE' })).toEqual([['accreditedBy', 'not_acre']]);
    expect(code({ expiresOn: acre.issuedOn })).toEqual([['expiresOn', 'before_issue']]);
  });
});
