import { readEnv } from '../../shared/config/env';
import { RuntimeEnv } from '../../shared/config/runtime';

/** The runtime configuration: read once at cold start, and a bad deployment fails there, naming the variable. */
const minimal = { TABLE_NAME: 't', SENDER_EMAIL: 'ce@ads.example.org' };
const failure = (env: Record<string, string | undefined>) => {
  try {
    readEnv(RuntimeEnv, env);
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
};

describe('the runtime configuration', () => {
  it('applies the course defaults; an empty variable counts as unset', () => {
    expect(readEnv(RuntimeEnv, { ...minimal, OFFER_RESPONSE_DAYS: '' })).toMatchObject({
      OFFER_RESPONSE_DAYS: 7,
      HOMEWORK_REMINDER_HOURS: 48,
      ENDORSEMENT_REMINDER_HOURS: 72,
      SES_TIMEOUT_MS: 8000,
      PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
      ADS_NOTIFY_EMAILS: [],
      DDS_NOTICE_RECIPIENTS: [],
    });
  });

  it('reads numbers and address lists', () => {
    expect(
      readEnv(RuntimeEnv, { ...minimal, OFFER_RESPONSE_DAYS: '10', DDS_NOTICE_RECIPIENTS: ' a@dds.gov, b@dds.gov ,' }),
    ).toMatchObject({ OFFER_RESPONSE_DAYS: 10, DDS_NOTICE_RECIPIENTS: ['a@dds.gov', 'b@dds.gov'] });
  });

  it('fails naming each missing or malformed variable', () => {
    expect(failure({})).toBe('Environment variables: TABLE_NAME is missing; SENDER_EMAIL is missing');
    expect(failure({ ...minimal, OFFER_RESPONSE_DAYS: 'seven' })).toMatch(
      /^Environment variables: OFFER_RESPONSE_DAYS is invalid \(.*\): "seven"$/,
    );
    expect(failure({ ...minimal, HOMEWORK_REMINDER_HOURS: '0' })).toMatch(/HOMEWORK_REMINDER_HOURS is invalid/);
    expect(failure({ ...minimal, PUBLIC_BASE_URL: 'not a url' })).toMatch(/PUBLIC_BASE_URL is invalid/);
  });
});
