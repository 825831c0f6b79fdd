import { Amplify } from 'aws-amplify';
import type { WebConfig } from '../../shared/http/static-headers';
import { WEB_CONFIG_PATH } from '../../shared/http/static-headers';

/** The runtime settings (`/config.json`, one build for every environment), read once before the app renders. */
let config: WebConfig | undefined;

export async function loadConfig(): Promise<WebConfig> {
  const res = await fetch(WEB_CONFIG_PATH, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`${WEB_CONFIG_PATH} answered ${res.status}`);
  config = (await res.json()) as WebConfig;
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: config.userPoolId,
        userPoolClientId: config.userPoolClientId,
        ...(config.userPoolEndpoint ? { userPoolEndpoint: config.userPoolEndpoint } : {}),
        loginWith: { email: true },
        signUpVerificationMethod: 'code',
      },
    },
  });
  return config;
}

export function webConfig(): WebConfig {
  if (!config) throw new Error('loadConfig() first');
  return config;
}
