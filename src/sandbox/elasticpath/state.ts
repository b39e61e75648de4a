/**
 * The emulated Elastic Path store, in memory: one realm, one password profile, account members with a credential on
 * that profile and their accounts, the one-time password codes, integrations, and the settings. Reset to the seed
 * with `POST /__sandbox/reset`.
 */
import { createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { ELASTICPATH_DEMO_PASSWORD, ELASTICPATH_DEV_CREDENTIALS as DEV } from '../../contracts/elasticpath/dev-credentials.js';
import { hashPassword } from '../kit/password-hash.js';

export interface Account {
  id: string;
  name: string;
}

export interface Member {
  /** The user-authentication-info id, which is also the account member id (1:1, same id). */
  id: string;
  name: string;
  email: string;
  credential: { id: string; username: string; passwordHash: string; profileId: string };
  accounts: Account[];
}

export interface OneTimeCode {
  code: string;
  memberId: string;
  purpose: 'reset_password' | 'passwordless_authentication';
  createdAtMs: number;
  expiresAtMs: number;
  used: boolean;
}

export interface Integration {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  integration_type: 'webhook';
  observes: string[];
  configuration: { url: string; secret_key: string };
}

/**
 * What the public sources leave UNVERIFIED, switchable (`POST /__sandbox/modes`); each default is what a real store
 * most plausibly does, and the gateway's tests run under both.
 */
export interface Modes {
  /** An OTP request for an unknown username: 202 like any other (default: no enumeration), or an error. */
  unknownUsername: '202' | '404';
  /** A code works for one exchange only (default), or until it expires. */
  singleUseCodes: boolean;
  /** A new request for one (member, purpose) kills the older codes (default: no; EP documents neither). */
  newRequestKillsOlder: boolean;
  /** Status of the exchange for a wrong, expired or used code (the only observed message is known; its status not). */
  badCodeStatus: 401 | 404 | 422;
  /** The store's request rate limit per second (25: a development store; 100: production). */
  requestsPerSecond: number;
  /** Whether usernames match case-insensitively (EP's examples lower-case them: "known bug for uppercase usernames"). */
  caseInsensitiveUsernames: boolean;
}

export const DEFAULT_MODES: Modes = {
  unknownUsername: '202',
  singleUseCodes: true,
  newRequestKillsOlder: false,
  badCodeStatus: 401,
  requestsPerSecond: 25,
  caseInsensitiveUsernames: true,
};

const SEED: Array<{ name: string; email: string; username?: string; accounts: string[] }> = [
  { name: 'Jane Doe', email: 'jane@example.com', accounts: ['Jane Doe'] },
  { name: 'John Smith', email: 'john@example.com', accounts: ['John Smith'] },
  { name: 'Sam Both', email: 'sam@example.com', accounts: ['Sam Both', 'Sam Both Trading'] },
  // A credential whose username is not the email: the gateway must use the username, not the address.
  { name: 'Olive Outlet', email: 'olive@example.com', username: 'olive', accounts: ['Olive Outlet'] },
  { name: 'Nora None', email: 'nora@example.com', accounts: [] },
];

export class ElasticPathState {
  members: Member[] = [];
  codes: OneTimeCode[] = [];
  integrations: Integration[] = [];
  settings = { selfManagement: 'update_only' as 'update_only' | 'disabled', tokenTimeoutSecs: 86_400 };
  profile = { id: DEV.passwordProfileId, name: 'Shoppers', username_format: 'any' as 'any' | 'email', enable_one_time_password_token: true };
  modes: Modes = { ...DEFAULT_MODES };
  /** Signs the Account Management tokens (HS256): the emulator's own key, not a published one. */
  readonly tokenKey = randomBytes(32);

  constructor(private readonly webhook: { url: string; secret: string } | undefined) {
    this.reset();
  }

  reset(): void {
    this.members = SEED.map((seed, index) => ({
      id: uuidFor(`member-${index}`),
      name: seed.name,
      email: seed.email,
      credential: { id: uuidFor(`credential-${index}`), username: seed.username ?? seed.email, passwordHash: hashPassword(ELASTICPATH_DEMO_PASSWORD), profileId: DEV.passwordProfileId },
      accounts: seed.accounts.map((name, n) => ({ id: uuidFor(`account-${index}-${n}`), name })),
    }));
    this.codes = [];
    this.integrations = this.webhook
      ? [
          {
            id: randomUUID(),
            name: 'headless-auth-gateway',
            description: 'One-time password tokens to the gateway',
            enabled: true,
            integration_type: 'webhook',
            observes: ['one-time-password-token-request.created'],
            configuration: { url: this.webhook.url, secret_key: this.webhook.secret },
          },
        ]
      : [];
    this.settings = { selfManagement: 'update_only', tokenTimeoutSecs: 86_400 };
    this.profile = { ...this.profile, enable_one_time_password_token: true };
    this.modes = { ...DEFAULT_MODES };
  }

  /** A member with one account of its own name and the demo password (tests needing many shoppers). */
  addMember(name: string, email: string): Member {
    const member: Member = {
      id: randomUUID(),
      name,
      email,
      credential: { id: randomUUID(), username: email, passwordHash: hashPassword(ELASTICPATH_DEMO_PASSWORD), profileId: DEV.passwordProfileId },
      accounts: [{ id: randomUUID(), name }],
    };
    this.members.push(member);
    return member;
  }

  memberByUsername(username: string): Member | undefined {
    const same = this.modes.caseInsensitiveUsernames
      ? (a: string) => a.toLowerCase() === username.toLowerCase()
      : (a: string) => a === username;
    return this.members.find((member) => same(member.credential.username));
  }

  memberById(id: string): Member | undefined {
    return this.members.find((member) => member.id === id);
  }
}

/** Stable ids per seed entry, so tests and docs can name them across restarts. */
function uuidFor(name: string): string {
  const hex = createHmac('sha256', 'elasticpath-sandbox').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** 6 characters of a-z0-9 with at least one letter and one digit, like EP's examples (`lprvj4`, `abd1g5`). */
export function newOneTimeCode(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  for (;;) {
    const code = Array.from({ length: 6 }, () => alphabet[randomInt(alphabet.length)]).join('');
    if (/[a-z]/.test(code) && /\d/.test(code)) return code;
  }
}
