import type { IncomingHttpHeaders } from 'node:http';
import type { QueryParams } from './queryParams';

/** How the caller authenticated: `user` is App+User (token `user:<name>`), `app` is app-only, `none` had no token. */
export type TokenKind = 'app' | 'user' | 'none';

/** Who is calling, derived from the bearer token. */
export interface CallerIdentity {
  kind: TokenKind;
  user?: string;
  /** False for an App+User token whose sign-in had no multi-factor authentication (`user-without-mfa:<name>`). */
  mfa?: boolean;
}

/** One API request as the route handlers see it: parsed, with route parameters and the simulated time. */
export interface ApiRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: QueryParams;
  headers: IncomingHttpHeaders;
  /** The JSON body with lower-cased property names; throws 400 / 800002 when it isn't valid JSON. */
  jsonBody: () => unknown;
  caller: CallerIdentity;
  requestId: string;
  correlationId: string;
  locale: string;
  now: number;
}

/**
 * What a handler answers: a JSON body, a binary body, a body streamed as it is produced (a price sheet of a million
 * rows), or nothing (e.g. 202 with only a Location header).
 */
export interface ApiResponse {
  status: number;
  body?: unknown;
  binary?: { contentType: string; data: Buffer };
  stream?: { contentType: string; data: () => AsyncIterable<Buffer> };
  headers?: Record<string, string>;
}

/** A route handler; may be async (checkout waits while it "processes"). */
export type RouteHandler = (request: ApiRequest) => ApiResponse | Promise<ApiResponse>;
