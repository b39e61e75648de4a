import { createHash } from 'node:crypto';
import type { SandboxClock } from '../kit/clock.js';
import { hashPassword } from '../kit/password-hash.js';
import { SEED_CUSTOMERS, SEED_DATE } from './seed.js';
import { SANDBOX_CHANNELS } from './credentials.js';

export interface CustomerRecord {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  phone: string;
  notes: string;
  taxExemptCategory: string;
  customerGroupId: number;
  registrationIpAddress: string;
  acceptsProductReviewAbandonedCartEmails: boolean;
  originChannelId: number;
  /** null: a global customer (channel-specific-customers guide); otherwise exactly the channels it may use. */
  channelIds: number[] | null;
  /** null: the customer has no password (e.g. created without `authentication`) and cannot log in. */
  passwordHash: string | null;
  forcePasswordReset: boolean;
  dateCreated: string;
  dateModified: string;
}

export type AttributeType = 'string' | 'number' | 'date';

export interface AttributeRecord {
  id: number;
  name: string;
  type: AttributeType;
  dateCreated: string;
  dateModified: string;
}

export interface AttributeValueRecord {
  id: number;
  attributeId: number;
  customerId: number;
  value: string;
  dateCreated: string;
  dateModified: string;
}

export interface CustomerSession {
  customerId: number;
  expiresAtMs: number;
}

export interface ResetTokenRecord {
  tokenSha256: string;
  expiresAtMs: number;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Everything the store knows. `reset()` brings it back to the seed data. */
export class SandboxState {
  customers = new Map<number, CustomerRecord>();
  attributes = new Map<number, AttributeRecord>();
  attributeValues = new Map<number, AttributeValueRecord>();
  /** jti of revoked storefront/private tokens. */
  revokedApiTokenIds = new Set<string>();
  /** Keyed by the SHA-256 of the customer access token value. */
  sessions = new Map<string, CustomerSession>();
  /** One live reset token per customer (the newest). */
  resetTokens = new Map<number, ResetTokenRecord>();
  /** Customer Login JWT ids already used, with the time after which the iat check rejects them anyway. */
  usedCustomerLoginJwtIds = new Map<string, number>();
  /** Per-channel customer settings (`allow_global_logins`), by channel id. */
  channelSettings = new Map<number, { allowGlobalLogins: boolean }>();
  private nextIds = { customer: 1, attribute: 1, attributeValue: 1 };

  constructor(private readonly clock: SandboxClock) {
    this.reset();
  }

  reset(): void {
    this.customers.clear();
    this.attributes.clear();
    this.attributeValues.clear();
    this.revokedApiTokenIds.clear();
    this.sessions.clear();
    this.resetTokens.clear();
    this.usedCustomerLoginJwtIds.clear();
    this.channelSettings = new Map(SANDBOX_CHANNELS.map((channel) => [channel.id, { allowGlobalLogins: channel.allowGlobalLogins }]));
    for (const seed of SEED_CUSTOMERS) {
      this.customers.set(seed.id, {
        id: seed.id,
        email: seed.email,
        firstName: seed.firstName,
        lastName: seed.lastName,
        company: seed.company,
        phone: seed.phone,
        notes: '',
        taxExemptCategory: '',
        customerGroupId: 0,
        registrationIpAddress: '',
        acceptsProductReviewAbandonedCartEmails: false,
        originChannelId: seed.originChannelId,
        channelIds: seed.channelIds === null ? null : [...seed.channelIds],
        passwordHash: hashPassword(seed.password),
        forcePasswordReset: seed.forcePasswordReset,
        dateCreated: SEED_DATE,
        dateModified: SEED_DATE,
      });
    }
    this.nextIds = { customer: Math.max(0, ...SEED_CUSTOMERS.map((c) => c.id)) + 1, attribute: 1, attributeValue: 1 };
  }

  nextCustomerId(): number {
    return this.nextIds.customer++;
  }

  nextAttributeId(): number {
    return this.nextIds.attribute++;
  }

  nextAttributeValueId(): number {
    return this.nextIds.attributeValue++;
  }

  /** BigCommerce matches emails case-insensitively. */
  findCustomerByEmail(email: string): CustomerRecord | undefined {
    const wanted = email.trim().toLowerCase();
    for (const customer of this.customers.values()) {
      if (customer.email.toLowerCase() === wanted) return customer;
    }
    return undefined;
  }

  attributeValuesOf(customerId: number): AttributeValueRecord[] {
    return [...this.attributeValues.values()].filter((value) => value.customerId === customerId);
  }

  deleteCustomer(customerId: number): void {
    this.customers.delete(customerId);
    for (const value of this.attributeValuesOf(customerId)) this.attributeValues.delete(value.id);
    this.endSessionsOf(customerId);
    this.resetTokens.delete(customerId);
  }

  /**
   * BigCommerce: "A customer can only sign in on one device" and "A customer access token becomes invalid on all
   * devices when you log out of a single device" (graphql-storefront.mdx), so sessions end per customer.
   */
  endSessionsOf(customerId: number): void {
    for (const [key, session] of this.sessions) {
      if (session.customerId === customerId) this.sessions.delete(key);
    }
  }

  pruneExpired(): void {
    const now = this.clock.nowMs();
    for (const [key, session] of this.sessions) if (session.expiresAtMs <= now) this.sessions.delete(key);
    for (const [id, record] of this.resetTokens) if (record.expiresAtMs <= now) this.resetTokens.delete(id);
    for (const [jti, until] of this.usedCustomerLoginJwtIds) if (until <= now) this.usedCustomerLoginJwtIds.delete(jti);
  }
}
