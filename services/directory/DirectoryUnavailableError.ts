/** What is known about a failed directory lookup, for the log; never the token. */
export interface DirectoryFailureDetails {
  /** Graph's HTTP status, when it answered at all. */
  httpStatus?: number;
  /** Graph's `error.code`, e.g. `Authorization_RequestDenied`. */
  graphCode?: string;
  /** Graph's `request-id`, which Microsoft support asks for. */
  requestId?: string;
}

/**
 * Group membership could not be looked up (Graph down, throttled, slow, refused, or answered nonsense). Whoever gets
 * it must treat the person as not yet known: never as a purchaser. The message is safe to log; it never carries the
 * bearer token, and no lower-level error is attached because axios errors hold the request headers.
 */
export class DirectoryUnavailableError extends Error {
  readonly httpStatus?: number;
  readonly graphCode?: string;
  readonly requestId?: string;

  constructor(message: string, details: DirectoryFailureDetails = {}) {
    super(message);
    this.name = 'DirectoryUnavailableError';
    this.httpStatus = details.httpStatus;
    this.graphCode = details.graphCode;
    this.requestId = details.requestId;
  }
}
