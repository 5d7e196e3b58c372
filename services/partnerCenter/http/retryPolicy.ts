/** Node/axios error codes that mean the connection failed or broke, so the same request may be sent again. */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'ERR_NETWORK',
]);

/**
 * Whether an HTTP status is worth retrying with the same MS-RequestId: 5xx and 408 are; client errors such as
 * 400/401/403/404/409/417 are answers that a retry would only repeat. 429 is handled separately (Retry-After).
 */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408;
}

/** Whether a transport-level failure (no HTTP response) is a broken connection that may be retried. */
export function isRetryableNetworkCode(code: string | undefined): boolean {
  return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
}

/**
 * Exponential backoff with full jitter: a random wait between 0 and `base * 2^(retry-1)`, capped at `max`, so
 * clients that failed together do not retry together.
 */
export function backoffDelayMs(retry: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(Math.min(0.999999, Math.max(0, random())) * ceiling);
}
