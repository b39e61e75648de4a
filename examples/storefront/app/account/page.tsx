import { auth } from '@/auth';

export default async function Account() {
  const session = await auth();
  if (!session?.user) {
    return (
      <>
        <h1>Your account</h1>
        <p>
          You are not signed in. <a href="/sign-in">Sign in</a>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Your account</h1>
      <p id="signed-in">
        Signed in as {session.user.name} ({session.user.email}).
      </p>
    </>
  );
}
