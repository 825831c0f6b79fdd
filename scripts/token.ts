/** `npm run token -- <role>` prints a fresh ID token for that role's demo account on the running local stack. */
import { ROLES, type Role } from '../shared/domain/vocabulary';
import { cognitoClient, signIn } from './local/cognito';
import { readState } from './local/stack';

async function main() {
  const role = process.argv[2] as Role | undefined;
  if (!role || !ROLES.includes(role)) {
    console.error(`usage: npm run token -- <${ROLES.join(' | ')}>`);
    process.exit(2);
  }
  const state = readState();
  const user = state.users[role];
  console.log(await signIn(cognitoClient(state.cognitoEndpoint), state.clientId, user.email, user.password));
}

main().catch((error) => {
  console.error(`No token: ${(error as Error).message}. Is the local backend running (npm start)?`);
  process.exit(1);
});
