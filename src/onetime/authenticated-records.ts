/**
 * Secret records whose fields decide who signs in (a sign-in record's customer id, a reset link's account), stored
 * with a MAC under a key derived from `GATEWAY_SECRET`. Whoever can write Redis but lacks the key cannot point a
 * record at another customer, nor pair one record's hashes with another's data: the MAC covers the record's key, its
 * hashes and its data. A record whose MAC does not verify is treated as absent (fail closed), and logged.
 *
 * Only the attempt counter (`failuresLeft`) is outside the MAC: the redeem script changes it in place, and lowering it
 * only ends a record sooner.
 */
import { createHmac } from 'node:crypto';
import { deriveKey, sameSecret } from '../lib/keys.js';
import type { Logger } from '../log.js';
import type { SecretRecord, SecretRecords, SecretRedemption } from '../store/store.js';

const MAC_FIELD = 'mac';

export function authenticatedRecords(store: SecretRecords, gatewaySecret: string, logger: Logger): SecretRecords {
  const key = deriveKey(gatewaySecret, 'secret-record-mac');
  const macOf = (recordKey: string, record: SecretRecord) => {
    const { [MAC_FIELD]: _ignored, ...data } = record.data;
    // Canonical: sorted keys, so the MAC does not depend on how a JSON round trip orders them.
    const canonical = JSON.stringify([recordKey, sorted(record.hashes), sorted(data), record.expiresAt]);
    return createHmac('sha256', key).update(canonical).digest('base64url');
  };
  const verified = (recordKey: string, record: SecretRecord): SecretRecord | null => {
    const mac = record.data[MAC_FIELD];
    if (typeof mac === 'string' && sameSecret(mac, macOf(recordKey, record))) {
      const { [MAC_FIELD]: _mac, ...data } = record.data;
      return { ...record, data };
    }
    logger.warn({ record: recordKey.split(':')[0] }, 'a stored secret record failed its integrity check; treated as absent');
    return null;
  };

  return {
    putSecret: (recordKey, record) => store.putSecret(recordKey, { ...record, data: { ...record.data, [MAC_FIELD]: macOf(recordKey, record) } }),
    async getSecret(recordKey) {
      const record = await store.getSecret(recordKey);
      return record ? verified(recordKey, record) : null;
    },
    async redeemSecret(recordKey, kind, hash): Promise<SecretRedemption> {
      const redemption = await store.redeemSecret(recordKey, kind, hash);
      if (redemption.outcome !== 'redeemed') return redemption;
      const record = verified(recordKey, redemption.record);
      return record ? { outcome: 'redeemed', record } : { outcome: 'missing' };
    },
  };
}

function sorted(value: Record<string, string | number>): Array<[string, string | number]> {
  return Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
