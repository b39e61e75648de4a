import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { SandboxClock } from '../../kit/clock.js';
import { SANDBOX_CREDENTIALS } from '../credentials.js';
import type { SandboxState } from '../state.js';

export type ApiTokenKind = 'storefront' | 'private' | 'customer-impersonation';

const TOKEN_TYPE_BY_KIND: Record<ApiTokenKind, number> = { storefront: 1, 'customer-impersonation': 2, private: 3 };

/**
 * Claims of the tokens the sandbox issues. Modelled on BigCommerce's storefront JWTs (`cid` channel ids, `cors`,
 * `eat` expiry in unix seconds, `token_type`); `store_hash` and `jti` are the sandbox's own, to check the store and
 * to revoke.
 */
const apiTokenClaimsSchema = z.object({
  iss: z.literal('BC'),
  sub: z.string(),
  jti: z.string().min(1),
  iat: z.number().int(),
  eat: z.number().int(),
  cid: z.array(z.number().int()).min(1),
  cors: z.array(z.string()),
  token_type: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  store_hash: z.string(),
  scopes: z.array(z.string()).optional(),
});

export type ApiTokenClaims = z.infer<typeof apiTokenClaimsSchema>;

export interface VerifiedApiToken {
  kind: ApiTokenKind;
  claims: ApiTokenClaims;
}

export type ApiTokenCheck = { ok: true; token: VerifiedApiToken } | { ok: false; message: string };

/** The documented 401 messages (status-codes.mdx, fact sheet §1.6). */
export const GRAPHQL_AUTH_MESSAGES = {
  missing: 'GraphQL credentials were missing. No token was sent.',
  notJwt: 'GraphQL invalid credentials. String is not a JWT',
  noValidJson: 'GraphQL invalid credentials. JWT has no valid Json',
  unknownFormat: 'GraphQL invalid credentials. JWT has Json of an unknown format',
  badSignature: 'GraphQL invalid credentials. JWT signature is invalid',
  expired: 'GraphQL invalid credentials. JWT is expired',
  wrongChannel: "GraphQL invalid credentials. JWT channel id doesn't match channel id of the URL",
  wrongStore: "GraphQL invalid credentials. JWT store id doesn't match store id of the URL",
  revoked: 'Unknown JWT token',
} as const;

const BASE64URL_SEGMENT = /^[A-Za-z0-9_-]*$/;

/** Issues and checks Storefront API tokens, signed with a key that lives as long as the sandbox process. */
export class StorefrontApiTokens {
  // A KeyObject, made once: given a Buffer, jsonwebtoken would try it as a PEM key on every call first.
  private readonly signingKey = createSecretKey(randomBytes(32));

  constructor(
    private readonly clock: SandboxClock,
    private readonly state: SandboxState,
  ) {}

  issue(input: { kind: ApiTokenKind; channelIds: number[]; expiresAt: number; corsOrigins: string[]; scopes?: string[] }): string {
    const claims: ApiTokenClaims = {
      iss: 'BC',
      sub: SANDBOX_CREDENTIALS.clientId,
      jti: randomUUID(),
      iat: this.clock.nowSeconds(),
      eat: input.expiresAt,
      cid: input.channelIds,
      cors: input.corsOrigins,
      token_type: TOKEN_TYPE_BY_KIND[input.kind] as 1 | 2 | 3,
      store_hash: SANDBOX_CREDENTIALS.storeHash,
      ...(input.scopes === undefined ? {} : { scopes: input.scopes }),
    };
    return jwt.sign(claims, this.signingKey, { algorithm: 'HS256' });
  }

  /** Checks an `Authorization` header for a request to the given channel's /graphql. */
  checkAuthorization(header: string | undefined, channelId: number): ApiTokenCheck {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header?.trim() ?? '');
    const token = match?.[1];
    if (token === undefined) return { ok: false, message: GRAPHQL_AUTH_MESSAGES.missing };
    const signed = this.checkSigned(token);
    if (!signed.ok) return signed;
    const { claims } = signed.token;
    if (claims.store_hash !== SANDBOX_CREDENTIALS.storeHash) return { ok: false, message: GRAPHQL_AUTH_MESSAGES.wrongStore };
    if (this.state.revokedApiTokenIds.has(claims.jti)) return { ok: false, message: GRAPHQL_AUTH_MESSAGES.revoked };
    if (claims.eat <= this.clock.nowSeconds()) return { ok: false, message: GRAPHQL_AUTH_MESSAGES.expired };
    if (!claims.cid.includes(channelId)) return { ok: false, message: GRAPHQL_AUTH_MESSAGES.wrongChannel };
    return signed;
  }

  /** Shape, JSON and signature checks only (used for revocation, which also accepts expired tokens). */
  checkSigned(token: string): ApiTokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3 || parts.some((part) => !BASE64URL_SEGMENT.test(part)) || parts[0] === '' || parts[1] === '') {
      return { ok: false, message: GRAPHQL_AUTH_MESSAGES.notJwt };
    }
    let payload: unknown;
    try {
      JSON.parse(Buffer.from(parts[0] ?? '', 'base64url').toString('utf8'));
      payload = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
    } catch {
      return { ok: false, message: GRAPHQL_AUTH_MESSAGES.noValidJson };
    }
    try {
      // Pinned algorithm: an `alg: none` or RS/HS confusion token fails here (toolchain notes, jsonwebtoken).
      jwt.verify(token, this.signingKey, { algorithms: ['HS256'], ignoreExpiration: true, ignoreNotBefore: true });
    } catch {
      return { ok: false, message: GRAPHQL_AUTH_MESSAGES.badSignature };
    }
    const claims = apiTokenClaimsSchema.safeParse(payload);
    if (!claims.success) return { ok: false, message: GRAPHQL_AUTH_MESSAGES.unknownFormat };
    const kind = (Object.keys(TOKEN_TYPE_BY_KIND) as ApiTokenKind[]).find(
      (candidate) => TOKEN_TYPE_BY_KIND[candidate] === claims.data.token_type,
    );
    if (kind === undefined) return { ok: false, message: GRAPHQL_AUTH_MESSAGES.unknownFormat };
    return { ok: true, token: { kind, claims: claims.data } };
  }
}
