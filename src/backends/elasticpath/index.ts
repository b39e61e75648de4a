/**
 * The Elastic Path Commerce Cloud backend: one-time password tokens serve both flows (password reset and
 * passwordless sign-in), made by EP and delivered to the gateway's webhook. Same parts as every backend
 * (backends/backend.ts): a directory of account members, a password store, sessions (Account Management tokens, one
 * per account), codes made upstream, a single storefront, the reset strategy (reset.ts), and what it adds to the
 * server (the webhook route, readiness). What EP lacks (SSO assertions, a storefront handoff) is absent, answered as
 * `NotSupportedError`.
 */
import { NotSupportedError } from '../../errors.js';
import { HANDOFF_PATH } from '../../http/paths.js';
import { deriveKey } from '../../lib/keys.js';
import { keyedHasher } from '../../onetime/secrets.js';
import { UpstreamCodeRequests } from '../../onetime/upstream-codes.js';
import { isUpstreamError } from '../../upstream/errors.js';
import type { BackendInfrastructure, CodeIssuer, CommerceBackend, PasswordStore, Shopper, ShopperDirectory, Storefronts } from '../backend.js';
import { ElasticPathClient } from './client.js';
import type { ElasticPathConfig } from './config.js';
import { firstNameOf, proofSeal } from './proof.js';
import { ElasticPathResetStrategy } from './reset.js';
import { ElasticPathSessions } from './sessions.js';
import { ELASTICPATH_WEBHOOK_PATH, useElasticPathWebhook } from './webhook.js';

/** EP has no storefronts of its own in this flow: one, under this id. */
const STOREFRONT_ID = 'default';
/** EP's password profiles require at least 8 characters (§7); it publishes no other rule. */
const EP_MINIMUM_PASSWORD_LENGTH = 8;
/** EP's codes: 6 characters of a-z0-9 (`lprvj4`, its examples). */
const CODE = /^[a-z0-9]{6}$/;

export function createElasticPathBackend(infra: BackendInfrastructure, ep: ElasticPathConfig): CommerceBackend {
  const { config, logger, metrics } = infra;
  const secret = config.gatewaySecret.value;
  const client = new ElasticPathClient({
    apiUrl: ep.apiUrl,
    clientId: ep.clientId,
    clientSecret: ep.clientSecret,
    passwordProfileId: ep.passwordProfileId,
    timeoutMs: ep.timeoutMs,
    budget: infra.budget,
    onExchange: (exchange) => metrics.upstreamExchange('elasticpath', exchange),
  });
  let realm: Promise<string> | undefined;
  // Read from the account-authentication settings when not configured, once (and again after a failure).
  const realmId = () => {
    if (ep.realmId) return Promise.resolve(ep.realmId);
    realm ??= client.settings().then(
      (settings) => settings.realmId,
      (error: unknown) => {
        realm = undefined;
        throw error;
      },
    );
    return realm;
  };
  const proofs = proofSeal(deriveKey(secret, 'elasticpath-proof'));
  const webhookUrl = `${config.http.publicUrl}${ELASTICPATH_WEBHOOK_PATH}`;

  const storefronts: Storefronts = {
    defaultId: STOREFRONT_ID,
    ids: [STOREFRONT_ID],
    info: (id) => (id === STOREFRONT_ID ? { siteUrl: config.http.publicUrl, mailFrom: undefined } : undefined),
    name: async () => ep.storeName,
  };
  const shopperOf = (member: { id: string; email: string; name: string }): Shopper => ({
    id: member.id,
    username: member.email,
    email: member.email,
    firstName: firstNameOf(member.name),
    lastName: member.name.trim().split(/\s+/).slice(1).join(' '),
    access: { only: [STOREFRONT_ID] },
  });
  const directory: ShopperDirectory = {
    findByUsername: async (username) => {
      const member = await client.memberByEmail(await realmId(), username);
      return member && shopperOf(member);
    },
    getById: async (id) => {
      const member = await client.member(await realmId(), id);
      return member && shopperOf(member);
    },
    mayUseStorefront: async (_shopper, storefront) => storefront === STOREFRONT_ID,
    storefrontFor: async () => STOREFRONT_ID,
  };
  const passwords: PasswordStore = {
    rules: async () => ({
      minimumPasswordLength: EP_MINIMUM_PASSWORD_LENGTH,
      requireLowerCase: false,
      requireUpperCase: false,
      requireNumbers: false,
      minimumNumbers: 0,
      requireSpecialCharacters: false,
      minimumSpecialCharacters: 0,
    }),
    // EP sets a password only with the member's own token, which only a code gives: the reset strategy does it.
    setPassword: async () => {
      throw new NotSupportedError('setting a password without a one-time password token');
    },
    isCurrent: (shopper, password) => client.passwordWorks(shopper.username, password),
  };
  const codes: CodeIssuer = {
    maker: 'upstream',
    length: 6,
    alphabet: 'lowercase-alphanumeric',
    isWellFormed: (code) => CODE.test(code),
    request: async (username, purpose) => {
      try {
        await client.requestOneTimePasswordToken(await realmId(), username, purpose === 'reset' ? 'reset_password' : 'passwordless_authentication');
      } catch (error) {
        // EP's answer for an unknown username is UNVERIFIED (202, or a 4xx): a refusal ends the job silently, the
        // same for every address; an outage or a 429 is retried by the queue.
        if (isUpstreamError(error) && error.failure === 'client_error') return;
        throw error;
      }
    },
  };
  const requests = new UpstreamCodeRequests(infra.records);
  const resetStrategy = new ElasticPathResetStrategy({
    client,
    requestCode: (username) => codes.request(username, 'reset'),
    realmId,
    requests,
    records: infra.records,
    claims: infra.claims,
    proofs,
    keys: {
      secrets: config.reset.tokenSecrets,
      issuer: config.http.publicUrl,
      audience: `${config.http.publicUrl}${HANDOFF_PATH}`,
      ttlSeconds: config.reset.tokenTtlSeconds,
    },
    hash: keyedHasher(secret, 'elasticpath-reset'),
    storeKey: infra.storeKey,
    storefronts,
    mailer: infra.mailer,
    background: infra.queue,
    handoffUrl: `${config.http.publicUrl}${HANDOFF_PATH}`,
    events: infra.events,
    logger,
  });
  const readinessEveryMs = config.http.readinessIntervalSeconds * 1000;

  return {
    name: 'elasticpath',
    directory,
    passwords,
    sessions: new ElasticPathSessions(client, proofs),
    codes,
    storefronts,
    resetStrategy,
    ssoLogin: false,
    jwtLogins: [],
    server: {
      plugins: [
        useElasticPathWebhook({
          secrets: ep.webhookSecrets,
          passwordProfileId: ep.passwordProfileId,
          queue: infra.queue,
          proofs,
          logger,
          onEvent: (outcome) => metrics.webhookEvents.inc({ source: 'elasticpath', outcome }),
        }),
      ],
      jobs: {},
      // The token renewal and one cheap read, on a schedule (never per request): EP's store limit is shared.
      readiness: [{ name: 'Elastic Path', check: () => client.checkToken().then(() => realmId()), everyMs: readinessEveryMs }],
    },
    credentialProblem: () => configurationProblem(client, ep, realmId, webhookUrl, config.reset.strategy === 'elasticpath'),
    close: async () => {},
  };
}

