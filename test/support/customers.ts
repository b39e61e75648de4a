/** Bulk customers in a sandbox, created through its Management API as an admin would (10 per call, the API's cap). */
import type { SandboxHarness } from './sandbox.js';

export async function createCustomers(sandbox: SandboxHarness, emails: string[]): Promise<void> {
  for (let i = 0; i < emails.length; i += 10) {
    const batch = emails.slice(i, i + 10).map((email) => ({
      email,
      first_name: 'Bulk',
      last_name: 'Shopper',
      authentication: { new_password: 'Bulk-Passw0rd-1' },
    }));
    const created = await sandbox.rest('POST', '/v3/customers', batch);
    if (created.status !== 200) throw new Error(`creating customers failed: ${created.status} ${JSON.stringify(created.body)}`);
  }
}

/** How many of `emails` have at least one mail in the sandbox outbox (BigCommerce's own, native strategy). */
export async function mailedCount(sandbox: SandboxHarness, emails: string[]): Promise<number> {
  const wanted = new Set(emails);
  const reached = new Set((await sandbox.mail()).map((mail) => mail.to).filter((to) => wanted.has(to)));
  return reached.size;
}
