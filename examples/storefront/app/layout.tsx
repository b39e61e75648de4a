import type { ReactNode } from 'react';

export const metadata = { title: 'Example storefront' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', maxWidth: '32rem', margin: '2rem auto', padding: '0 1rem', lineHeight: 1.5 }}>
        <nav aria-label="Account">
          <a href="/">Home</a> · <a href="/sign-in">Sign in</a> · <a href="/forgot-password">Forgot password</a> ·{' '}
          <a href="/account">Account</a>
        </nav>
        <main>{children}</main>
      </body>
    </html>
  );
}
