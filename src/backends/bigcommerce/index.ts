/**
 * The BigCommerce backend: its clients (the Management API, a Storefront API client per configured channel sharing one
 * private token), its parts as the flows see them (backends/backend.ts), its reset strategies (its own native flow,
 * or the gateway's ott flow on a customer attribute) and its Customer Login JWTs.
 */
import { HANDOFF_PATH } from '../../http/paths.js';
import { newCode } from '../../onetime/secrets.js';
import { OttResetStrategy } from '../../reset/ott/strategy.js';
import type { ResetStrategy } from '../../reset/strategy.js';
import type { BackendInfrastructure, CodeIssuer, CommerceBackend, Storefronts } from '../backend.js';
import { accessFailureReason, explainAccessFailure } from './access-check.js';
import type { BigCommerceConfig } from './config.js';
import { BigCommerceDirectory } from './directory.js';
import { customerLoginJwtLogin } from './jwt-login.js';
import { ManagementClient } from './management.js';
import { NativeResetStrategy } from './native-reset.js';
import { OttAttribute } from './ott-attribute.js';
import { BigCommercePasswords } from './passwords.js';
import { CustomerSignIn } from './session-issuer.js';
import { StoreSettingsCache } from './store-settings.js';
import { StorefrontClient } from './storefront.js';
import { configuredToken, mintedPrivateToken } from './storefront-token.js';


/** Readiness checks of BigCommerce spend the store's shared API quota: READINESS_INTERVAL sets how often. */
export function createBigCommerceBackend(infra: BackendInfrastructure, bc: BigCommerceConfig): CommerceBackend {
  const { config, logger, metrics, budget } = infra;
  const management = new ManagementClient({
    budget,
    onExchange: (exchange) => metrics.upstreamExchange('management', exchange),
    apiUrl: bc.apiUrl,
    storeHash: bc.storeHash,
    accessToken: bc.accessToken,
    timeoutMs: bc.timeoutMs,
    logger,
  });
  const token = bc.storefrontToken
    ? configuredToken(bc.storefrontToken)
    : mintedPrivateToken({ management, channelIds: bc.channels.map((channel) => channel.id) });
  const clients = new Map(
    bc.channels.map((channel) => [
      String(channel.id),
      new StorefrontClient({
        budget,
        storefrontUrl: channel.storefrontUrl,
        timeoutMs: bc.timeoutMs,
        token,
        onExchange: (exchange) => metrics.upstreamExchange('storefront', exchange),
      }),
    ]),
  );
  const storefrontClient = (id: string) => clients.get(id);
  const defaultId = String(bc.channelId);
  const main = clients.get(defaultId);
  if (!main) throw new Error('the default channel has no Storefront client');
  const settings = new StoreSettingsCache(main);
  const channelsById = new Map(bc.channels.map((channel) => [String(channel.id), channel]));

  const storefronts: Storefronts = {
    defaultId,
    ids: [...channelsById.keys()],
    info: (id) => {
      const channel = channelsById.get(id);
      return channel && { siteUrl: channel.siteUrl, mailFrom: channel.mailFrom };
    },
    name: async (id) => channelsById.get(id)?.name ?? (await settings.get()).storeName,
  };
  const directory = new BigCommerceDirectory(management, storefronts.ids);
  const passwords = new BigCommercePasswords(management, settings);
  const credentials = { clientId: bc.clientId, clientSecret: bc.clientSecret, storeHash: bc.storeHash };
  const sessions = new CustomerSignIn({ credentials, storefront: storefrontClient, redirectPath: config.signIn.redirectPath });
  const codes: CodeIssuer = { maker: 'gateway', length: 6, alphabet: 'digits', isWellFormed: (code) => /^\d{6}$/.test(code), make: () => newCode() };

  const ottAttribute = config.reset.strategy === 'ott' ? new OttAttribute(management, config.reset.attributeName, logger) : null;
  const resetStrategy: ResetStrategy = ottAttribute
    ? new OttResetStrategy({
        directory,
        passwords,
        secrets: ottAttribute,
        storefronts,
        keys: {
          secrets: config.reset.tokenSecrets,
          issuer: config.http.publicUrl,
          audience: `${config.http.publicUrl}${HANDOFF_PATH}`,
          ttlSeconds: config.reset.tokenTtlSeconds,
        },
        claims: infra.claims,
        issued: infra.records,
        mailer: infra.mailer,
        background: infra.queue,
        handoffUrl: `${config.http.publicUrl}${HANDOFF_PATH}`,
        events: infra.events,
        logger,
      })
    : new NativeResetStrategy({
        storefront: storefrontClient,
        defaultChannelId: defaultId,
        directory,
        linkPath: (id) => channelsById.get(id)?.resetPath ?? config.reset.nativePath,
        tokenTtlSeconds: config.reset.nativeTokenTtlSeconds,
        events: infra.events,
        logger,
      });
  const upstreamEveryMs = config.http.readinessIntervalSeconds * 1000;

  return {
    name: 'bigcommerce',
    directory,
    passwords,
    sessions,
    codes,
    storefronts,
    resetStrategy,
    ssoLogin: true,
    jwtLogins: [customerLoginJwtLogin({ credentials, storefrontIds: storefronts.ids, claims: infra.claims, sessions })],
    server: {
      plugins: [],
      jobs: {},
      readiness: [
        { name: 'BigCommerce', check: () => management.serverTime(), everyMs: upstreamEveryMs, reason: accessFailureReason },
        // The OTT attribute bootstraps through its check (found or created at start-up, not on a first request).
        ...(ottAttribute ? [{ name: 'OTT attribute', check: () => ottAttribute.ready(), everyMs: upstreamEveryMs }] : []),
      ],
    },
    async credentialProblem() {
      try {
        await management.checkAccess();
        return null;
      } catch (error) {
        return explainAccessFailure(error, bc);
      }
    },
    close: async () => {},
  };
}
