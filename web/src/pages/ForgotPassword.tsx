import { confirmResetPassword, resetPassword } from 'aws-amplify/auth';
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, asProblem, type Problem } from '../api/client';
import { useSession } from '../auth/session';
import { authProblem } from '../auth/errors';
import { ErrorSummary, Field, fieldErrors, localProblem } from '../components/forms';
import { Page } from '../components/Page';
import { useAnnounce } from '../components/status';
import { PASSWORD_HINT } from './SignUp';

const sentWords = (email: string) => `If ${email} has an account, we emailed it a code.`;
/** An address without an account gets the answer a wrong code gets, in the same words: nothing tells them apart. */
const WRONG_CODE = Object.assign(new Error('The code is not right.'), { name: 'CodeMismatchException' });

/** Forgot password: a code is emailed, then the code and a new password. */
export function ForgotPassword() {
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [sent, setSent] = useState(false);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const errors = fieldErrors(problem);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    try {
      if (!sent) {
        if (!email) return setProblem(localProblem([{ field: 'email', message: 'Enter your email.' }]));
        // The same words whether or not the address has an account (Cognito says so too: preventUserExistenceErrors).
        await resetPassword({ username: email }).catch((error: Error) => {
          if (error.name !== 'UserNotFoundException') throw error;
        });
        setSent(true);
        announce(sentWords(email));
      } else {
        const missing = [
          ...(code ? [] : [{ field: 'code', message: 'Enter the code we emailed you.' }]),
          ...(password ? [] : [{ field: 'password', message: 'Choose a new password.' }]),
        ];
        if (missing.length > 0) return setProblem(localProblem(missing));
        await confirmResetPassword({ username: email, confirmationCode: code, newPassword: password }).catch(
          (error: Error) => {
            throw ['UserNotFoundException', 'CodeMismatchException'].includes(error.name) ? WRONG_CODE : error;
          },
        );
        announce('Your password is changed. Sign in with it.');
        navigate('/sign-in');
      }
    } catch (error) {
      setProblem(authProblem(error));
    }
  };

  return (
    <Page title={sent ? 'Choose a new password' : 'Reset your password'}>
      {sent ? <p>{sentWords(email)} Enter it with your new password.</p> : null}
      <ErrorSummary problem={problem} />
      <form className="usa-form" onSubmit={submit} noValidate>
        {sent ? (
          <>
            <Field
              name="code"
              label="Code from the email"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              error={errors.code}
              onChange={(e) => setCode(e.target.value.trim())}
            />
            <Field
              name="password"
              label="New password"
              type="password"
              autoComplete="new-password"
              hint={PASSWORD_HINT}
              value={password}
              error={errors.password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </>
        ) : (
          <Field
            name="email"
            label="Email"
            type="email"
            autoComplete="username"
            value={email}
            error={errors.email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
        <button className="usa-button" type="submit">
          {sent ? 'Change password' : 'Email me a code'}
        </button>
      </form>
    </Page>
  );
}

/**
 * Sign out on every device (`POST /me/sign-out-everywhere`): every session of the account ends at once, this one
 * included (the API refuses their tokens, Cognito their renewal); then this device forgets its tokens.
 */
export function SignOutEverywhere() {
  const session = useSession();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const { error } = await api.POST('/me/sign-out-everywhere');
    setBusy(false);
    if (error) return setProblem(asProblem(error));
    await session.signOut();
    announce('You are signed out on every device.');
    navigate('/signed-out');
  };
  return (
    <Page title="Sign out on every device">
      <p>
        Every device signed in to your account is signed out at once, this one included: a lost phone or a shared
        computer can no longer use your account. Sign in again afterwards.
      </p>
      <ErrorSummary problem={problem} />
      <form className="usa-form" onSubmit={submit} noValidate>
        <button className="usa-button" type="submit" disabled={busy}>
          Sign out on every device
        </button>
      </form>
    </Page>
  );
}

export function SignedOut() {
  return (
    <Page title="You are signed out">
      <p>You can close this window, or sign in again.</p>
    </Page>
  );
}
