import type { CallerIdentity } from './apiTypes';

/**
 * Reads the bearer token: any value is accepted; `user:<name>` means App+User acting as <name>, anything else
 * app-only. No (or an empty) bearer token means no identity.
 */
export function callerFromAuthorization(header: string | undefined): CallerIdentity {
  const match = /^\s*bearer\s+(.+?)\s*$/i.exec(header ?? '');
  if (!match) return { kind: 'none' };
  const token = match[1];
  if (token.toLowerCase().startsWith('user:') && token.length > 'user:'.length) {
    return { kind: 'user', user: token.slice('user:'.length) };
  }
  return { kind: 'app' };
}
