import { createHash } from 'node:crypto';

/** Azure refuses longer blob names, and BlobsStorage silently cuts its names down to this length. */
const MAX_BLOB_NAME_LENGTH = 1024;

/**
 * The key BlobStateStorage hands to botbuilder's BlobsStorage in place of a state key, chosen so that no two state
 * keys ever share a blob.
 *
 * BlobsStorage turns a key into a blob name by dropping empty path segments and then URI-encoding it, cut to 1024
 * characters. That maps `a/b/` and `a/b` (botbuilder's own state keys end in a slash) and any two long keys with a
 * common start onto the same blob, so one conversation could overwrite another's state. Percent-encoding the key
 * first leaves BlobsStorage no slash to collapse; keys whose final blob name would still be too long are named by
 * their SHA-256 instead. `sha256:` cannot clash with an encoded key because encoding always escapes the colon.
 *
 * Throws a TypeError for a key that is not well-formed Unicode (a lone surrogate), which has no stable encoding.
 */
export function blobsStorageKey(key: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(key);
  } catch {
    throw new TypeError(`Storage: key "${key.slice(0, 40)}" is not well-formed Unicode.`);
  }
  // BlobsStorage encodes once more, turning each `%` into `%25`; that is the length Azure will see.
  if (encodeURIComponent(encoded).length <= MAX_BLOB_NAME_LENGTH) {
    return encoded;
  }
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}
