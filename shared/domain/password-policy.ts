/**
 * The password rule of the sign-in pool, one home: the Cognito user pool (CDK) enforces it, and the sign-up and
 * password-reset pages say it, so the hint can never promise less than the pool requires.
 */
export const PASSWORD_POLICY = {
  minLength: 12,
  requireDigits: true,
  requireLowercase: true,
  requireUppercase: true,
  requireSymbols: true,
} as const;

/** The rule in words, as the pages' password fields hint it. */
export const PASSWORD_HINT = `At least ${PASSWORD_POLICY.minLength} characters, with upper- and lower-case letters, a number and a symbol.`;