/** What start-up can check against the store, each with its fix. Null: fine (or only unreachable: readiness says so). */
async function configurationProblem(
  client: ElasticPathClient,
  ep: ElasticPathConfig,
  realmId: () => Promise<string>,
  webhookUrl: string,
  resetOn: boolean,
): Promise<string | null> {
  try {
    const settings = await client.settings();
    if (ep.realmId && ep.realmId !== settings.realmId) {
      return `EP_REALM_ID is not the store's account-authentication realm (${settings.realmId}): fix it, or leave it unset to read it from the settings`;
    }
    const realm = await realmId();
    const profile = await client.profile(realm);
    if (!profile) return `EP_PASSWORD_PROFILE_ID names no password profile in realm ${realm}: use the id of the profile shoppers sign in with`;
    if (!profile.oneTimePasswordTokens) {
      return 'the password profile EP_PASSWORD_PROFILE_ID has one-time password tokens off: set enable_one_time_password_token: true on it (PUT …/password-profiles/{id})';
    }
    if (resetOn && settings.selfManagement !== 'update_only') {
      return `account member self-management is "${settings.selfManagement}": set account_member_self_management to update_only (PUT /v2/settings/account-authentication), or members cannot set a new password with their token`;
    }
    const integrations = await client.integrations();
    const ours = integrations.find((integration) => integration.url === webhookUrl && integration.observes.includes('one-time-password-token-request.created'));
    if (!ours) {
      if (!ep.createIntegration) {
        return `no Elastic Path integration posts one-time-password-token-request.created to ${webhookUrl}: create one (README "Elastic Path"), or set EP_CREATE_INTEGRATION=true`;
      }
      await client.createIntegration(webhookUrl, ep.webhookSecrets[0] ?? '');
      return null;
    }
    if (!ours.enabled) return `the Elastic Path integration posting to ${webhookUrl} is disabled: enable it (PUT /v2/integrations/${ours.id} with enabled: true)`;
    return null;
  } catch (error) {
    if (error instanceof Error && 'failure' in error && error.failure === 'unauthorized') {
      return 'Elastic Path refused EP_CLIENT_ID/EP_CLIENT_SECRET (or they lack admin rights): use a client_credentials application key of this store';
    }
    // Unreachable or slow: not a configuration problem; readiness reports it.
    return null;
  }
}

