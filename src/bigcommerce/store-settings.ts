import type { StorefrontClient } from './storefront.js';
import { PasswordComplexityDocument } from './storefront-operations.js';

export interface StorePasswordComplexitySettings {
  minimumPasswordLength: number;
  requireLowerCase: boolean;
  requireUpperCase: boolean;
  requireNumbers: boolean;
  minimumNumbers: number;
  requireSpecialCharacters: boolean;
  minimumSpecialCharacters: number;
}

/** The store's password rules (`site.settings.customers.passwordComplexitySettings`); null when it has none. */
export async function fetchPasswordComplexity(
  storefront: Pick<StorefrontClient, 'execute'>,
): Promise<StorePasswordComplexitySettings | null> {
  const data = await storefront.execute('passwordComplexity', PasswordComplexityDocument, {});
  return data.site.settings?.customers?.passwordComplexitySettings ?? null;
}
