/**
 * The BigCommerce sandbox: an in-memory emulator of the parts of BigCommerce the gateway uses, over real HTTP.
 * It imports nothing from the gateway; the gateway talks to it by URL only.
 */
export { SANDBOX_CREDENTIALS, SANDBOX_STORE_NAME } from './bigcommerce/credentials.js';
export type { SandboxOptions, ManagementQuotaOptions } from './bigcommerce/options.js';
export type { PasswordComplexitySettings } from './bigcommerce/password-policy.js';
export { DEFAULT_PASSWORD_COMPLEXITY } from './bigcommerce/password-policy.js';
export type { SandboxMail } from './bigcommerce/outbox.js';
export type { RunningSandbox } from './bigcommerce/server.js';
export { startSandbox, isLoopbackHost } from './bigcommerce/server.js';
export type { SandboxApp } from './bigcommerce/app.js';
export { createSandboxApp } from './bigcommerce/app.js';
export type { FaultSpec } from './kit/faults.js';
export { SEED_CUSTOMERS } from './bigcommerce/seed.js';
export type { SeedCustomer } from './bigcommerce/seed.js';
