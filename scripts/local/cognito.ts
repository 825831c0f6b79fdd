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
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './components';

export const POOL_NAME = 'ce-certification-local';

export const cognitoClient = (endpoint: string) =>
  new CognitoIdentityProviderClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

/** The pool, its app client and the groups, as the CDK stack declares them; reused if already there. */
export async function ensurePool(
  client: CognitoIdentityProviderClient,
): Promise<{ userPoolId: string; clientId: string }> {
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
  let clientId = clients.UserPoolClients?.find((c) => c.ClientName === 'web')?.ClientId;
  if (!clientId) {
    const created = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: 'web',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    clientId = created.UserPoolClient!.ClientId!;
  }
  return { userPoolId, clientId };
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

export async function signIn(
  client: CognitoIdentityProviderClient,
  clientId: string,
  email: string,
  password: string,
): Promise<string> {
  const result = await client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const token = result.AuthenticationResult?.IdToken;
  if (!token) throw new Error(`sign-in for ${email} returned no token (challenge ${result.ChallengeName ?? 'none'})`);
  return token;
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
