'use client';

/** The storefront's forms: each posts to a server action and shows its answer in a live region. */
import { useActionState } from 'react';
import { type FormState, requestPasswordReset, requestSignInCode, resetPassword, signInWithCode } from '../actions';

function Alert({ state }: { state: FormState }) {
  return (
    <p role="alert" aria-live="assertive" id="error" hidden={!state.error}>
      {state.error}
    </p>
  );
}

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState(requestPasswordReset, {});
  if (state.done) return <p role="status" id="sent">If an account exists for this email address, a password reset link is on its way.</p>;
  return (
    <form action={action}>
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" autoComplete="email" required />
      <button type="submit" disabled={pending}>Send me a reset link</button>
      <Alert state={state} />
    </form>
  );
}

export function ResetPasswordForm({ c, t }: { c: string; t: string }) {
  const [state, action, pending] = useActionState(resetPassword, {});
  return (
    <form action={action}>
      <input type="hidden" name="c" value={c} />
      <input type="hidden" name="t" value={t} />
      <label htmlFor="password">New password</label>
      <input id="password" name="password" type="password" autoComplete="new-password" required />
      <label htmlFor="confirmation">Repeat the new password</label>
      <input id="confirmation" name="confirmation" type="password" autoComplete="new-password" required />
      <button type="submit" disabled={pending}>Set new password</button>
      <Alert state={state} />
    </form>
  );
}

export function SignInForm() {
  const [asked, ask, asking] = useActionState(requestSignInCode, {});
  const [state, signIn, signingIn] = useActionState(signInWithCode, {});
  if (!asked.done) {
    return (
      <form action={ask}>
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" required />
        <button type="submit" disabled={asking}>Send me a code</button>
        <Alert state={asked} />
      </form>
    );
  }
  return (
    <form action={signIn}>
      <p role="status">If {asked.email} has an account, a code and a link are on their way.</p>
      <input type="hidden" name="email" value={asked.email ?? ''} />
      <label htmlFor="code">6-digit code</label>
      <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required />
      <button type="submit" disabled={signingIn}>Sign in</button>
      <Alert state={state} />
    </form>
  );
}
