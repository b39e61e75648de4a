/**
 * Which customer may sign in on which channel (BigCommerce's channel-specific customers): a customer with
 * `channel_ids` only on those channels; a global one (`channel_ids: null`) on its origin channel and on channels
 * whose customer settings allow global logins. The settings are read once per channel and cached, so checking
 * costs no upstream call in the common case.
 */
import type { ManagementClient, ManagementCustomer } from './management.js';

export class ChannelAccess {
  private readonly settings = new Map<number, { allowGlobalLogins: boolean; readAt: number }>();

  constructor(
    private readonly management: Pick<ManagementClient, 'channelAllowsGlobalLogins'>,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  async maySignIn(customer: Pick<ManagementCustomer, 'channel_ids' | 'origin_channel_id'>, channelId: number): Promise<boolean> {
    if (Array.isArray(customer.channel_ids)) return customer.channel_ids.includes(channelId);
    // UNVERIFIED (as in the sandbox): a global customer may always sign in on the channel it was created on.
    if (customer.origin_channel_id === channelId) return true;
    return this.allowsGlobalLogins(channelId);
  }

  private async allowsGlobalLogins(channelId: number): Promise<boolean> {
    const cached = this.settings.get(channelId);
    if (cached && Date.now() - cached.readAt < this.ttlMs) return cached.allowGlobalLogins;
    const allowGlobalLogins = await this.management.channelAllowsGlobalLogins(channelId);
    this.settings.set(channelId, { allowGlobalLogins, readAt: Date.now() });
    return allowGlobalLogins;
  }
}
