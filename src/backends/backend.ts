/**
 * The commerce backend, as the flows see it: the only backend type they import. A backend is a few small parts, each
 * answering one question, so a second backend is a second folder (src/backends/<name>/) implementing the same parts,
 * not `if`s in the flows:
 *
 * - `directory`: who is this shopper (by username, by id), and may they use this storefront?
 * - `passwords`: what are the store's password rules, set a password, and is a password current (for settling a lost
 *   answer, only after the credential was proven genuine: reset/settle.ts)?
 * - `sessions`: how a sign-in completes, and in which modes;
 * - `codes`: who makes one-time codes (the gateway, or the upstream) and what they look like;
 * - `resetStrategies`, `jwtLogin`: the reset flows and JWT logins it offers;
 * - `storefronts`: where shoppers shop (BigCommerce channels; a single one elsewhere);
 * - `server`: what it adds to the server (routes such as a webhook, jobs by name, readiness parts).
 *
 * Ids are opaque strings: BigCommerce's integer customer and channel ids, spelled as strings; other backends' UUIDs.
 * What a backend cannot do is absent (or listed as unsupported in `capabilities`), answered as `NotSupportedError`,
 * never as a masked failure.
 */
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.js';
import type { GatewayQueue } from '../jobs/catalog.js';
import type { StoreKey } from '../limits.js';
import type { Logger } from '../log.js';
import type { Mailer } from '../mail/mailer.js';
import type { SecurityEvents } from '../observability/events.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { OneTimeClaims, SecretRecords } from '../store/store.js';
import type { UpstreamBudget } from '../upstream/budget.js';
import type { ReadinessPart } from '../http/readiness.js';
import type { JobHandlers } from '../jobs/queue.js';
import type { CodePurpose } from '../onetime/upstream-codes.js';
import type { ResetStrategy } from '../reset/strategy.js';

export type ShopperId = string;
/** What any backend's shopper id looks like (BigCommerce's integers, other backends' UUIDs): anything else names nobody. */
export const SHOPPER_ID = /^[\w.-]{1,64}$/;
export type StorefrontId = string;

/** Which storefronts a shopper may use: only those listed, or their home one plus any that admit every shopper. */
export type StorefrontAccess = { only: readonly StorefrontId[] } | { home: StorefrontId | null };

export interface Shopper {
  id: ShopperId;
  /** What the shopper signs in with: BigCommerce's email; Elastic Path's credential username (often the email). */
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  access: StorefrontAccess;
}

/** The customer as every flow returns it and the schema exposes it. */
export interface Customer {
  id: ShopperId;
  /** BigCommerce's integer id (the deprecated `Customer.entityId`); 0 where a backend has none. */
  entityId: number;
  email: string;
  firstName: string;
  lastName: string;
}

export function toCustomer(shopper: Shopper): Customer {
  const numeric = Number(shopper.id);
  return {
    id: shopper.id,
    entityId: Number.isSafeInteger(numeric) ? numeric : 0,
    email: shopper.email,
    firstName: shopper.firstName,
    lastName: shopper.lastName,
  };
}

export interface ShopperDirectory {
  findByUsername(username: string): Promise<Shopper | null>;
  getById(id: ShopperId): Promise<Shopper | null>;
  mayUseStorefront(shopper: Shopper, storefront: StorefrontId): Promise<boolean>;
  /** A storefront this shopper may use: `preferred` when they may, else one of theirs (null: none served). */
  storefrontFor(shopper: Shopper, preferred: StorefrontId): Promise<StorefrontId | null>;
}

/** The store's own password rules (the gateway's floor is merged on top: reset/policy.ts). */
export interface StorePasswordRules {
  minimumPasswordLength: number;
  requireLowerCase: boolean;
  requireUpperCase: boolean;
  requireNumbers: boolean;
  minimumNumbers: number;
  requireSpecialCharacters: boolean;
  minimumSpecialCharacters: number;
}

export interface PasswordStore {
  /** Null when the store has none. Throws when they cannot be read (the policy keeps its last known). */
  rules(): Promise<StorePasswordRules | null>;
  setPassword(shopper: Shopper, password: string): Promise<void>;
  /** Whether `password` is now the shopper's password on `storefront`, without opening a session. */
  isCurrent(shopper: Shopper, password: string, storefront: StorefrontId): Promise<boolean>;
}

/** `SESSION`: the gateway signs in and returns the session. `CUSTOMER_LOGIN_JWT`: hand the sign-in to the storefront. */
export type SignInMode = 'SESSION' | 'CUSTOMER_LOGIN_JWT';

/** One account's token (a backend with one session per account, like Elastic Path's Account Management tokens). */
export interface AccountSession {
  accountId: string;
  accountName: string;
  token: string;
  expiresAt: Date;
}

export interface CustomerSession {
  /** BigCommerce: the customer access token. Per-account backends: the token of the account signed in to. */
  customerAccessToken: string;
  expiresAt: Date;
  /** Every account's token, for backends that issue one per account; empty where there is one session. */
  accounts: AccountSession[];
}

