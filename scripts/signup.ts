/**
 * `npm run signup -- <email> <password>` signs a new applicant up on the running local stack, as the sign-up page
 * would in AWS: SignUp, ConfirmSignUp with the emailed code (read from cognito-local's data here), and the
 * post-confirmation trigger puts them in the `applicant` group. Then `npm run token -- <email> <password>`.
 */
import { cognitoClient, signUpAndConfirm } from './local/cognito';
import { readState } from './local/stack';

async function main() {
  const [email, password] = process.argv.slice(2);
  if (!email || !password) {
    console.error(
      'usage: npm run signup -- <email> <password>   (password: 12+ characters with upper, lower, digit and symbol)',
    );
    process.exit(2);
  }
  const state = readState();
  const sub = await signUpAndConfirm(
    cognitoClient(state.cognitoEndpoint),
    state.clientId,
    state.cognitoDir,
    state.userPoolId,
    email,
    password,
  );
  console.log(`Signed up ${email} (id ${sub}) as an applicant. Token: npm run token -- ${email} '<password>'`);
}

main().catch((error) => {
  console.error(`Sign-up failed: ${(error as Error).message}`);
  process.exit(1);
});
