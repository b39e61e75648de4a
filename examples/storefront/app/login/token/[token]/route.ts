/**
 * BigCommerce's browser sign-in path, as Catalyst serves it: the gateway's own sign-in page ends here with a
 * Customer Login JWT, and Auth.js exchanges it.
 */
import { signIn } from '@/auth';

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await signIn('jwt', { jwt: token, redirectTo: '/account' });
}
