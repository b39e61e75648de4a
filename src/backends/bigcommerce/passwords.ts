/**
 * BigCommerce's password store (backends/backend.ts `PasswordStore`): the store's rules from the Storefront API's
 * `passwordComplexitySettings` (cached), passwords set through the Management API, and validate-credentials to tell
 * whether a password is current without opening a session.
 */
import type { PasswordStore, Shopper, StorefrontId, StorePasswordRules } from '../backend.js';
import type { ManagementClient } from './management.js';
import type { StoreSettingsCache } from './store-settings.js';

export class BigCommercePasswords implements PasswordStore {
  constructor(
    private readonly management: Pick<ManagementClient, 'setPassword' | 'validateCredentials'>,
    private readonly settings: Pick<StoreSettingsCache, 'get'>,
  ) {}

  async rules(): Promise<StorePasswordRules | null> {
    return (await this.settings.get()).passwordComplexity;
  }

  setPassword(shopper: Shopper, password: string): Promise<void> {
    return this.management.setPassword(Number(shopper.id), password);
  }

  isCurrent(shopper: Shopper, password: string, storefront: StorefrontId): Promise<boolean> {
    return this.management.validateCredentials({ email: shopper.email, password, channelId: Number(storefront) });
  }
}
