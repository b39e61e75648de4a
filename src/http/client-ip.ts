/**
 * The client's IP: the socket's peer, unless that peer is a configured trusted proxy, in which case
 * `X-Forwarded-For` is walked from the right past every trusted hop. Never trusts the header otherwise: anyone
 * can send one, and rate limits keyed on it would be free to dodge.
 */
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

export type ClientIpResolver = (req: IncomingMessage) => string;

const unmapped = (ip: string) => (ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip);
const family = (ip: string) => (isIP(ip) === 6 ? 'ipv6' : 'ipv4');

/** Whether an address is one of the configured trusted proxies (IPs or CIDRs). */
export function trustedProxyMatcher(trustedProxies: string[]): (ip: string) => boolean {
  const trusted = new BlockList();
  for (const entry of trustedProxies) {
    const [address = '', prefix] = entry.split('/');
    if (prefix === undefined) trusted.addAddress(address, family(address));
    else trusted.addSubnet(address, Number(prefix), family(address));
  }
  return (ip) => {
    const address = unmapped(ip);
    return isIP(address) !== 0 && trusted.check(address, family(address));
  };
}

export function clientIpResolver(trustedProxies: string[]): ClientIpResolver {
  const isTrusted = trustedProxyMatcher(trustedProxies);

  return (req) => {
    let ip = unmapped(req.socket.remoteAddress ?? '');
    if (trustedProxies.length === 0 || !isTrusted(ip)) return ip || 'unknown';
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((hop) => unmapped(hop.trim()));
    while (isTrusted(ip) && hops.length > 0) {
      const next = hops.pop() as string;
      if (isIP(next) === 0) break; // a malformed hop: stop at the last address we could vouch for
      ip = next;
    }
    return ip;
  };
}
