import type { ReactNode } from 'react';
import { auth } from '@/auth';
import { signOutAction } from './actions';
import './globals.css';

export const metadata = { title: 'Example storefront' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await auth();
  return (
    <html lang="en">
      <body>
        <nav aria-label="Account">
          <a href="/">Home</a>
          {session?.user ? (
            <>
              <a href="/account">Account</a>
              <form action={signOutAction}>
                <button type="submit" className="link" id="sign-out">Sign out</button>
              </form>
            </>
          ) : (
            <>
              <a href="/sign-in">Sign in</a>
              <a href="/forgot-password">Forgot password</a>
            </>
          )}
        </nav>
        <main>{children}</main>
      </body>
    </html>
  );
}
