/** Input rules shared by the domain files: the email every flow takes, and `channelId`. */
import { createGraphQLError } from 'graphql-yoga';
import { z } from 'zod';
import type { Services } from './context.js';

/** An email as every flow takes it; normalise it (normalizeEmail) before use. */
export const emailInput = z.string().trim().max(254, 'Email is too long.').pipe(z.email('Enter a valid email address.'));

export const channelIdInput = z.number().int().positive();

/** `channelId` in inputs: one of the configured storefronts, or the default one when omitted. */
/** @throws a GraphQL input error for a channel the gateway does not serve (the list is configuration, not a secret) */
export function channelFor(input: { channelId?: number | null }, channels: Services['channels']): number {
  const channelId = input.channelId ?? channels.defaultId;
  if (!channels.ids.includes(channelId)) {
    throw createGraphQLError(`Unknown channelId ${channelId}: this gateway serves channels ${channels.ids.join(', ')}.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return channelId;
}
