import { confirmSignUp, resendSignUpCode, signUp } from 'aws-amplify/auth';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Problem } from '../api/client';
import { authProblem } from '../auth/errors';
import { ErrorSummary, Field, fieldErrors, localProblem } from '../components/forms';
import { Page } from '../components/Page';
import { useAnnounce } from '../components/status';

/** What confirming a sign-up answers, announced and shown on the sign-in page it leads to. */
export const ACCOUNT_CONFIRMED = 'Your account is confirmed. Sign in to continue.';

/** What sign-up answers, for a new address and for one that already has an account alike. */
export const codeSentWords = (email: string) =>
  `We emailed a confirmation code to ${email}, unless it already has an account: then sign in, or reset your password.`;

/** Confirming answers a wrong code and an address that cannot be confirmed (unknown, or already confirmed) alike. */
const NOT_CONFIRMABLE = new Set([
  'UserNotFoundException',
  'NotAuthorizedException',
  'AliasExistsException',
  'CodeMismatchException',
]);
const WRONG_CODE = Object.assign(new Error('The code is not right.'), { name: 'CodeMismatchException' });

import { PASSWORD_HINT } from '../../../shared/domain/password-policy';

/** Create an account (applicants sign themselves up); a code is emailed to confirm the address. */
export function SignUp() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const errors = fieldErrors(problem);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = [
      ...(email ? [] : [{ field: 'email', message: 'Enter your email.' }]),
      ...(password ? [] : [{ field: 'password', message: 'Choose a password.' }]),
    ];
    if (missing.length > 0) return setProblem(localProblem(missing));
    setProblem(undefined);
    try {
      // The same answer whether or not the address already has an account: nothing tells who has one.
      await signUp({ username: email, password, options: { userAttributes: { email } } }).catch((error: Error) => {
        if (error.name !== 'UsernameExistsException') throw error;
      });
      announce(codeSentWords(email));
      navigate(`/confirm-account?email=${encodeURIComponent(email)}`);
    } catch (error) {
      setProblem(authProblem(error));
    }
  };

  return (
    <Page title="Create an account">
      <ErrorSummary problem={problem} />
      <form className="usa-form" onSubmit={submit} noValidate>
        <Field
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          hint="Your work email. Course emails go there."
          value={email}
          error={errors.email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={PASSWORD_HINT}
          value={password}
          error={errors.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button className="usa-button" type="submit">
          Create account
        </button>
      </form>
      <p>
        Already have an account? <Link to="/sign-in">Sign in</Link>
      </p>
    </Page>
  );
}

/** Confirm the email address with the emailed code. */
export function ConfirmAccount() {
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const errors = fieldErrors(problem);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = [
      ...(email ? [] : [{ field: 'email', message: 'Enter your email.' }]),
      ...(code ? [] : [{ field: 'code', message: 'Enter the code we emailed you.' }]),
    ];
    if (missing.length > 0) return setProblem(localProblem(missing));
    setProblem(undefined);
    try {
      await confirmSignUp({ username: email, confirmationCode: code }).catch((error: Error) => {
        throw NOT_CONFIRMABLE.has(error.name) ? WRONG_CODE : error;
      });
      announce(ACCOUNT_CONFIRMED);
      // The sign-in page says it too, on the page (an announcement alone is heard, not seen).
      navigate('/sign-in', { state: { confirmed: true } });
    } catch (error) {
      setProblem(authProblem(error));
    }
  };

  const resend = async () => {
    try {
      await resendSignUpCode({ username: email }).catch((error: Error) => {
        if (!NOT_CONFIRMABLE.has(error.name) && error.name !== 'InvalidParameterException') throw error;
      });
      announce(codeSentWords(email));
    } catch (error) {
      setProblem(authProblem(error));
    }
  };

  return (
    <Page title="Confirm your email">
      <p>{codeSentWords(params.get('email') ?? 'your email')} It can take a few minutes to arrive.</p>
      <ErrorSummary problem={problem} />
      <form className="usa-form" onSubmit={submit} noValidate>
        <Field
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          value={email}
          error={errors.email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          name="code"
          label="Confirmation code"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          error={errors.code}
          onChange={(e) => setCode(e.target.value.trim())}
        />
        <button className="usa-button" type="submit">
          Confirm
        </button>
        <button className="usa-button usa-button--outline" type="button" onClick={resend}>
          Send a new code
        </button>
      </form>
    </Page>
  );
}

export { PASSWORD_HINT };
