import { SignInForm } from '../components/forms';

export default async function SignIn({ searchParams }: { searchParams: Promise<{ reset?: string; link?: string }> }) {
  const { reset, link } = await searchParams;
  return (
    <>
      <h1>Sign in</h1>
      {reset ? <p role="status">Your password has been changed. Sign in with a code, or with your new password.</p> : null}
      {link ? <p role="alert">That sign-in link did not work here. Ask for a new code below.</p> : null}
      <SignInForm />
    </>
  );
}
