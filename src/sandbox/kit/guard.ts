/** What keeps the emulators' public dev credentials harmless: loopback only, never in production. */
/** The dev credentials are public: the sandbox only ever listens on loopback. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** Refuses the situations where fixed public credentials would be a hole. */
export function assertSandboxMayStart(host: string, what: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env['NODE_ENV'] === 'production') {
    throw new Error(`The ${what} refuses to start with NODE_ENV=production (its credentials are public).`);
  }
  if (!isLoopbackHost(host)) {
    throw new Error(`The ${what} only binds to loopback (127.0.0.1, ::1, localhost), not "${host}".`);
  }
}

