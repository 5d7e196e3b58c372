import type { ApiResponse } from '../http/apiTypes';

const MAX_ENTRIES = 10_000;

/**
 * Remembers successful POST/PUT/PATCH responses by `MS-RequestId` + method + path, so a retry with the same request id
 * gets the original answer instead of executing twice. Only 2xx answers are kept: a failed call changed nothing and
 * may be retried for real.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, ApiResponse>();

  /** The stored response for a replayed request, if any. */
  find(requestId: string, method: string, path: string): ApiResponse | undefined {
    return this.entries.get(key(requestId, method, path));
  }

  /** Stores a response when it is a success. */
  remember(requestId: string, method: string, path: string, response: ApiResponse): void {
    if (response.status < 200 || response.status >= 300) return;
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key(requestId, method, path), response);
  }

  /** Forgets everything (control API reset). */
  clear(): void {
    this.entries.clear();
  }
}

function key(requestId: string, method: string, path: string): string {
  const normalisedPath = path.toLowerCase().replace(/\/+$/, '');
  return `${requestId}|${method.toUpperCase()}|${normalisedPath}`;
}
