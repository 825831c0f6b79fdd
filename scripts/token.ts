/**
 * `npm run token -- <role>` prints a fresh ID token for that role's demo account on the running local stack;
 * `npm run token -- <email> <password>` for any account (e.g. one made with `npm run signup`; through the applicants'
 * app client, so a staff account's token from it is refused, as the API refuses it from the web app's).
 */
import { ROLES, type Role } from '../shared/domain/vocabulary';
import { cognitoClient, signIn } from './local/cognito';
import { clientIdFor, readState } from './local/stack';

async function main() {
  const [who, password] = process.argv.slice(2);
  const state = readState();
  let credentials: { email: string; password: string };
  let clientId = state.clientId;
  if (who && ROLES.includes(who as Role)) {
    credentials = state.users[who as Role];
    clientId = clientIdFor(state, who as Role);
  } else if (who && password) credentials = { email: who, password };
  else {
    console.error(`usage: npm run token -- <${ROLES.join(' | ')}>   or   npm run token -- <email> <password>`);
    process.exit(2);
  }
  console.log(await signIn(cognitoClient(state.cognitoEndpoint), clientId, credentials.email, credentials.password));
}

main().catch((error) => {
  console.error(`No token: ${(error as Error).message}. Is the local backend running (npm start)?`);
  process.exit(1);
});
