import { Amplify } from 'aws-amplify';
import type { WebConfig } from '../../shared/http/static-headers';
import { WEB_CONFIG_PATH } from '../../shared/http/static-headers';

/** The runtime settings (`/config.json`, one build for every environment), read once before the app renders. */
let config: WebConfig | undefined;

/**
 * Who signs in: applicants through the applicants' app client (a day's session), ADS and DDS staff through the
 * staff client (8 hours; the API refuses their tokens from the other). The choice made on the sign-in page is
 * remembered, so a reload finds the session (Amplify keeps each client's tokens apart).
 */
export type SignInAs = 'applicant' | 'staff';
const SIGN_IN_AS = 'ce.signInAs';

export const signInAs = (): SignInAs => (localStorage.getItem(SIGN_IN_AS) === 'staff' ? 'staff' : 'applicant');

/** Points Amplify at the app client of `who`, and remembers the choice. */
export function signInThrough(who: SignInAs): void {
  const settings = webConfig();
  localStorage.setItem(SIGN_IN_AS, who);
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: settings.userPoolId,
        userPoolClientId: who === 'staff' ? settings.staffClientId : settings.userPoolClientId,
        ...(settings.userPoolEndpoint ? { userPoolEndpoint: settings.userPoolEndpoint } : {}),
        loginWith: { email: true },
        signUpVerificationMethod: 'code',
      },
    },
  });
}

export async function loadConfig(): Promise<WebConfig> {
  const res = await fetch(WEB_CONFIG_PATH, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`${WEB_CONFIG_PATH} answered ${res.status}`);
  config = (await res.json()) as WebConfig;
  signInThrough(signInAs());
  return config;
}

export function webConfig(): WebConfig {
  if (!config) throw new Error('loadConfig() first');
  return config;
}
