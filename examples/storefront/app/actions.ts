'use server';

/**
 * Every form of this storefront posts to a server action here; each is a thin call to the gateway's typed client.
 * Expected failures come back as `{ error }` for the form to show; a sign-in ends in Auth.js `signIn('jwt')`.
 */
import { redirect } from 'next/navigation';
import { signIn } from '@/auth';
import { gateway } from '@/lib/gateway';

export interface FormState {
  error?: string;
  done?: boolean;
  email?: string;
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
  if (!result.ok) return { error: [result.error.message, ...(result.error.failures ?? []).map((f) => f.message)].join(' ') };
  redirect('/sign-in?reset=1');
}

export async function requestSignInCode(_state: FormState, form: FormData): Promise<FormState> {
  const email = text(form, 'email');
  const result = await (await gateway()).requestSignInCode({ email });
  return result.ok ? { done: true, email } : { error: result.error.message, email };
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
