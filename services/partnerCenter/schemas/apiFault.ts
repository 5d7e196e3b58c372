import { z } from 'zod';
import { stringFromWire } from './wireValues';

/** The error body of any 4xx/5xx (`ApiFault`); `code` is documented as a string but sent as a number. */
export const apiFaultSchema = z.object({
  code: stringFromWire,
  description: z.string().optional(),
  data: z.array(z.unknown()).optional(),
  source: z.string().optional(),
});

/** The Azure API Management body that comes with 429 (`{ statusCode, message }`). */
export const throttleFaultSchema = z.object({
  statusCode: z.number(),
  message: z.string(),
});

export type ApiFault = z.infer<typeof apiFaultSchema>;
export type ThrottleFault = z.infer<typeof throttleFaultSchema>;
