/**
 * SSO assertions as an attacker sends them (issue 15, rows 4, 5, 10):
 * - one genuine JWKS-signed assertion re-spelled (RS256: the unused bits of its last base64url character; ES256: the
 *   (r, n−s) twin ECDSA also accepts) must sign in once, not once per spelling;
 * - a flood of tokens with random `kid`s must not spend the JWKS fetches genuine logins need, even across a key
 *   rotation.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const LOGIN = `mutation ($input: LoginWithJwtInput!) { loginWithJwt(input: $input) { __typename ... on LoginSuccess { customer { entityId } } } }`;
const SSO = { issuer: 'https://idp.example.test', audience: 'storefront-gateway' };
const now = () => Math.floor(Date.now() / 1000);
/** The order of P-256's group: for a valid ECDSA signature (r, s), (r, n − s) verifies too. */
const P256_N = BigInt('0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551');

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rotated = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = (key: typeof rsa.publicKey, kid: string, alg: string) => ({ ...key.export({ format: 'jwk' }), kid, use: 'sig', alg });

let jwksServer: Server;
let published = [jwk(rsa.publicKey, 'rsa-1', 'RS256'), jwk(ec.publicKey, 'ec-1', 'ES256')];
let jwksFetches = 0;
let gw: TestGateway;

beforeAll(async () => {
  jwksServer = createServer((_req, res) => {
    jwksFetches++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
  gw = await startTestGateway({
    env: { SSO_ISSUER: SSO.issuer, SSO_AUDIENCE: SSO.audience, SSO_JWKS_URL: url, SSO_JWKS_MIN_INTERVAL: '1' },
  });
});
afterAll(async () => {
  await gw.close();
  jwksServer.close();
});

const sign = (key: jwt.Secret, algorithm: jwt.Algorithm, kid: string, claims: Record<string, unknown> = {}) =>
  jwt.sign({ iss: SSO.issuer, aud: SSO.audience, iat: now(), exp: now() + 60, jti: randomUUID(), customer_id: 1, ...claims }, key, {
    algorithm,
    keyid: kid,
  });

async function login(token: string): Promise<string> {
  const result = await gw.graphql<{ loginWithJwt: { __typename: string } }>(LOGIN, { input: { jwt: token } });
  return result.body.data?.loginWithJwt.__typename ?? 'error';
}

/** The same signature bytes, spelled differently: the last character's unused low bits set otherwise. */
function respelledRs256(token: string): string[] {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(signature.at(-1) as string);
  // 256 bytes take 342 characters: the last carries 2 bits of data and 4 unused ones.
  return Array.from({ length: 15 }, (_, i) => `${header}.${payload}.${signature.slice(0, -1)}${alphabet[(last & 0b110000) | (i + 1)]}`).filter(
    (variant) => variant !== token && Buffer.from(variant.split('.')[2] as string, 'base64url').equals(Buffer.from(signature, 'base64url')),
  );
}

function ecdsaTwin(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const bytes = Buffer.from(signature, 'base64url');
  const s = BigInt(`0x${bytes.subarray(32).toString('hex')}`);
  const twin = Buffer.concat([bytes.subarray(0, 32), Buffer.from((P256_N - s).toString(16).padStart(64, '0'), 'hex')]);
  return `${header}.${payload}.${twin.toString('base64url')}`;
}

describe('a JWKS-signed assertion re-spelled', () => {
  it('RS256: signs in once; each re-spelling of the same signature is a replay', async () => {
    const token = sign(rsa.privateKey, 'RS256', 'rsa-1');
    const variants = respelledRs256(token);
    expect(variants.length).toBeGreaterThanOrEqual(10);
    const answers = [await login(token), ...(await Promise.all(variants.map(login)))];
    expect(answers.filter((answer) => answer === 'LoginSuccess')).toHaveLength(1);
    expect(answers.slice(1).every((answer) => answer === 'InvalidJwtError')).toBe(true);
  });

  it('ES256: the (r, n−s) twin verifies, and is refused as the replay it is', async () => {
    const token = sign(ec.privateKey, 'ES256', 'ec-1');
    const twin = ecdsaTwin(token);
    expect(jwt.verify(twin, ec.publicKey, { algorithms: ['ES256'] })).toBeTruthy();
    expect(await login(token)).toBe('LoginSuccess');
    expect(await login(twin)).toBe('InvalidJwtError');
  });
});

describe('a flood of random kids', () => {
  it('costs at most one JWKS fetch per interval, and genuine logins (even with a rotated key) all succeed', async () => {
    const started = Date.now();
    const fetchesBefore = jwksFetches;
    // RS256 headers with random kids and garbage signatures: well-formed enough to reach the key lookup.
    const forged = () => `${Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: randomUUID() })).toString('base64url')}.${Buffer.from(
      JSON.stringify({ iss: SSO.issuer, aud: SSO.audience, iat: now(), exp: now() + 60, jti: randomUUID(), customer_id: 1 }),
    ).toString('base64url')}.${Buffer.alloc(256, 7).toString('base64url')}`;
    for (let round = 0; round < 6; round++) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => login(forged())));
      expect(answers.every((answer) => answer === 'InvalidJwtError')).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const elapsedSeconds = (Date.now() - started) / 1000;
    expect(jwksFetches - fetchesBefore).toBeLessThanOrEqual(Math.ceil(elapsedSeconds) + 1);

    // The issuer rotates: a new key is published and used at once.
    published = [...published, jwk(rotated.publicKey, 'rsa-2', 'RS256')];
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const genuine = [sign(rotated.privateKey, 'RS256', 'rsa-2'), ...Array.from({ length: 6 }, () => sign(rsa.privateKey, 'RS256', 'rsa-1'))];
    const answers = [];
    for (const token of genuine) answers.push(await login(token));
    expect(answers).toEqual(Array(7).fill('LoginSuccess'));
  });
});
