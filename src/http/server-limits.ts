/**
 * Limits on the HTTP server itself, before any request is parsed: how long a client may take to send its headers
 * and its request (slow-headers and slow-body clients hold sockets: 72 s and 312 s were seen with Node's defaults),
 * and how many connections one address may keep open. Trusted proxies are exempt from the connection cap, since every
 * client comes through them (their own limits apply there).
 */
import type { Server } from 'node:http';
import type { Config } from '../config.js';
import { trustedProxyMatcher } from './client-ip.js';

/** Node checks the two timeouts on this interval (its default is 30 s, which would make a 10 s limit 40 s). */
export const CONNECTIONS_CHECKING_INTERVAL_MS = 1000;

export function limitServer(server: Server, http: Config['http']): void {
  server.headersTimeout = http.headersTimeoutSeconds * 1000;
  server.requestTimeout = http.requestTimeoutSeconds * 1000;
  const exempt = trustedProxyMatcher(http.trustedProxies);
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const ip = socket.remoteAddress ?? '';
    if (exempt(ip)) return;
    const count = (open.get(ip) ?? 0) + 1;
    if (count > http.maxConnectionsPerIp) {
      socket.destroy();
      return;
    }
    open.set(ip, count);
    socket.once('close', () => {
      const left = (open.get(ip) ?? 1) - 1;
      if (left > 0) open.set(ip, left);
      else open.delete(ip);
    });
  });
}
