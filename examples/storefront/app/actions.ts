'use server';

/**
 * Every form of this storefront posts to a server action here; each is a thin call to the gateway's typed client.
 * Expected failures come back as `{ error, failures }` for the form to show, each once; a sign-in ends in Auth.js
 * `signIn('jwt')`.
 */
import { redirect } from 'next/navigation';
import { signIn, signOut } from '@/auth';
import { gateway } from '@/lib/gateway';

export interface FormState {
  error?: string;
  /** PASSWORD_POLICY: every rule the password broke, one line each (the error itself is only the heading). */
  failures?: string[];
  done?: boolean;
  email?: string;
  /** When the last code was asked for (ms), so the form can count the resend cooldown down. */
  askedAt?: number;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export async function requestPasswordReset(_state: FormState, form: FormData): Promise<FormState> {
  const result = await (await gateway()).requestPasswordReset({ email: text(form, 'email') });
  return result.ok ? { done: true } : { error: result.error.message };
}

export async function resetPassword(_state: FormState, form: FormData): Promise<FormState> {
  const password = String(form.get('password') ?? '');
  if (password !== String(form.get('confirmation') ?? '')) return { error: 'The two passwords do not match.' };
  const result = await (await gateway()).resetPassword({ newPassword: password, token: text(form, 't'), customerId: Number(text(form, 'c')) });
  if (result.ok) redirect('/sign-in?reset=1');
  // A policy error's message already lists the rules; show them as a list instead, each once.
  const failures = result.error.failures?.map((failure) => failure.message);
  return failures?.length ? { error: 'Choose another password:', failures } : { error: result.error.message };
}

export async function requestSignInCode(state: FormState, form: FormData): Promise<FormState> {
  const email = text(form, 'email');
  const result = await (await gateway()).requestSignInCode({ email });
  if (!result.ok) return { error: result.error.message, email };
  // Asking again for the same address within the cooldown sends nothing (the gateway's answer is the same):
  // keep counting from the first request.
  const askedAt = state.email === email && state.askedAt ? state.askedAt : Date.now();
  return { done: true, email, askedAt };
}

/** The gateway answers in CUSTOMER_LOGIN_JWT mode; Auth.js exchanges the JWT at BigCommerce, as Catalyst does. */
export async function signInWithCode(_state: FormState, form: FormData): Promise<FormState> {
  const email = text(form, 'email');
  const result = await (await gateway()).signInWithCode({ email, code: text(form, 'code'), mode: 'CUSTOMER_LOGIN_JWT' });
  if (!result.ok || result.value.kind !== 'handoff') return { error: result.ok ? 'Unexpected answer.' : result.error.message, done: true, email };
  await signIn('jwt', { jwt: result.value.customerLoginJwt, redirectTo: '/account' });
  return { done: true, email };
}

export async function signInWithLink(form: FormData): Promise<void> {
  const result = await (await gateway()).signInWithLink({ token: text(form, 'token'), mode: 'CUSTOMER_LOGIN_JWT' });
  if (!result.ok || result.value.kind !== 'handoff') redirect('/sign-in?link=invalid');
  await signIn('jwt', { jwt: result.value.customerLoginJwt, redirectTo: '/account' });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/' });
}
