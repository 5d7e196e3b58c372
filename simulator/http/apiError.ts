/** Body of a Partner Center error (ApiFault); `code` is sent as a JSON number like the real service does. */
export interface ApiFaultBody {
  code: number;
  description: string;
  data: unknown[];
  source: string;
}

/** An error a handler throws to answer with a documented status code and ApiFault body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status}/${code}: ${description}`);
  }

  /** The wire body for this error. */
  toBody(): ApiFaultBody {
    return apiFault(this.code, this.description);
  }
}

/** Builds an ApiFault body in the documented shape. */
export function apiFault(code: number, description: string): ApiFaultBody {
  return { code, description, data: [], source: 'PartnerFD' };
}

/** 400 / 800002 "Invalid request input" with a detail the caller can act on. */
export function invalidInput(detail: string): ApiError {
  return new ApiError(400, 800002, `Invalid request input: ${detail}`);
}
