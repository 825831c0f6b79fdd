import { confirmResetPassword, resetPassword } from 'aws-amplify/auth';
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { Problem } from '../api/client';
import { authProblem } from '../auth/errors';
import { ErrorSummary, Field, fieldErrors, localProblem } from '../components/forms';
import { Page } from '../components/Page';
import { useAnnounce } from '../components/status';
import { PASSWORD_HINT } from './SignUp';

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
        await resetPassword({ username: email });
        setSent(true);
        announce(`If ${email} has an account, we emailed it a code.`);
      } else {
        const missing = [
          ...(code ? [] : [{ field: 'code', message: 'Enter the code we emailed you.' }]),
          ...(password ? [] : [{ field: 'password', message: 'Choose a new password.' }]),
        ];
        if (missing.length > 0) return setProblem(localProblem(missing));
        await confirmResetPassword({ username: email, confirmationCode: code, newPassword: password });
        announce('Your password is changed. Sign in with it.');
        navigate('/sign-in');
      }
    } catch (error) {
      setProblem(authProblem(error));
    }
  };

  return (
    <Page title={sent ? 'Choose a new password' : 'Reset your password'}>
      {sent ? <p>We emailed a code to {email}. Enter it with your new password.</p> : null}
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

export function SignedOut() {
  return (
    <Page title="You are signed out">
      <p>You can close this window, or sign in again.</p>
    </Page>
  );
}
