import { ResetPasswordForm } from '../components/forms';
import { StripTokenFromAddressBar } from '../components/strip-token';

/** BigCommerce's reset mail links here (the path given to the gateway as NATIVE_RESET_PATH) with `c` and `t`. */
export default async function PasswordReset({ searchParams }: { searchParams: Promise<{ c?: string; t?: string }> }) {
  const { c, t } = await searchParams;
  if (!c || !t) {
    return (
      <>
        <h1>Choose a new password</h1>
        <p>
          This page needs the link from your reset mail. <a href="/forgot-password">Ask for a new one</a>.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Choose a new password</h1>
      <StripTokenFromAddressBar />
      <ResetPasswordForm c={c} t={t} />
    </>
  );
}
