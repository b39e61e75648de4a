/**
 * Auth.js as Catalyst sets it up: a `jwt` credentials provider that exchanges a Customer Login JWT at BigCommerce
 * and keeps the customer access token in the (encrypted, HttpOnly) session. Every gateway sign-in ends here, in
 * `CUSTOMER_LOGIN_JWT` mode, so BigCommerce holds exactly one session: this storefront's.
 */
import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { loginWithCustomerLoginJwt } from './lib/bigcommerce';

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt' },
  providers: [
    Credentials({
      id: 'jwt',
      credentials: { jwt: { type: 'text' } },
      authorize: async (credentials) => {
        const jwt = typeof credentials?.jwt === 'string' ? credentials.jwt : '';
        return jwt ? loginWithCustomerLoginJwt(jwt) : null;
      },
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) => {
      if (user && 'customerAccessToken' in user) token.customerAccessToken = user.customerAccessToken;
      return token;
    },
  },
});
