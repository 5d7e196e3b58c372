import type { ApiRequest } from './apiTypes';

/** The first value of a request header (names are lower-case in Node). */
export function headerValue(request: ApiRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
