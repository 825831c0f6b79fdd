import { dynamo } from '../../shared/data/client';
import type { Standing } from '../../shared/domain/certification';
import { certificationRoutes as r } from '../../shared/http/routes/certifications';
import { registryRoutes } from '../../shared/http/routes/registry';
import { seedCertificate } from '../support/certificates';
import { at, useClockReset } from '../support/clock';
import { newApplicant, saveProfile, unique } from '../support/fixtures';
import { ads, invoke } from '../support/invoke';
import { emailsTo } from '../support/ses';
import { auditRecords, storedItem } from '../support/stored';
import { useTestTable } from '../support/table';

useTestTable();
useClockReset();

/**
 * A certification's standing, through the API (README, "Standing"): suspend from issued, reinstate from suspended,
 * revoke from issued or suspended (final). Every action × every state a certification can be in — by its standing
 * and, for an issued or suspended one, by its dates (active, in grace, expired). Allowed: the answer, the stored
 * record, its history, the holder's email and exactly one audit record (who, what, before → after, why). Refused:
 * 409, and nothing changed, nothing audited, nobody emailed.
 */
const TODAY = '2027-06-15T10:00:00-04:00';
/** Expiry dates that make a certification active, in grace (90 days by default) or expired on TODAY. */
const EXPIRES = { active: '2029-01-01', 'in-grace': '2027-05-01', expired: '2026-12-01' } as const;

interface State {
  name: string;
  standing: Standing;
  dates: keyof typeof EXPIRES;
}
const STATES: State[] = [
  { name: 'issued, active', standing: 'issued', dates: 'active' },
  { name: 'issued, in grace', standing: 'issued', dates: 'in-grace' },
  { name: 'issued, expired', standing: 'issued', dates: 'expired' },
  { name: 'suspended', standing: 'suspended', dates: 'active' },
  { name: 'suspended, in grace meanwhile', standing: 'suspended', dates: 'in-grace' },
  { name: 'revoked', standing: 'revoked', dates: 'active' },
  { name: 'revoked, expired meanwhile', standing: 'revoked', dates: 'expired' },
  { name: 'superseded', standing: 'superseded', dates: 'active' },
  { name: 'superseded, in grace meanwhile', standing: 'superseded', dates: 'in-grace' },
];

type Action = 'suspend' | 'reinstate' | 'revoke';
/** The README's transitions: from which standings each action is allowed, and the standing it leads to. */
const RULES: Record<Action, { from: Standing[]; to: Standing; done: string }> = {
  suspend: { from: ['issued'], to: 'suspended', done: 'suspended' },
  reinstate: { from: ['suspended'], to: 'issued', done: 'reinstated' },
  revoke: { from: ['issued', 'suspended'], to: 'revoked', done: 'revoked' },
};

/** The status anyone verifying the number sees: standings other than issued override the dates. */
const statusOf = (standing: Standing, dates: State['dates']) => (standing === 'issued' ? dates : standing);

async function certificateIn(state: State) {
  const holder = newApplicant(`Holder ${unique()}`);
  await saveProfile(holder, null);
  const cert = await seedCertificate({
    holderSub: holder.sub,
    holderName: holder.name,
    expiresOn: EXPIRES[state.dates],
    standing: state.standing,
  });
  return { holder, cert };
}

const cases = (Object.keys(RULES) as Action[]).flatMap((action) =>
  STATES.map((state) => [action, state.name, state, RULES[action].from.includes(state.standing)] as const),
);

describe('certification standing: every action × every state', () => {
  it.each(cases)('%s a certification that is %s', async (action, _, state, allowed) => {
    at(TODAY);
    const { holder, cert } = await certificateIn(state);
    const reason = `Reason ${unique()}`;
    const answer = await invoke(r.setCertificateStanding, {
      as: ads,
      params: { number: cert.number },
      body: { action, reason },
    });
    const stored = await storedItem(`CERTIFICATE#${cert.number}`, '#CERTIFICATE');
    const trail = await auditRecords('certificate', cert.number);
    const emails = (await emailsTo(holder.email!)).filter((m) => m.subject.includes(cert.number));
    const verified = await invoke(registryRoutes.verifyCertificate, { params: { number: cert.number } });

    if (!allowed) {
      expect(answer.status).toBe(409);
      expect([stored!.standing, stored!.version, stored!.history]).toEqual([cert.standing, cert.version, cert.history]);
      expect(trail).toEqual([]);
      expect(emails).toEqual([]);
      expect(verified.body.status).toBe(statusOf(state.standing, state.dates));
      return;
    }

    const { to, done } = RULES[action];
    const status = statusOf(to, state.dates);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ number: cert.number, status, active: status === 'active' });
    expect(answer.body.history.at(-1)).toEqual({ at: expect.any(String), action: done, reason, by: ads.sub });
    expect([stored!.standing, stored!.version, stored!.history.length]).toEqual([
      to,
      cert.version + 1,
      cert.history.length + 1,
    ]);
    expect(verified.body.status).toBe(status);
    expect(
      trail.map(({ subjectType, subjectId, action: a, actor, reason: why, before, after }) => ({
        subjectType,
        subjectId,
        action: a,
        actor,
        why,
        before,
        after,
      })),
    ).toEqual([
      {
        subjectType: 'certificate',
        subjectId: cert.number,
        action,
        actor: { id: ads.sub, roles: ['ads-staff'] },
        why: reason,
        before: { standing: state.standing },
        after: { standing: to },
      },
    ]);
    expect(emails.map((m) => m.subject)).toEqual([`Your CE certification ${cert.number} was ${done}`]);
    expect(emails[0]!.body.text).toContain(`Reason: ${reason}`);
  });
});

