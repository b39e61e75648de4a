'use client';

/**
 * The storefront's forms: each posts to a server action and shows its answer in a live region, each error once.
 * Inputs are controlled, so what the shopper typed survives an error (React resets uncontrolled fields after an
 * action).
 */
import { useActionState, useEffect, useState } from 'react';
import { type FormState, requestPasswordReset, requestSignInCode, resetPassword, signInWithCode } from '../actions';

/** Seconds a new code cannot be sent after the last (the gateway's SIGN_IN_RESEND_COOLDOWN, default 60). */
const RESEND_COOLDOWN_SECONDS = Number(process.env.NEXT_PUBLIC_SIGN_IN_RESEND_COOLDOWN ?? 60);

function Alert({ state }: { state: FormState }) {
  if (!state.error) return null;
  return (
    <div role="alert" id="error">
      {state.error}
      {state.failures?.length ? (
        <ul>
          {state.failures.map((failure) => (
            <li key={failure}>{failure}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Field(props: { id: string; label: string; value: string; onChange: (value: string) => void } & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'>) {
  const { id, label, value, onChange, ...input } = props;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} name={id} value={value} onChange={(event) => onChange(event.target.value)} {...input} />
    </>
  );
}

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState(requestPasswordReset, {});
  const [email, setEmail] = useState('');
  if (state.done) return <p role="status" className="box" id="sent">If an account exists for this email address, a password reset link is on its way.</p>;
  return (
    <form action={action}>
      <Field id="email" label="Email" type="email" autoComplete="email" required value={email} onChange={setEmail} />
      <button type="submit" disabled={pending}>Send me a reset link</button>
      <Alert state={state} />
    </form>
  );
}

export function ResetPasswordForm({ c, t }: { c: string; t: string }) {
  const [state, action, pending] = useActionState(resetPassword, {});
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  return (
    <form action={action}>
      <input type="hidden" name="c" value={c} />
      <input type="hidden" name="t" value={t} />
      <Field id="password" label="New password" type="password" autoComplete="new-password" required value={password} onChange={setPassword} />
      <Field id="confirmation" label="Repeat the new password" type="password" autoComplete="new-password" required value={confirmation} onChange={setConfirmation} />
      <button type="submit" disabled={pending}>Set new password</button>
      <Alert state={state} />
    </form>
  );
}

function useSecondsLeft(since: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return since ? Math.max(0, Math.ceil((since + RESEND_COOLDOWN_SECONDS * 1000 - now) / 1000)) : 0;
}

export function SignInForm() {
  const [asked, ask, asking] = useActionState(requestSignInCode, {});
  const [state, signIn, signingIn] = useActionState(signInWithCode, {});
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [otherAddress, setOtherAddress] = useState(false);
  const secondsLeft = useSecondsLeft(asked.askedAt);
  if (!asked.done || otherAddress) {
    return (
      <form action={(form) => { setOtherAddress(false); ask(form); }}>
        <Field id="email" label="Email" type="email" autoComplete="email" required value={email} onChange={setEmail} />
        <button type="submit" disabled={asking}>Send me a code</button>
        <Alert state={asked} />
      </form>
    );
  }
  return (
    <>
      <form action={signIn}>
        <p role="status" className="box">If {asked.email} has an account, a code and a link are on their way.</p>
        <input type="hidden" name="email" value={asked.email ?? ''} />
        <Field id="code" label="6-digit code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required value={code} onChange={setCode} />
        <button type="submit" disabled={signingIn}>Sign in</button>
        <Alert state={state} />
      </form>
      <form action={ask}>
        <input type="hidden" name="email" value={asked.email ?? ''} />
        <p className="hint" id="resend-wait" aria-live="polite">
          {secondsLeft > 0 ? `You can ask for a new code in ${secondsLeft} s.` : 'No code? You can ask for a new one.'}
        </p>
        <button type="submit" className="secondary" id="resend" disabled={asking || secondsLeft > 0}>Send a new code</button>
        <button type="button" className="secondary" id="other-address" onClick={() => setOtherAddress(true)}>Use another address</button>
      </form>
    </>
  );
}
