import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AdminGetUserCommand,
  AdminAddUserToGroupCommand,
  ConfirmSignUpCommand,
  SignUpCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListUserPoolsCommand,
  ListUserPoolClientsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { ROLES, type Role } from '../../shared/domain/vocabulary';
import { SESSION_HOURS } from '../../shared/config/session';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './components';

export const POOL_NAME = 'ce-certification-local';

export const cognitoClient = (endpoint: string) =>
  new CognitoIdentityProviderClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

/**
 * The pool, its two app clients (applicants' `web`, staff's `staff`) and the groups, as the CDK stack declares
 * them; reused if already there.
 */
export async function ensurePool(
  client: CognitoIdentityProviderClient,
): Promise<{ userPoolId: string; clientId: string; staffClientId: string }> {
  const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = pools.UserPools?.find((p) => p.Name === POOL_NAME)?.Id;
  if (!userPoolId) {
    const created = await client.send(
      new CreateUserPoolCommand({
        PoolName: POOL_NAME,
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
      }),
    );
    userPoolId = created.UserPool!.Id!;
  }
  // Every start, so a pool from an earlier run gets a role added since.
  const groups = await client.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  for (const group of ROLES.filter((r) => !groups.Groups?.some((g) => g.GroupName === r)))
    await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
  // MFA optional with authenticator apps (TOTP), so a user who sets one up is challenged at sign-in; in AWS the pool
  // requires it. Set every start, so pools from earlier runs get it too.
  await client.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: userPoolId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    }),
  );
  const clients = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  const appClient = async (name: string, refreshHours: number) => {
    const found = clients.UserPoolClients?.find((c) => c.ClientName === name)?.ClientId;
    if (found) return found;
    const created = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: name,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        RefreshTokenValidity: refreshHours,
        TokenValidityUnits: { RefreshToken: 'hours' },
      }),
    );
    return created.UserPoolClient!.ClientId!;
  };
  return {
    userPoolId,
    clientId: await appClient('web', SESSION_HOURS.applicant),
    staffClientId: await appClient('staff', SESSION_HOURS.staff),
  };
}

/** A staff account as ADS creates them (no invitation email: cognito-local cannot send one). */
export async function ensureUser(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  email: string,
  password: string,
  group: Role,
): Promise<string> {
  try {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'UsernameExistsException') throw error;
  }
  await client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: email, Password: password, Permanent: true }),
  );
  await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: group }));
  const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
  return user.UserAttributes?.find((a) => a.Name === 'sub')?.Value ?? email;
}

/** Signs in with a password (no MFA set up): the ID token, the refresh token that renews it, the access token. */
export async function signInTokens(
  client: CognitoIdentityProviderClient,
  clientId: string,
  email: string,
  password: string,
): Promise<{ idToken: string; refreshToken: string; accessToken: string }> {
  const result = await client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const idToken = result.AuthenticationResult?.IdToken;
  if (!idToken) throw new Error(`sign-in for ${email} returned no token (challenge ${result.ChallengeName ?? 'none'})`);
  const { RefreshToken = '', AccessToken = '' } = result.AuthenticationResult ?? {};
  return { idToken, refreshToken: RefreshToken, accessToken: AccessToken };
}

export async function signIn(
  client: CognitoIdentityProviderClient,
  clientId: string,
  email: string,
  password: string,
): Promise<string> {
  return (await signInTokens(client, clientId, email, password)).idToken;
}

/** A new ID token from a refresh token, as Amplify renews a session. */
export async function refreshIdToken(
  client: CognitoIdentityProviderClient,
  clientId: string,
  refreshToken: string,
): Promise<string> {
  const result = await client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
  );
  return result.AuthenticationResult!.IdToken!;
}

/**
 * Self sign-up as an applicant does it: SignUp, then ConfirmSignUp with the emailed code. cognito-local does not
 * email the code; it keeps it in its data file, which is where this reads it from (local only).
 */
export async function signUpAndConfirm(
  client: CognitoIdentityProviderClient,
  clientId: string,
  cognitoDir: string,
  userPoolId: string,
  email: string,
  password: string,
): Promise<string> {
  const signedUp = await client.send(
    new SignUpCommand({
      ClientId: clientId,
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
  const db = JSON.parse(readFileSync(join(cognitoDir, '.cognito', 'db', `${userPoolId}.json`), 'utf8')) as {
    Users: Record<string, { Attributes: { Name: string; Value: string }[]; ConfirmationCode?: string }>;
  };
  const user = Object.values(db.Users).find((u) => u.Attributes.some((a) => a.Name === 'email' && a.Value === email));
  if (!user?.ConfirmationCode) throw new Error('no confirmation code was issued');
  await client.send(
    new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: user.ConfirmationCode }),
  );
  return signedUp.UserSub!;
}
