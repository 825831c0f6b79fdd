/**
 * cognito-local, started with the few behaviours of Cognito the account lifecycle relies on and the emulator lacks
 * (local only; in AWS, Cognito itself does all of this):
 * - `AdminUserGlobalSignOut`: the user's refresh tokens stop working.
 * - A disabled user cannot sign in or refresh ("User is disabled.").
 * - Confirming a sign-up with the emailed code verifies the email (`email_verified`).
 * - A token says `email_verified: false` for an address not verified (the emulator turns the stored "false" into
 *   `true`).
 * Plain CommonJS: it runs as cognito-local's own process, without the TypeScript loader.
 */
const { Targets } = require('cognito-local/lib/targets/targets');
const { JwtTokenGenerator } = require('cognito-local/lib/services/tokenGenerator');
const { NotAuthorizedError, UserNotFoundError } = require('cognito-local/lib/errors');

Targets.AdminUserGlobalSignOut =
  ({ cognito }) =>
  async (ctx, req) => {
    const userPool = await cognito.getUserPool(ctx, req.UserPoolId);
    const user = await userPool.getUserByUsername(ctx, req.Username);
    if (!user) throw new UserNotFoundError();
    await userPool.saveUser(ctx, { ...user, RefreshTokens: [] });
    return {};
  };

const disabled = () => new NotAuthorizedError('User is disabled.');
const initiateAuth = Targets.InitiateAuth;
Targets.InitiateAuth = (services) => {
  const target = initiateAuth(services);
  return async (ctx, req) => {
    const userPool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId);
    const token = req.AuthParameters?.REFRESH_TOKEN;
    const user = token
      ? await userPool.getUserByRefreshToken(ctx, token)
      : req.AuthParameters?.USERNAME && (await userPool.getUserByUsername(ctx, req.AuthParameters.USERNAME));
    if (user && user.Enabled === false) throw disabled();
    return target(ctx, req);
  };
};

const confirmSignUp = Targets.ConfirmSignUp;
Targets.ConfirmSignUp = (services) => {
  const target = confirmSignUp(services);
  return async (ctx, req) => {
    const result = await target(ctx, req);
    const userPool = await services.cognito.getUserPoolForClientId(ctx, req.ClientId);
    const user = await userPool.getUserByUsername(ctx, req.Username);
    if (user) {
      const Attributes = user.Attributes.filter((a) => a.Name !== 'email_verified');
      await userPool.saveUser(ctx, { ...user, Attributes: [...Attributes, { Name: 'email_verified', Value: 'true' }] });
    }
    return result;
  };
};

const generate = JwtTokenGenerator.prototype.generate;
JwtTokenGenerator.prototype.generate = function (ctx, user, ...rest) {
  const Attributes = user.Attributes.filter((a) => a.Name !== 'email_verified' || a.Value === 'true');
  return generate.call(this, ctx, { ...user, Attributes }, ...rest);
};

require('cognito-local/lib/bin/start.js');
