import { apiFaultSchema, throttleFaultSchema } from '../schemas/apiFault';

/** The Partner Center code and description of an error response, whichever of its two body shapes it used. */
export interface ParsedErrorBody {
  code?: string;
  description?: string;
}

/** Reads an ApiFault (`{ code, description }`) or an API Management 429 body (`{ statusCode, message }`). */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  const fault = apiFaultSchema.safeParse(body);
  if (fault.success) return { code: fault.data.code, description: fault.data.description };
  const throttle = throttleFaultSchema.safeParse(body);
  if (throttle.success) return { description: throttle.data.message };
  return {};
}
