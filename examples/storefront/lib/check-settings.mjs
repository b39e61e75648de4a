/**
 * This storefront's settings, read from the environment and checked once: `next start` (and `next dev`) refuse to
 * run without them, naming each one missing (next.config.mjs calls `checkSettings`), so a storefront never starts
 * half-configured and fails later with "Failed to parse URL from undefined/graphql".
 */
const REQUIRED = {
  GATEWAY_URL: 'the gateway GraphQL endpoint, e.g. http://localhost:4000/graphql',
  BIGCOMMERCE_STOREFRONT_URL: "the channel's Storefront API base, e.g. https://store-abc123-1.mybigcommerce.com",
  BIGCOMMERCE_STOREFRONT_TOKEN: 'a private Storefront API token for that channel',
  AUTH_SECRET: 'Auth.js session key, e.g. "$(openssl rand -base64 32)"',
};

/** @returns {string[]} one line per problem */
export function settingsProblems(env = process.env) {
  const problems = Object.entries(REQUIRED)
    .filter(([name]) => !env[name])
    .map(([name, what]) => `${name} is required: ${what}`);
  for (const name of ['GATEWAY_URL', 'BIGCOMMERCE_STOREFRONT_URL']) {
    if (env[name] && !/^https?:\/\//.test(env[name])) problems.push(`${name} must be an http:// or https:// URL (got "${env[name]}")`);
  }
  const count = env.TRUSTED_PROXY_COUNT;
  if (count !== undefined && !/^\d+$/.test(count)) problems.push(`TRUSTED_PROXY_COUNT must be a whole number (got "${count}")`);
  return problems;
}

export function checkSettings(env = process.env) {
  const problems = settingsProblems(env);
  if (problems.length === 0) return;
  console.error(`The example storefront cannot start:\n${problems.map((line) => `  - ${line}`).join('\n')}\n(npm run example, at the repository root, starts it with everything set.)`);
  process.exit(1);
}
