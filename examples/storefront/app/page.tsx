export default function Home() {
  return (
    <>
      <h1>Example storefront</h1>
      <p>Sign-in, forgotten passwords and passwordless codes, through headless-auth-gateway.</p>
    </>
  );
}
