import { isServiceUrlHostPattern } from './serviceUrlHostPattern';
import { LOOPBACK_SERVICE_URL_HOSTS, TEAMS_SERVICE_URL_HOSTS } from './serviceUrlAllowed';

/** Who may talk to the bot and where it may send proactive messages. */
export interface SecuritySettings {
  /** Entra tenant ids (lower case) whose Teams activities are processed; empty lets every tenant in (local mode only). */
  allowedTenantIds: string[];
  /** Hosts (`host` or `*.suffix`) a proactive message's serviceUrl may have. */
  allowedServiceUrlHosts: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Reads `ALLOWED_TENANT_IDS` and `ALLOWED_SERVICE_URL_HOSTS`, appending a sentence per problem. Live mode needs the
 * tenant list; the service URL hosts default to Teams' own in the bot's cloud (`teamsHosts`), and local mode always
 * adds loopback for the local chat.
 */
export function securitySettings(
  mode: 'local' | 'live',
  raw: { allowedTenantIds?: string; allowedServiceUrlHosts?: string },
  problems: string[],
  teamsHosts: readonly string[] = TEAMS_SERVICE_URL_HOSTS,
): SecuritySettings {
  const tenants = listOf(raw.allowedTenantIds).map((id) => id.toLowerCase());
  const badTenants = tenants.filter((id) => !GUID.test(id));
  if (badTenants.length > 0) {
    problems.push(`ALLOWED_TENANT_IDS must be comma-separated tenant GUIDs (not: ${badTenants.join(', ')}).`);
  }
  if (mode === 'live' && tenants.length === 0) {
    problems.push(
      'MODE=live needs ALLOWED_TENANT_IDS (comma-separated Entra tenant ids whose Teams users may use the bot).',
    );
  }

  const configuredHosts = listOf(raw.allowedServiceUrlHosts).map((host) => host.toLowerCase());
  const badHosts = configuredHosts.filter((host) => !isServiceUrlHostPattern(host));
  if (badHosts.length > 0) {
    problems.push(
      `ALLOWED_SERVICE_URL_HOSTS entries must be a host name or *.suffix with at least two labels (not: ${badHosts.join(', ')}).`,
    );
  }
  const hosts = configuredHosts.length > 0 ? configuredHosts : [...teamsHosts];
  if (mode === 'local') hosts.push(...LOOPBACK_SERVICE_URL_HOSTS.filter((h) => !hosts.includes(h)));

  return { allowedTenantIds: [...new Set(tenants)], allowedServiceUrlHosts: hosts };
}

function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
