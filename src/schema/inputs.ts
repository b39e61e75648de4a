/** Input rules shared by the domain files: the email every flow takes, and the storefront an input names. */
import { createGraphQLError } from 'graphql-yoga';
import { z } from 'zod';
import type { StorefrontId } from '../backends/backend.js';
import type { Services } from './context.js';

/** An email as every flow takes it; normalise it (normalizeEmail) before use. */
export const emailInput = z.string().trim().max(254, 'Email is too long.').pipe(z.email('Enter a valid email address.'));

export const channelIdInput = z.number().int().positive();
export const storefrontIdInput = z.string().trim().min(1).max(64);

/** `channelId`'s deprecation, shared by every input that has one. */
export const CHANNEL_ID_DEPRECATION = 'Use `storefrontId` (on BigCommerce: the channel id, as a string).';

/**
 * The storefront an input names (`storefrontId`, or the deprecated `channelId`), or the default one when it names
 * none.
 * @throws a GraphQL input error for a storefront the gateway does not serve (the list is configuration, not a secret)
 */
export function storefrontFor(input: { storefrontId?: string | null; channelId?: number | null }, storefronts: Services['storefronts']): StorefrontId {
  const asked = input.storefrontId ?? (input.channelId == null ? undefined : String(input.channelId));
  const storefront = asked ?? storefronts.defaultId;
  if (!storefronts.ids.includes(storefront)) {
    const [field, served] = input.storefrontId == null ? ['channelId', 'channels'] : ['storefrontId', 'storefronts'];
    throw createGraphQLError(`Unknown ${field} ${storefront}: this gateway serves ${served} ${storefronts.ids.join(', ')}.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return storefront;
}