export interface LoginResult {
  customer: Customer;
  session: CustomerSession;
}

/** A just-minted credential for the storefront to exchange itself (BigCommerce: a Customer Login JWT, 30 s, once). */
export interface LoginJwtHandoff {
  customerId: ShopperId;
  customerEntityId: number;
  customerLoginJwt: string;
  expiresAt: Date;
  /** Relative, as BigCommerce requires. */
  redirectTo: string;
  storefrontId: StorefrontId;
}

export type SignInOutcome = LoginResult | LoginJwtHandoff;

export function isHandoff(outcome: SignInOutcome): outcome is LoginJwtHandoff {
  return 'customerLoginJwt' in outcome;
}

/** Who is signing in, once a flow has proven it: the shopper and the storefront (and what the upstream needs, if any). */
export interface SignInSubject {
  shopperId: ShopperId;
  storefrontId: StorefrontId;
  /** Upstream-made codes: what the backend sealed when the code arrived, to finish the sign-in with the upstream. */
  proof?: string;
}

export interface SessionIssuer {
  readonly modes: readonly SignInMode[];
  /** @throws InvalidJwtError when the upstream refuses the sign-in; NotSupportedError for a mode it lacks */
  complete(subject: SignInSubject, mode: SignInMode): Promise<SignInOutcome>;
}

/** Who makes the one-time codes mailed for sign-in, and what they look like (for pages, clients and input checks). */
export interface CodeShape {
  readonly length: number;
  readonly alphabet: 'digits' | 'lowercase-alphanumeric';
  /** A presented code that cannot be one is refused before it costs a store read. */
  isWellFormed(code: string): boolean;
}

export type CodeIssuer =
  /** The gateway makes the code (BigCommerce has none of its own). */
  | (CodeShape & { readonly maker: 'gateway'; make(): string })
  /** The upstream makes it and delivers it to the gateway (Elastic Path's one-time password tokens, by webhook). */
  | (CodeShape & {
      readonly maker: 'upstream';
      /** Ask the upstream to make a code for `username`; it arrives later (a `code.delivered` job), or never. */
      request(username: string, purpose: CodePurpose): Promise<void>;
    });

/** A JWT login a backend offers besides SSO assertions (BigCommerce: its own Customer Login JWTs). */
export interface JwtLogin {
  /** Whether this login handles the token, judged from its unverified claims (its issuer): nothing is trusted yet. */
  handles(unverified: Record<string, unknown>): boolean;
  /** @throws InvalidJwtError */
  login(token: string, mode: SignInMode): Promise<SignInOutcome>;
}

export interface StorefrontInfo {
  /** Where a browser finishes a handed-off sign-in (BigCommerce: `{site}/login/token/{jwt}`). */
  siteUrl: string;
  /** Sender of the gateway's mail for this storefront; absent: `MAIL_FROM`. */
  mailFrom: string | undefined;
}

export interface Storefronts {
  readonly defaultId: StorefrontId;
  readonly ids: readonly StorefrontId[];
  info(id: StorefrontId): StorefrontInfo | undefined;
  /** The storefront's name for mail (configured, else the store's own). */
  name(id: StorefrontId): Promise<string>;
}

export interface BackendServerParts {
  /** Routes the backend adds (an inbound webhook). */
  plugins: Plugin[];
  /** Background jobs the backend adds, by name. */
  jobs: Partial<JobHandlers<Record<string, object>>>;
  readiness: ReadinessPart[];
}

export interface CommerceBackend {
  readonly name: 'bigcommerce' | 'elasticpath';
  readonly directory: ShopperDirectory;
  readonly passwords: PasswordStore;
  readonly sessions: SessionIssuer;
  readonly codes: CodeIssuer;
  readonly storefronts: Storefronts;
  /** The configured reset strategy (`RESET_STRATEGY`), built on the gateway's shared parts. */
  readonly resetStrategy: ResetStrategy;
  /** Whether SSO assertions from a trusted issuer can sign shoppers in (the gateway then resolves and completes them). */
  readonly ssoLogin: boolean;
  readonly jwtLogins: readonly JwtLogin[];
  readonly server: BackendServerParts;
  /** Once at start-up against a real store: null when its credentials work; else what to fix, naming the setting. */
  credentialProblem(): Promise<string | null>;
  close(): Promise<void>;
}

/** What the gateway's infrastructure gives a backend (composition/infrastructure.ts). */
export interface BackendInfrastructure {
  config: Config;
  /** One-time claims (exactly one winner across instances). */
  claims: OneTimeClaims;
  /** Secret records with a MAC (onetime/authenticated-records.ts). */
  records: SecretRecords;
  mailer: Mailer;
  queue: GatewayQueue;
  /** The upstream budget every call spends from, all instances together. */
  budget: UpstreamBudget;
  metrics: GatewayMetrics;
  events: SecurityEvents;
  logger: Logger;
  /** Keyed references under which personal values (emails, usernames) go into the store. */
  storeKey: StoreKey;
}
