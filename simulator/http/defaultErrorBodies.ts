import { apiFault } from './apiError';

/** The APIM-style body Partner Center sends with 429 (different from ApiFault). */
export function throttledBody(retryAfterSeconds: number): { statusCode: number; message: string } {
  return { statusCode: 429, message: `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.` };
}

/** The documented error body for an HTTP status, used when an injected fault gives no body of its own. */
export function defaultErrorBody(status: number, retryAfterSeconds: number): unknown {
  switch (status) {
    case 400:
      return apiFault(800002, 'Invalid request input');
    case 401:
      return apiFault(800001, 'Partner Token missing in request context');
    case 403:
      return apiFault(900308, 'Insufficient privileges to complete the operation.');
    case 404:
      return apiFault(1000, 'Not found');
    case 409:
      return apiFault(800060, 'Your order is in progress. Check your order history for recent orders in few minutes');
    case 429:
      return throttledBody(retryAfterSeconds);
    case 501:
      return apiFault(0, 'Exception not defined');
    default:
      if (status >= 500) return apiFault(800003, 'Unexpected service error');
      if (status >= 400) return apiFault(800002, 'Invalid request input');
      return undefined;
  }
}
