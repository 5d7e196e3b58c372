/** A Partner Center link: relative URI without `/v1`, as in the documented examples. */
export interface Link {
  uri: string;
  method: string;
  headers: { key: string; value: string }[];
}

/** A GET link to a relative URI, optionally carrying headers (the continuation token of seek paging). */
export function link(uri: string, headers: { key: string; value: string }[] = [], method = 'GET'): Link {
  return { uri, method, headers };
}

/** Wraps items in the documented Collection shape; `totalCount` is the number of items in this page. */
export function collection(
  items: unknown[],
  links?: Record<string, Link | undefined>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = { totalCount: items.length, items };
  if (links) {
    const present = Object.fromEntries(Object.entries(links).filter(([, value]) => value !== undefined));
    body.links = present;
  }
  Object.assign(body, extra);
  body.attributes = { objectType: 'Collection' };
  return body;
}
