/**
 * SSO: an assertion from your identity provider (`?assertion=`), checked by the gateway's loginWithJwt and handed
 * back as a Customer Login JWT that Auth.js exchanges, the way Catalyst's `signIn('jwt')` does.
 */
import { redirect } from 'next/navigation';
import { signIn } from '@/auth';
import { gateway } from '@/lib/gateway';

export async function GET(request: Request) {
  const assertion = new URL(request.url).searchParams.get('assertion') ?? '';
  const result = await (await gateway()).loginWithJwt({ jwt: assertion, mode: 'CUSTOMER_LOGIN_JWT' });
  if (!result.ok || result.value.kind !== 'handoff') redirect('/sign-in?link=invalid');
  await signIn('jwt', { jwt: result.value.customerLoginJwt, redirectTo: '/account' });
}
