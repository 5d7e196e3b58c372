import type { CollectionEnvelope } from './schemas/collection';

/**
 * Where the next page starts. JSON-serialisable so a dialog can keep it in conversation state between turns; treat
 * it as opaque and hand it back unchanged.
 */
export type PageContinuation =
  | { readonly kind: 'seek'; readonly uri: string; readonly headers: readonly { key: string; value: string }[] }
  | { readonly kind: 'offset'; readonly offset: number; readonly size: number };

/** One page of a paged list; `next` is absent on the last page. */
export interface Page<T> {
  items: T[];
  next?: PageContinuation;
  totalCount?: number;
}

/** Options of {@link iteratePages}. */
export interface IteratePagesOptions {
  /** Stop after this many pages even if the service offers more; default 1000. */
  maxPages?: number;
  /** Resume from a continuation instead of the first page. */
  from?: PageContinuation;
}

const DEFAULT_MAX_PAGES = 1000;

/**
 * Walks pages until the service stops offering a next one, the page cap is reached, a continuation repeats (a
 * service ignoring paging would otherwise loop for ever) or the caller breaks out of the loop.
 */
export async function* iteratePages<T>(
  fetchPage: (continuation: PageContinuation | undefined) => Promise<Page<T>>,
  options: IteratePagesOptions = {},
): AsyncGenerator<Page<T>, void, undefined> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const seen = new Set<string>();
  let continuation = options.from;
  for (let pages = 0; pages < maxPages; pages += 1) {
    const page = await fetchPage(continuation);
    yield page;
    if (!page.next) return;
    const key = JSON.stringify(page.next);
    if (seen.has(key)) return;
    seen.add(key);
    continuation = page.next;
  }
}

/**
 * The seek continuation of a collection: its `links.next` with the link's headers (`MS-ContinuationToken`). When a
 * next link carries no token header but the body has `continuationToken`, the token is added as the header.
 */
export function seekContinuationOf(
  envelope: CollectionEnvelope<unknown> & { continuationToken?: string },
): PageContinuation | undefined {
  const next = envelope.links?.next;
  if (!next) return undefined;
  const headers = next.headers.map(({ key, value }) => ({ key, value }));
  const hasToken = headers.some((h) => h.key.toLowerCase() === 'ms-continuationtoken');
  if (!hasToken && envelope.continuationToken) {
    headers.push({ key: 'MS-ContinuationToken', value: envelope.continuationToken });
  }
  return { kind: 'seek', uri: next.uri, headers };
}

/**
 * The offset continuation of a size/offset collection: present only while the service offers `links.next` and the
 * page was not empty; the next offset comes from the link when it names one.
 */
export function offsetContinuationOf(
  envelope: CollectionEnvelope<unknown>,
  offset: number,
  size: number,
): PageContinuation | undefined {
  const next = envelope.links?.next;
  if (!next || envelope.items.length === 0) return undefined;
  const fromLink = /[?&]offset=(\d+)/i.exec(next.uri)?.[1];
  const nextOffset = fromLink !== undefined ? Number(fromLink) : offset + envelope.items.length;
  if (nextOffset <= offset) return undefined;
  return { kind: 'offset', offset: nextOffset, size };
}
