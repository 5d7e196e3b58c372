import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import { blobsStorageKey } from '../../services/storage/blobsStorageKey';

/** The blob BlobsStorage would finally use for a state key once BlobStateStorage has escaped it. */
const blobFor = (key: string): string => sanitizeBlobKey(blobsStorageKey(key));

describe('the key BlobStateStorage hands to BlobsStorage', () => {
  it('gives botbuilder state keys with and without a trailing slash different blobs', () => {
    expect(sanitizeBlobKey('msteams/conversations/a:1/')).toBe(sanitizeBlobKey('msteams/conversations/a:1'));
    expect(blobFor('msteams/conversations/a:1/')).not.toBe(blobFor('msteams/conversations/a:1'));
    expect(blobFor('/a//b')).not.toBe(blobFor('a/b'));
  });

  it('names a key whose blob name would exceed 1024 characters by its hash, so truncation cannot merge two keys', () => {
    const prefix = '日本語/'.repeat(200);
    const first = blobFor(`${prefix}1`);
    const second = blobFor(`${prefix}2`);
    expect(first).not.toBe(second);
    expect(first.length).toBeLessThanOrEqual(1024);
    expect(blobFor(`${prefix}1`)).toBe(first);
  });

  it('names a short key by its percent-encoding, which BlobsStorage encodes once more', () => {
    expect(blobFor('recentOrders/c1')).toBe(encodeURIComponent(encodeURIComponent('recentOrders/c1')));
  });

  it('refuses a key with a lone surrogate instead of guessing an encoding', () => {
    expect(() => blobsStorageKey('broken\uD800key')).toThrow(/not well-formed Unicode/);
  });
});
