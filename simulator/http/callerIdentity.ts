import type { CallerIdentity } from './apiTypes';

const USER = 'user:';
const USER_WITHOUT_MFA = 'user-without-mfa:';

/**
 * Reads the bearer token: any value is accepted; `user:<name>` means App+User acting as <name> (signed in with MFA),
 * `user-without-mfa:<name>` the same person signed in without MFA, anything else app-only. No (or an empty) bearer
 * token means no identity.
 */
export function callerFromAuthorization(header: string | undefined): CallerIdentity {
  const match = /^\s*bearer\s+(.+?)\s*$/i.exec(header ?? '');
  if (!match) return { kind: 'none' };
  const token = match[1];
  const lower = token.toLowerCase();
  if (lower.startsWith(USER) && token.length > USER.length) {
    return { kind: 'user', user: token.slice(USER.length) };
  }
  if (lower.startsWith(USER_WITHOUT_MFA) && token.length > USER_WITHOUT_MFA.length) {
    return { kind: 'user', user: token.slice(USER_WITHOUT_MFA.length), mfa: false };
  }
  return { kind: 'app' };
}
