/**
 * What the gateway keeps of an Elastic Path code between the webhook and the shopper's redemption: the code and who
 * it was made for, sealed (AES-256-GCM under a key of its own, derived from GATEWAY_SECRET), so a record read out of
 * Redis holds no usable code and a tampered one opens to nothing.
 */
import { z } from 'zod';
import { open, seal } from '../../lib/keys.js';

const ProofSchema = z.object({
  code: z.string(),
  /** The credential's username, as Elastic Path spells it (the exchange needs it). */
  username: z.string(),
  memberId: z.string(),
  credentialId: z.string(),
  email: z.string(),
  name: z.string(),
});
export type CodeProof = z.infer<typeof ProofSchema>;

export interface ProofSeal {
  seal(proof: CodeProof): string;
  /** Null when the value was not sealed by this gateway's key (or was changed). */
  open(sealed: string): CodeProof | null;
}

export function proofSeal(key: Buffer): ProofSeal {
  return {
    seal: (proof) => seal(key, JSON.stringify(proof)),
    open(sealed) {
      try {
        const parsed = ProofSchema.safeParse(JSON.parse(open(key, sealed)));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
  };
}

/** `Jane Doe` → `Jane`: Elastic Path has one name field, our mail greets by first name. */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}
