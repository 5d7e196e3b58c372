import { invalidInput } from '../http/apiError';
import { hashedChars, hashedGuid } from '../state/seededRandom';

/** Where a seek-paged listing continues: which listing (scope), the next offset and the page size. */
export interface SeekPosition {
  scope: string;
  offset: number;
  size: number;
}

/**
 * Encodes a seek position as an opaque token shaped like the real ones (comma-separated parts containing `/` and `=`),
 * so clients learn to pass it through untouched.
 */
export function encodeContinuationToken(position: SeekPosition): string {
  const payload = Buffer.from(JSON.stringify(position), 'utf8').toString('base64');
  const salt = hashedChars(`${position.scope}#${position.offset}`, 6).toLowerCase();
  return `${hashedGuid(position.scope)},${payload}_${salt}/pc=,${hashedGuid(`${position.scope}#${position.offset}`)}`;
}

/** Decodes a token for the expected listing scope prefix; 400 / 800002 when it is malformed or for another listing. */
export function decodeContinuationToken(token: string | undefined, scopePrefix: string): SeekPosition {
  if (!token) throw invalidInput('seekOperation=Next needs the MS-ContinuationToken header from links.next');
  const parts = token.split(',');
  const payload = parts.length === 3 ? parts[1].split('_')[0] : '';
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    position = undefined;
  }
  if (!isPosition(position) || !position.scope.startsWith(scopePrefix) || hashedGuid(position.scope) !== parts[0]) {
    throw invalidInput('the continuation token is not valid for this listing');
  }
  return position;
}

function isPosition(value: unknown): value is SeekPosition {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.scope === 'string' &&
    typeof record.offset === 'number' &&
    Number.isInteger(record.offset) &&
    record.offset >= 0 &&
    typeof record.size === 'number' &&
    Number.isInteger(record.size) &&
    record.size > 0
  );
}
