import { z } from 'zod';
import { StateStorageUnusableError } from './StateStorageUnusableError';

const errorShape = z.object({
  code: z.string().optional(),
  statusCode: z.number().optional(),
  name: z.string().optional(),
});

/** Node's names for "the network path to the storage account is not there". */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'REQUEST_SEND_ERROR',
]);

/**
 * A few words saying why the state storage failed, safe to show to anyone who can reach `/healthz`: built only from
 * error codes and HTTP status codes, never from an error's message, which may quote a file path, URL or token.
 */
export function storageFailureReason(error: unknown): string {
  if (error instanceof StateStorageUnusableError) return error.reason;
  const parsed = errorShape.safeParse(error);
  const code = parsed.success ? (parsed.data.code ?? '') : '';
  const status = parsed.success ? parsed.data.statusCode : undefined;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'state storage is full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return 'state storage is read-only';
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'state database is corrupt';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'state database is locked';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'state database cannot be opened';
  if (code.startsWith('SQLITE_IOERR')) return 'state storage I/O error';
  if (UNREACHABLE_CODES.has(code)) return 'state storage is unreachable';
  if (status === 401 || status === 403) return 'state storage refused access';
  if (status === 404) return 'state storage container is missing';
  if (status !== undefined && status >= 500) return `state storage answered ${status}`;
  return 'state storage error';
}
