/**
 * The BigCommerce sandbox: an in-memory emulator of the parts of BigCommerce the gateway uses, over real HTTP.
 * It imports nothing from the gateway; the gateway talks to it by URL only.
 */
export { SANDBOX_CREDENTIALS, SANDBOX_STORE_NAME } from './credentials.js';
export type { SandboxOptions, ManagementQuotaOptions } from './options.js';
export type { PasswordComplexitySettings } from './password-policy.js';
export { DEFAULT_PASSWORD_COMPLEXITY } from './password-policy.js';
export type { SandboxMail } from './outbox.js';
export type { RunningSandbox } from './server.js';
export { startSandbox, isLoopbackHost } from './server.js';
export type { SandboxApp } from './app.js';
export { createSandboxApp } from './app.js';
export type { FaultSpec } from './faults.js';
export { SEED_CUSTOMERS } from './seed.js';
export type { SeedCustomer } from './seed.js';
