import { CLOUD_ENDPOINTS } from '../cloudEndpoints';
import { isLoopbackHost } from '../../services/net/isLoopbackHost';

/**
 * The Bot Connector hosts of Microsoft Teams in the public cloud (GCC included): where proactive messages may go unless
 * configured. Other clouds have their own (bot/cloudEndpoints.ts).
 */
export const TEAMS_SERVICE_URL_HOSTS: readonly string[] = CLOUD_ENDPOINTS.public.teamsServiceUrlHosts;

/** Host names that reach this machine; allowed in local mode so the Playground and test channels get replies. */
export const LOOPBACK_SERVICE_URL_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * True when a conversation's `serviceUrl` may receive a proactive message: its host matches an allowed entry (an exact
 * host, or `*.suffix` for any subdomain of suffix) and it uses https — plain http only to a loopback host. A send to
 * any other host would hand the bot's Bot Framework token to whoever runs it.
 */
export function serviceUrlAllowed(serviceUrl: string | undefined, allowed: readonly string[]): boolean {
  if (!serviceUrl) return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(host))) return false;
  if (url.username || url.password) return false;
  return allowed.some((entry) => hostMatches(host, entry.trim().toLowerCase()));
}

function hostMatches(host: string, entry: string): boolean {
  if (entry.startsWith('*.')) {
    const suffix = entry.slice(1);
    return host.endsWith(suffix) && host.length > suffix.length;
  }
  return host === entry;
}
