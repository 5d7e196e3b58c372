import { z } from 'zod';
import { attributesSchema, linkSchema, type Link } from './link';

/**
 * The collection envelope (`totalCount`, `items`, `links.next`, `continuationToken`) around any item schema.
 * `totalCount` is informational only: in real payloads it often disagrees with `items.length`.
 */
export function collectionOf<T extends z.ZodType>(item: T) {
  return z.object({
    totalCount: z.number().optional(),
    items: z.array(item),
    links: z
      .object({ self: linkSchema.optional(), next: linkSchema.optional(), previous: linkSchema.optional() })
      .optional(),
    continuationToken: z.string().optional(),
    attributes: attributesSchema.optional(),
  });
}

/** The part of a parsed collection that paging needs. */
export interface CollectionEnvelope<T> {
  totalCount?: number;
  items: T[];
  links?: { next?: Link };
}
