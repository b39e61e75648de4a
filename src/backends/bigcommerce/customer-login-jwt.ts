/**
 * BigCommerce Customer Login JWTs (customer-login.mdx): HS256 signed with the API account's client secret,
 * `iss` = client id, `operation: customer_login`, `iat` valid for 30 s, each `jti` usable once.
 * The gateway mints them just in time, and checks client-supplied ones before forwarding.
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { withoutStackTraces } from '../../lib/jwt.js';
import { hmacKey } from '../../lib/keys.js';
import { InvalidJwtError } from '../../errors.js';

export interface CustomerLoginCredentials {
  clientId: string;
  clientSecret: string;
  storeHash: string;
}

export interface CustomerLoginClaims {
  iss: string;
  iat: number;
  jti: string;
  operation: 'customer_login';
  store_hash: string;
  customer_id: number;
  channel_id: number;
  /** Relative path BigCommerce sends the browser to after a browser sign-in (`/login/token/{jwt}`). */
  redirect_to?: string;
}

/** BigCommerce accepts a Customer Login JWT's `iat` for 30 seconds. */
export const CUSTOMER_LOGIN_JWT_LIFETIME_SECONDS = 30;

export function mintCustomerLoginJwt(
  credentials: CustomerLoginCredentials,
  subject: { customerId: number; channelId: number; redirectTo?: string },
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  const claims: CustomerLoginClaims = {
    iss: credentials.clientId,
    iat: nowSeconds,
    jti: randomUUID(),
    operation: 'customer_login',
    store_hash: credentials.storeHash,
    customer_id: subject.customerId,
    channel_id: subject.channelId,
    ...(subject.redirectTo ? { redirect_to: subject.redirectTo } : {}),
  };
  return jwt.sign(claims, hmacKey(credentials.clientSecret), { algorithm: 'HS256', header: { alg: 'HS256', typ: 'JWT' } });
}

/**
 * Check a client-supplied Customer Login JWT the way BigCommerce will, so forged or stale ones never reach it.
 * @throws InvalidJwtError
 */
export function verifyCustomerLoginJwt(
  token: string,
  credentials: CustomerLoginCredentials,
  nowSeconds = Math.floor(Date.now() / 1000),
): CustomerLoginClaims {
  let payload: jwt.JwtPayload;
  try {
    const verified = withoutStackTraces(() =>
      jwt.verify(token, hmacKey(credentials.clientSecret), {
        algorithms: ['HS256'],
        issuer: credentials.clientId,
        // `iat` is the only clock BigCommerce documents; expiry is ours to enforce from it.
        ignoreExpiration: false,
        clockTimestamp: nowSeconds,
      }),
    );
    if (typeof verified === 'string') throw new InvalidJwtError();
    payload = verified;
  } catch {
    throw new InvalidJwtError();
  }
  const { iat, jti, operation, store_hash, customer_id, channel_id, redirect_to } = payload as Record<string, unknown>;
  const age = typeof iat === 'number' ? nowSeconds - iat : Number.NaN;
  const valid =
    operation === 'customer_login' &&
    store_hash === credentials.storeHash &&
    typeof jti === 'string' &&
    jti.length > 0 &&
    Number.isSafeInteger(customer_id) &&
    (channel_id === undefined || Number.isSafeInteger(channel_id)) &&
    age <= CUSTOMER_LOGIN_JWT_LIFETIME_SECONDS &&
    age >= -5; // a few seconds of clock skew between the minting server and us
  if (!valid) throw new InvalidJwtError();
  return {
    iss: credentials.clientId,
    iat: iat as number,
    jti: jti as string,
    operation: 'customer_login',
    store_hash: credentials.storeHash,
    customer_id: customer_id as number,
    channel_id: (channel_id as number | undefined) ?? 1,
    // Kept only when relative, as BigCommerce requires: a storefront is never sent to another site by a claim.
    ...(typeof redirect_to === 'string' && /^\/(?!\/)/.test(redirect_to) ? { redirect_to } : {}),
  };
}
