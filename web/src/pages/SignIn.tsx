import { confirmSignIn, fetchAuthSession, signIn, signOut, type SignInOutput } from 'aws-amplify/auth';
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { Problem } from '../api/client';
import { authProblem } from '../auth/errors';
import { useSession } from '../auth/session';
import { ErrorSummary, Field, fieldErrors } from '../components/forms';
import { Page } from '../components/Page';
import { SITE_NAME } from '../../../shared/site';
import { useAnnounce } from '../components/status';
import { type SignInAs, signInAs, signInThrough, webConfig } from '../config';
import { homeOf, staffRoleOf } from '../staff';
import { ACCOUNT_CONFIRMED } from './SignUp';

type Step = { kind: 'password' } | { kind: 'totp-setup'; secret: string; uri: string } | { kind: 'totp-code' };

const WHO_WORDS: Record<SignInAs, string> = {
  applicant: 'An applicant or learner',
  staff: 'ADS, DDS or provider agency staff',
};

/** A staff account signed in through the applicants' sign-in: told in words, and signed out again. */
const STAFF_ELSEWHERE: Problem = {
  status: 403,
  title: 'There is a problem',
  errors: [
    {
      field: 'who',
      code: 'staff_client_required',
      message: `This is a staff account. Choose "${WHO_WORDS.staff}", then sign in again.`,
    },
  ],
};

/**
 * Sign in: who is signing in (applicants and staff sign in through their own app clients; staff sessions last at
 * most 8 hours), email and password (USER_PASSWORD_AUTH locally, SRP in AWS), then, when the pool asks, the TOTP
 * steps: the first sign-in sets up an authenticator app (the secret as text and as an otpauth URI), later ones ask
 * for its code. From the sign-in page each role lands on its own home.
 */
export function SignIn() {
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [who, setWho] = useState<SignInAs>(signInAs);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const session = useSession();
  const announce = useAnnounce();
  const navigate = useNavigate();
  const location = useLocation();
  const errors = fieldErrors(problem);

  const follow = async (output: SignInOutput) => {
    const s = output.nextStep;
    switch (s.signInStep) {
      case 'DONE': {
        const groups = (await fetchAuthSession()).tokens?.idToken?.payload['cognito:groups'];
        const roles = Array.isArray(groups) ? groups.map(String) : [];
        if (staffRoleOf(roles) && who !== 'staff') {
          await signOut();
          setStep({ kind: 'password' });
          return setProblem(STAFF_ELSEWHERE);
        }
        await session.refresh();
        announce('You are signed in.');
        // Signing in on a signed-in page's address (see RequireSignIn) stays there; the sign-in page goes home.
        navigate(location.pathname === '/sign-in' ? homeOf(roles) : location.pathname);
        return;
      }
      case 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP':
        setCode('');
        setStep({
          kind: 'totp-setup',
          secret: s.totpSetupDetails.sharedSecret,
          uri: s.totpSetupDetails.getSetupUri(SITE_NAME, email).toString(),
        });
        return;
      case 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION':
        return follow(await confirmSignIn({ challengeResponse: 'TOTP' }));
      case 'CONFIRM_SIGN_IN_WITH_TOTP_CODE':
        setCode('');
        setStep({ kind: 'totp-code' });
        return;
      case 'CONFIRM_SIGN_UP':
        navigate(`/confirm-account?email=${encodeURIComponent(email)}`);
        return;
      case 'RESET_PASSWORD':
        navigate(`/forgot-password?email=${encodeURIComponent(email)}`);
        return;
      default:
        setProblem({ status: 400, title: 'This sign-in step is not supported here', detail: s.signInStep });
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    setBusy(true);
    try {
      if (step.kind === 'password') {
        const missing = [
          ...(email ? [] : [{ field: 'email', code: 'required', message: 'Enter your email.' }]),
          ...(password ? [] : [{ field: 'password', code: 'required', message: 'Enter your password.' }]),
        ];
        if (missing.length > 0) return setProblem({ status: 400, title: 'There is a problem', errors: missing });
        signInThrough(who);
        await follow(await signIn({ username: email, password, options: { authFlowType: webConfig().authFlow } }));
      } else {
        if (!/^\d{6}$/.test(code))
          return setProblem({
            status: 400,
            title: 'There is a problem',
            errors: [{ field: 'code', code: 'format', message: 'Enter the 6-digit code from your authenticator app.' }],
          });
        await follow(await confirmSignIn({ challengeResponse: code }));
      }
    } catch (error) {
      setProblem(authProblem(error));
    } finally {
      setBusy(false);
    }
  };

  const title =
    step.kind === 'password'
      ? 'Sign in'
      : step.kind === 'totp-setup'
        ? 'Set up your authenticator app'
        : 'Enter your authenticator code';

  return (
    <Page title={title}>
      {(location.state as { confirmed?: boolean } | null)?.confirmed && !problem && step.kind === 'password' ? (
        <div className="usa-alert usa-alert--success usa-alert--slim" id="account-confirmed">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{ACCOUNT_CONFIRMED}</p>
          </div>
        </div>
      ) : null}
      <ErrorSummary problem={problem} />
      <form className="usa-form" onSubmit={submit} noValidate>
        {step.kind === 'password' ? (
          <>
            <fieldset className={`usa-fieldset${errors.who ? ' usa-form-group--error' : ''}`}>
              <legend className="usa-legend">Who is signing in</legend>
              {errors.who ? (
                <span className="usa-error-message" id="field-who-error">
                  {errors.who}
                </span>
              ) : null}
              {(['applicant', 'staff'] as const).map((w, i) => (
                <div className="usa-radio" key={w}>
                  <input
                    className="usa-radio__input"
                    type="radio"
                    id={i === 0 ? 'field-who' : `field-who-${w}`}
                    name="who"
                    value={w}
                    checked={who === w}
                    aria-describedby={errors.who ? 'field-who-error' : undefined}
                    onChange={() => setWho(w)}
                  />
                  <label className="usa-radio__label" htmlFor={i === 0 ? 'field-who' : `field-who-${w}`}>
                    {WHO_WORDS[w]}
                  </label>
                </div>
              ))}
            </fieldset>
            <Field
              name="email"
              label="Email"
              type="email"
              autoComplete="username"
              value={email}
              error={errors.email}
              onChange={(e) => setEmail(e.target.value)}
            />
            <Field
              name="password"
              label="Password"
              type="password"
              autoComplete="current-password"
              value={password}
              error={errors.password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </>
        ) : null}
        {step.kind === 'totp-setup' ? (
          <>
            <p>
              Your account needs a second step at sign-in: a code from an authenticator app. Add this account to your
              app with the setup key, then enter the code it shows.
            </p>
            <p>
              Setup key:{' '}
              <code className="setup-key" data-testid="totp-secret">
                {step.secret}
              </code>
            </p>
            <p>
              Or open this setup link on the device with your app:{' '}
              <a className="usa-link setup-key" href={step.uri}>
                {step.uri}
              </a>
            </p>
          </>
        ) : null}
        {step.kind !== 'password' ? (
          <Field
            name="code"
            label="6-digit code from your authenticator app"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            error={errors.code}
            onChange={(e) => setCode(e.target.value.trim())}
          />
        ) : null}
        <button className="usa-button" type="submit" disabled={busy}>
          {step.kind === 'password' ? 'Sign in' : 'Continue'}
        </button>
      </form>
      {step.kind === 'password' ? (
        <p>
          <Link to="/forgot-password">Forgot your password?</Link> · <Link to="/sign-up">Create an account</Link>
        </p>
      ) : null}
    </Page>
  );
}
