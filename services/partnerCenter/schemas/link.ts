import { z } from 'zod';
import { stringFromWire } from './wireValues';

/**
 * A Partner Center link (`{ uri, method, headers: [{ key, value }] }`). URIs are relative and often lack `/v1`;
 * `headers` carries the `MS-ContinuationToken` of seek paging.
 */
export const linkSchema = z.object({
  uri: z.string().min(1),
  method: z.string().optional(),
  headers: z.array(z.object({ key: z.string(), value: stringFromWire })).default([]),
  body: z.string().optional(),
});

/** The `attributes` block every resource may carry. */
export const attributesSchema = z.object({ objectType: z.string().optional(), etag: z.string().optional() });

export type Link = z.infer<typeof linkSchema>;
