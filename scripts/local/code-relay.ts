/**
 * cognito-local cannot email: it keeps sign-up and password-reset codes in its data file. Locally this relays each
 * new code to the person's address through the local SES, so it shows in the email viewer like Cognito's email
 * would in AWS. Local only (started with the web server, so the API's tests see no extra emails).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './components';

interface StoredUser {
  Username: string;
  UserStatus?: string;
  Attributes: { Name: string; Value: string }[];
  ConfirmationCode?: string;
}

const readCodes = (file: string): Map<string, StoredUser> => {
  if (!existsSync(file)) return new Map();
  try {
    const db = JSON.parse(readFileSync(file, 'utf8')) as { Users?: Record<string, StoredUser> };
    return new Map(
      Object.values(db.Users ?? {})
        .filter((u) => u.ConfirmationCode)
        .map((u) => [`${u.Username}:${u.ConfirmationCode}`, u]),
    );
  } catch {
    return new Map(); // caught mid-write; the next poll reads it whole
  }
};

export function startCodeRelay(options: {
  cognitoDir: string;
  userPoolId: string;
  sesEndpoint: string;
  sender: string;
  intervalMs?: number;
}) {
  const file = join(options.cognitoDir, '.cognito', 'db', `${options.userPoolId}.json`);
  const ses = new SESClient({ endpoint: options.sesEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const seen = new Set(readCodes(file).keys());
  let busy = false;
  const poll = async () => {
    if (busy) return;
    busy = true;
    try {
      for (const [key, user] of readCodes(file)) {
        if (seen.has(key)) continue;
        seen.add(key);
        const email = user.Attributes.find((a) => a.Name === 'email')?.Value;
        if (!email) continue;
        const signUp = user.UserStatus === 'UNCONFIRMED';
        const subject = signUp ? 'Your confirmation code' : 'Your password reset code';
        const text = signUp
          ? `Your confirmation code for the CT Customized Employment certification service is ${user.ConfirmationCode}.`
          : `Your code to choose a new password for the CT Customized Employment certification service is ${user.ConfirmationCode}.`;
        await ses.send(
          new SendEmailCommand({
            Source: options.sender,
            Destination: { ToAddresses: [email] },
            Message: { Subject: { Data: subject }, Body: { Text: { Data: text } } },
          }),
        );
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void poll().catch(() => undefined), options.intervalMs ?? 300);
  return {
    stop: async () => {
      clearInterval(timer);
      ses.destroy();
    },
  };
}
