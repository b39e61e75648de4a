/** The store settings the gateway uses (name for mail, password rules), read from the Storefront API and cached. */
import type { StorePasswordRules } from '../backend.js';
import type { StorefrontClient } from './storefront.js';
import { StoreSettingsDocument } from './storefront-operations.js';

export interface StoreSettings {
  storeName: string;
  /** Null when the store has none. */
  passwordComplexity: StorePasswordRules | null;
}

export class StoreSettingsCache {
  private cached: { value: StoreSettings; fetchedAt: number } | null = null;
  private loading: Promise<StoreSettings> | null = null;

  constructor(
    private readonly storefront: Pick<StorefrontClient, 'execute'>,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  /** Fresh settings, or throws when BigCommerce cannot be reached and nothing is cached (callers decide). */
  async get(): Promise<StoreSettings> {
    if (this.cached && Date.now() - this.cached.fetchedAt < this.ttlMs) return this.cached.value;
    this.loading ??= this.fetch().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async fetch(): Promise<StoreSettings> {
    const data = await this.storefront.execute('storeSettings', StoreSettingsDocument, {});
    const settings = data.site.settings;
    const value = {
      storeName: settings?.storeName ?? '',
      passwordComplexity: settings?.customers?.passwordComplexitySettings ?? null,
    };
    this.cached = { value, fetchedAt: Date.now() };
    return value;
  }
}
