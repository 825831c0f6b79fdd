import type { Problem } from '../api/client';

/**
 * Amplify Auth's errors (Cognito's exception names) as a problem for `<ErrorSummary>`, tied to the form's field
 * where the error is about one.
 */
const FIELD_OF: Record<string, string> = {
  UsernameExistsException: 'email',
  UserNotFoundException: 'email',
  InvalidPasswordException: 'password',
  CodeMismatchException: 'code',
  ExpiredCodeException: 'code',
  EnableSoftwareTokenMFAException: 'code',
  EmptySignInUsername: 'email',
  EmptySignInPassword: 'password',
  EmptySignUpUsername: 'email',
  EmptySignUpPassword: 'password',
  EmptyConfirmSignUpCode: 'code',
  EmptyChallengeResponse: 'code',
};

export function authProblem(error: unknown): Problem {
  const { name, message } = error as { name?: string; message?: string };
  const text =
    name === 'NotAuthorizedException' || name === 'UserNotFoundException'
      ? 'The email or password is not right.'
      : (message ?? 'Something went wrong.');
  const field = name ? FIELD_OF[name] : undefined;
  const fieldFor = name === 'UserNotFoundException' ? 'password' : field;
  return {
    status: 400,
    title: 'There is a problem',
    detail: fieldFor ? undefined : text,
    errors: fieldFor ? [{ field: fieldFor, code: name ?? 'error', message: text }] : [],
  };
}
