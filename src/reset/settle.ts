/**
 * A password update whose answer was lost (a timeout, a dropped connection, a 5xx) may or may not have taken
 * effect. Rather than answer "Unexpected error." over an unknown state, a flow may ask BigCommerce (its
 * validate-credentials call checks the new password without opening a session), but only once the credential is
 * proven genuine: ott asks after matching the link's OTT against the stored hash, so the asker already holds the
 * right to set this password, and the answer tells them nothing they could not learn by using the link. Without that
 * proof (native: BigCommerce's `t` cannot be checked by the gateway) the check would confirm guessed passwords, so
 * such flows answer that the change is unconfirmed instead.
 */
import { isUpstreamError } from '../upstream/errors.js';

/** Failures after which the update may have been applied upstream. A 429 or a 4xx was refused unprocessed. */
export function mayHaveApplied(error: unknown): boolean {
  return isUpstreamError(error) && ['timeout', 'network', 'server_error', 'bad_response'].includes(error.failure);
}

/**
 * Whether the password is now in place, as `isCurrent` asks the store: true or false once it answers (up to
 * `attempts` tries, a short pause between them), null when it never does.
 */
export async function passwordTookEffect(isCurrent: () => Promise<boolean>, attempts = 3): Promise<boolean | null> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await isCurrent();
    } catch {
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
  return null;
}
