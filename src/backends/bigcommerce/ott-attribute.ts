/**
 * The customer attribute that holds each customer's OTT hash (the ott flow's `OttSecrets`): found by name, created
 * when missing, its id cached. Never a hard-coded id (ids differ per store). Readiness waits for it.
 */
import type { OttSecrets, StoredOtt } from '../../reset/ott/secrets.js';
import { CUSTOMER_ID, toShopper } from './directory.js';
import type { ManagementClient } from './management.js';
import { isUpstreamError } from '../../upstream/errors.js';
import type { Logger } from '../../log.js';

export class OttAttribute implements OttSecrets {
  private resolved: number | null = null;
  private resolving: Promise<number> | null = null;

  constructor(
    private readonly management: Pick<
      ManagementClient,
      'findAttributesByName' | 'createStringAttribute' | 'getCustomer' | 'upsertAttributeValue' | 'deleteAttributeValues'
    >,
    readonly name: string,
    private readonly logger: Logger,
  ) {}

  async put(shopperId: string, hash: string): Promise<void> {
    await this.management.upsertAttributeValue({ customerId: Number(shopperId), attributeId: await this.id(), value: hash });
  }

  /** One call: the customer with its attributes (BigCommerce's `include=attributes`). */
  async read(shopperId: string): Promise<StoredOtt | null> {
    if (!CUSTOMER_ID.test(shopperId)) return null;
    const [customer, attributeId] = await Promise.all([this.management.getCustomer(Number(shopperId), { includeAttributes: true }), this.id()]);
    const value = customer?.attributes?.find((a) => a.attribute_id === attributeId);
    return customer && value ? { shopper: toShopper(customer), hash: value.attribute_value, ref: String(value.id) } : null;
  }

  async delete(ref: string): Promise<void> {
    await this.management.deleteAttributeValues([Number(ref)]);
  }

  ready(): Promise<number> {
    return this.id();
  }

  /** The attribute id, bootstrapping it on first use; a failed bootstrap is tried again on the next call. */
  async id(): Promise<number> {
    if (this.resolved !== null) return this.resolved;
    this.resolving ??= this.bootstrap().finally(() => {
      this.resolving = null;
    });
    return this.resolving;
  }

  private async bootstrap(): Promise<number> {
    const existing = await this.find();
    if (existing !== null) return this.remember(existing, 'found');
    try {
      return this.remember((await this.management.createStringAttribute(this.name)).id, 'created');
    } catch (error) {
      // Another gateway instance may have created it first (BigCommerce answers 422 to a duplicate name).
      const raced = isUpstreamError(error) && error.failure === 'client_error' ? await this.find() : null;
      if (raced === null) throw error;
      return this.remember(raced, 'found');
    }
  }

  private async find(): Promise<number | null> {
    const matches = await this.management.findAttributesByName(this.name);
    const usable = matches.find((a) => a.type === 'string');
    if (matches.length > 0 && !usable) {
      throw new Error(`customer attribute "${this.name}" exists but is not of type string; choose another OTT_ATTRIBUTE_NAME`);
    }
    return usable?.id ?? null;
  }

  private remember(id: number, how: 'found' | 'created'): number {
    this.resolved = id;
    this.logger.info({ attribute: this.name, attributeId: id, how }, 'OTT customer attribute ready');
    return id;
  }
}
