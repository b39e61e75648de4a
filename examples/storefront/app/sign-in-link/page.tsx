import { signInWithLink } from '../actions';
import { StripTokenFromAddressBar } from '../components/strip-token';
import { gateway } from '@/lib/gateway';

/**
 * The magic link lands here (the gateway's SIGN_IN_LINK_URL). Opening it consumes nothing (mail scanners open
 * links); in the browser that asked, "Continue" posts and signs in. Elsewhere it says so and sends to the code form.
 */
export default async function SignInLink({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const status = token ? await (await gateway()).signInLinkStatus(token) : null;
  const state = status?.ok ? status.value : 'INVALID';
  if (state !== 'SAME_BROWSER') {
    return (
      <>
        <h1>Sign in</h1>
        <StripTokenFromAddressBar />
        <p role="alert" id="link-state">
          {state === 'OTHER_BROWSER'
            ? 'This link was opened in another browser than the one where you asked for it.'
            : 'This link is invalid or has expired.'}{' '}
          <a href="/sign-in">Sign in with the code from the mail, or ask for a new one</a>.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Continue to sign in</h1>
      <StripTokenFromAddressBar />
      <form action={signInWithLink}>
        <input type="hidden" name="token" value={token} />
        <button type="submit" id="continue">
          Continue
        </button>
      </form>
    </>
  );
}