describe('certification standing over time', () => {
  it('suspend, reinstate, suspend again, revoke: each step audited in order; then nothing more is allowed', async () => {
    at(TODAY);
    const { cert } = await certificateIn(STATES[0]!);
    const steps: Action[] = ['suspend', 'reinstate', 'suspend', 'revoke'];
    for (const action of steps) {
      const done = await invoke(r.setCertificateStanding, {
        as: ads,
        params: { number: cert.number },
        body: { action, reason: `step ${action}` },
      });
      expect(done.status).toBe(200);
    }
    for (const action of ['suspend', 'reinstate', 'revoke'] as const) {
      const refused = await invoke(r.setCertificateStanding, {
        as: ads,
        params: { number: cert.number },
        body: { action, reason: 'once more' },
      });
      expect(refused.status).toBe(409);
    }
    const trail = await auditRecords('certificate', cert.number);
    expect(trail.map((a) => [a.action, a.before, a.after])).toEqual([
      ['suspend', { standing: 'issued' }, { standing: 'suspended' }],
      ['reinstate', { standing: 'suspended' }, { standing: 'issued' }],
      ['suspend', { standing: 'issued' }, { standing: 'suspended' }],
      ['revoke', { standing: 'suspended' }, { standing: 'revoked' }],
    ]);
    const stored = await storedItem(`CERTIFICATE#${cert.number}`, '#CERTIFICATE');
    expect(stored!.history.map((h: { action: string }) => h.action)).toEqual([
      'seeded',
      'suspended',
      'reinstated',
      'suspended',
      'revoked',
    ]);
  });

  it('an unknown certificate number is 404, with nothing audited', async () => {
    const number = 'CT-CE-0000-0000-0000-0000';
    const answer = await invoke(r.setCertificateStanding, {
      as: ads,
      params: { number },
      body: { action: 'revoke', reason: 'x' },
    });
    expect(answer.status).toBe(404);
    expect(await auditRecords('certificate', number)).toEqual([]);
  });

  it('a holder with no profile (an outside certification recorded before they signed up): changed and audited, nobody emailed', async () => {
    at(TODAY);
    const cert = await seedCertificate({
      holderSub: `nobody-${unique()}`,
      holderName: 'No Profile',
      expiresOn: '2029-01-01',
    });
    const answer = await invoke(r.setCertificateStanding, {
      as: ads,
      params: { number: cert.number },
      body: { action: 'suspend', reason: 'Evidence under review' },
    });
    expect([answer.status, answer.body.status]).toEqual([200, 'suspended']);
    expect((await auditRecords('certificate', cert.number)).map((a) => a.action)).toEqual(['suspend']);
  });

  it('a change made by someone else between reading and writing is refused (409), never overwritten', async () => {
    at(TODAY);
    const { cert } = await certificateIn(STATES[0]!);
    // Another ADS staff member suspends the certification just before this revocation writes.
    let interleaved = false;
    dynamo.middlewareStack.add(
      ((next: (args: unknown) => Promise<unknown>, context: { commandName: string }) => async (args: unknown) => {
        if (!interleaved && context.commandName === 'TransactWriteItemsCommand') {
          interleaved = true;
          const other = await invoke(r.setCertificateStanding, {
            as: ads,
            params: { number: cert.number },
            body: { action: 'suspend', reason: 'first' },
          });
          expect(other.status).toBe(200);
        }
        return next(args);
      }) as never,
      { step: 'initialize', name: 'interleave-a-suspension' },
    );
    try {
      const answer = await invoke(r.setCertificateStanding, {
        as: ads,
        params: { number: cert.number },
        body: { action: 'revoke', reason: 'second' },
      });
      expect([interleaved, answer.status]).toEqual([true, 409]);
    } finally {
      dynamo.middlewareStack.remove('interleave-a-suspension');
    }
    const stored = await storedItem(`CERTIFICATE#${cert.number}`, '#CERTIFICATE');
    expect([stored!.standing, stored!.version]).toEqual(['suspended', 2]);
    expect((await auditRecords('certificate', cert.number)).map((a) => a.action)).toEqual(['suspend']);
  });
});
