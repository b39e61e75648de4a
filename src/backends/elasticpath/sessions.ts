/**
 * Signing in on Elastic Path: the code the gateway checked (passwordless/service.ts) is exchanged for one Account
 * Management token per account (`POST /v2/account-members/tokens`), returned to the caller of the mutation only.
 * EP has no storefront handoff (no Customer Login JWT): that mode is `NotSupportedError`, as is a sign-in the gateway
 * cannot prove with a code (SSO assertions).
 */
import { InvalidSignInCodeError, NotSupportedError } from '../../errors.js';
import type { CustomerSession, LoginResult, SessionIssuer, SignInMode, SignInSubject } from '../backend.js';
import { type AccountToken, type ElasticPathClient, isRefusedCredential } from './client.js';
import { type CodeProof, firstNameOf, type ProofSeal } from './proof.js';

export class ElasticPathSessions implements SessionIssuer {
  readonly modes: readonly SignInMode[] = ['SESSION'];

  constructor(
    private readonly client: ElasticPathClient,
    private readonly proofs: ProofSeal,
  ) {}

  async complete(subject: SignInSubject, mode: SignInMode): Promise<LoginResult> {
    if (mode !== 'SESSION') throw new NotSupportedError(`the ${mode} sign-in mode`);
    const proof = subject.proof === undefined ? null : this.proofs.open(subject.proof);
    if (!proof || proof.memberId !== subject.shopperId) throw new NotSupportedError('signing in on Elastic Path without a one-time password token');
    let tokens: AccountToken[];
    try {
      tokens = await this.client.exchange(proof.username, { code: proof.code });
    } catch (error) {
      // Expired or used at EP (its 10 minutes, or a newer request): a wrong code, for the shopper.
      if (isRefusedCredential(error)) throw new InvalidSignInCodeError();
      throw error;
    }
    return loginResult(proof, tokens);
  }
}

export function loginResult(proof: Pick<CodeProof, 'memberId' | 'email' | 'name'>, tokens: AccountToken[]): LoginResult {
  const lastName = proof.name.trim().split(/\s+/).slice(1).join(' ');
  return {
    customer: { id: proof.memberId, entityId: 0, email: proof.email, firstName: firstNameOf(proof.name), lastName },
    session: sessionOf(tokens),
  };
}

/** The first account's token stands for the session (older clients read only that); every account's is listed. */
export function sessionOf(tokens: AccountToken[]): CustomerSession {
  const [first] = tokens;
  if (!first) throw new NotSupportedError('signing in as an account member with no account');
  return {
    customerAccessToken: first.token,
    expiresAt: first.expiresAt,
    accounts: tokens.map((account) => ({ accountId: account.accountId, accountName: account.accountName, token: account.token, expiresAt: account.expiresAt })),
  };
}
