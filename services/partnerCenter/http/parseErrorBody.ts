import { apiFaultSchema, throttleFaultSchema } from '../schemas/apiFault';

/** The Partner Center code and description of an error response, whichever of its body shapes it used. */
export interface ParsedErrorBody {
  code?: string;
  description?: string;
}

// ApiFault descriptions are at most 1,024 characters; a plain-text body gets a tighter bound because it can be anything.
const MAX_PLAIN_TEXT = 300;

/**
 * Reads an ApiFault (`{ code, description }`), an API Management 429 body (`{ statusCode, message }`), or — when the
 * body is neither — a short plain-text answer. Partner Center's MFA refusal has been seen both as an ApiFault with code
 * 900421 and as the bare text "Authentication failed. MFA required." (which the .NET SDK then reports with an empty
 * fault), so the text is kept as the description for the caller to recognise. `text` is the raw body when the caller
 * has it; `body` is its JSON, or undefined when it was not JSON.
 */
export function parseErrorBody(body: unknown, text?: string): ParsedErrorBody {
  const fault = apiFaultSchema.safeParse(body);
  if (fault.success) return { code: fault.data.code, description: fault.data.description };
  const throttle = throttleFaultSchema.safeParse(body);
  if (throttle.success) return { description: throttle.data.message };
  const plain = typeof body === 'string' ? body : body === undefined ? text : undefined;
  const description = plain === undefined ? undefined : oneShortLine(plain);
  return description ? { description } : {};
}

function oneShortLine(text: string): string | undefined {
  const flat = text
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat === '' || flat.startsWith('<')) return undefined; // empty, or an HTML error page of a proxy
  return flat.length > MAX_PLAIN_TEXT ? `${flat.slice(0, MAX_PLAIN_TEXT)}…` : flat;
}
