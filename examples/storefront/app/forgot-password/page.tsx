import { ForgotPasswordForm } from '../components/forms';

export default function ForgotPassword() {
  return (
    <>
      <h1>Forgot your password?</h1>
      <ForgotPasswordForm />
    </>
  );
}
