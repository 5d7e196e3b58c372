import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallerAccess } from './control/callerAccess';
import type { FaultStore, FaultSpec } from './control/faultStore';
import type { JournalEntry, RequestJournal } from './control/requestJournal';
import { ApiError, apiFault, invalidInput } from './http/apiError';
import type { ApiRequest, ApiResponse, CallerIdentity } from './http/apiTypes';
import type { RequestBody } from './http/bodyReader';
import { callerFromAuthorization } from './http/callerIdentity';
import { defaultErrorBody, throttledBody } from './http/defaultErrorBodies';
import { lowerCaseKeys } from './http/lowerCaseKeys';
import { QueryParams } from './http/queryParams';
import { standardHeaders, writeResponse } from './http/responseWriter';
import type { Router } from './http/router';
import type { IdempotencyStore } from './state/idempotencyStore';
import type { SimClock } from './state/simClock';
import type { SimulatorState } from './state/simulatorState';
import type { SlidingWindowThrottle } from './state/slidingWindowThrottle';

/** The collaborators of the API pipeline; `state()` is read per request because a reset replaces it. */
export interface ApiPipelineParts {
  router: Router;
  clock: SimClock;
  state: () => SimulatorState;
  faults: FaultStore;
  journal: RequestJournal;
  idempotency: IdempotencyStore;
  throttle: SlidingWindowThrottle;
  /** Whose sign-ins lack MFA and who may not see prices (control API). */
  access: CallerAccess;
  log?: (line: string) => void;
}

const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Runs one Partner Center API request through the pipeline: journal, injected faults, lifecycle settling, auth,
 * routing, App+User checks, throttling, idempotent replay, the handler, and the common response headers.
 */
export class ApiRequestHandler {
  constructor(private readonly parts: ApiPipelineParts) {}

  /** Handles the request and writes (or deliberately drops) the response. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, body: RequestBody): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const requestId = firstHeader(req, 'ms-requestid') ?? randomUUID();
    const correlationId = firstHeader(req, 'ms-correlationid') ?? randomUUID();
    const locale = firstHeader(req, 'x-locale') ?? 'en-US';
    const caller = callerFromAuthorization(firstHeader(req, 'authorization'));
    const entry = this.parts.journal.record({
      method,
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      status: null,
      requestId,
      correlationId,
      locale: firstHeader(req, 'x-locale') ?? null,
      application: firstHeader(req, 'ms-partnercenter-application') ?? null,
      contentType: firstHeader(req, 'content-type') ?? null,
      tokenKind: caller.kind,
      ...(caller.user ? { user: caller.user } : {}),
      at: new Date(this.parts.clock.now()).toISOString(),
    });
    const headers = standardHeaders(requestId, correlationId, locale);

    const fault = this.parts.faults.take(method, url.pathname);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.drop === 'before') return this.drop(req, entry, started);
    let response: ApiResponse;
    if (fault?.status !== undefined) {
      response = faultResponse(fault);
    } else {
      response = await this.execute({ req, url, method, body, caller, requestId, correlationId, locale });
    }
    if (fault?.drop === 'after') return this.drop(req, entry, started);
    entry.status = response.status;
    writeResponse(res, response, headers);
    this.parts.log?.(`${method} ${url.pathname}${url.search} -> ${response.status} (${Date.now() - started} ms)`);
  }

  private async execute(call: {
    req: IncomingMessage;
    url: URL;
    method: string;
    body: RequestBody;
    caller: CallerIdentity;
    requestId: string;
    correlationId: string;
    locale: string;
  }): Promise<ApiResponse> {
    const { req, url, method, caller } = call;
    try {
      const now = this.parts.clock.now();
      const state = this.parts.state();
      state.settle(now);
      if (caller.kind === 'none') {
        throw new ApiError(401, 800001, 'Partner Token missing in request context', {
          'WWW-Authenticate': 'OAuth realm=urn:cpsvc:cpid:simulator',
        });
      }
      // Authentication comes before routing: an App+User token without the MFA claim is refused on every path.
      if (this.parts.access.lacksMfa(caller)) return mfaRefusal(this.parts.access.mfaRefusalBody);
      const { route, pathKnown } = this.parts.router.match(method, url.pathname);
      if (!route) {
        if (pathKnown) throw new ApiError(405, 800002, `Invalid request input: ${method} isn't supported on this path`);
        throw new ApiError(404, 1000, 'Not found');
      }
      if (route.options.appUserOnly && caller.kind !== 'user') {
        throw new ApiError(403, 900329, 'This resource does not support application-only authentication.');
      }
      if (asksForPrices(url) && this.parts.access.lacksPricingAccess(caller)) {
        throw new ApiError(403, 800043, "Access to pricing information isn't granted");
      }
      if (route.options.throttled) {
        const decision = this.parts.throttle.admit(now);
        if (!decision.allowed) {
          return {
            status: 429,
            body: throttledBody(decision.retryAfterSeconds),
            headers: { 'Retry-After': String(decision.retryAfterSeconds) },
          };
        }
      }
      const replayable = MUTATING_METHODS.has(method) && firstHeader(req, 'ms-requestid') !== undefined;
      if (replayable) {
        const stored = this.parts.idempotency.find(call.requestId, method, url.pathname);
        if (stored) return stored;
      }
      const request: ApiRequest = {
        method,
        path: url.pathname,
        params: route.params,
        query: new QueryParams(url.search),
        headers: req.headers,
        jsonBody: () => parseBody(call.body),
        caller,
        requestId: call.requestId,
        correlationId: call.correlationId,
        locale: call.locale,
        now,
      };
      const response = await route.handler(request);
      if (replayable) this.parts.idempotency.remember(call.requestId, method, url.pathname, response);
      return response;
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: error.toBody(), headers: error.headers };
      this.parts.log?.(`internal error on ${method} ${url.pathname}: ${String(error)}`);
      return { status: 500, body: apiFault(800003, 'Unexpected service error') };
    }
  }

  private drop(req: IncomingMessage, entry: JournalEntry, started: number): void {
    entry.status = 'dropped';
    req.socket.destroy();
    this.parts.log?.(`${entry.method} ${entry.path} -> dropped (${Date.now() - started} ms)`);
  }
}

/**
 * Partner Center's refusal of an App+User call whose sign-in had no MFA: 401 with code 900421, or — as field reports
 * show — the same status with a bare text body and no ApiFault.
 */
function mfaRefusal(body: 'api-fault' | 'text'): ApiResponse {
  const headers = { 'WWW-Authenticate': 'OAuth realm=urn:cpsvc:cpid:simulator' };
  if (body === 'text') {
    const data = Buffer.from('Authentication failed. MFA required.', 'utf8');
    return { status: 401, binary: { contentType: 'text/plain; charset=utf-8', data }, headers };
  }
  return { status: 401, body: apiFault(900421, 'Authentication failed. MFA required.'), headers };
}

/** Whether an order read asks for prices (`include_price=true`, any case), the only place the query exists. */
function asksForPrices(url: URL): boolean {
  if (!/\/orders(\/|$)/i.test(url.pathname)) return false;
  for (const [name, value] of url.searchParams) {
    if (name.toLowerCase() === 'include_price' && value.trim().toLowerCase() === 'true') return true;
  }
  return false;
}

function faultResponse(fault: FaultSpec): ApiResponse {
  const status = fault.status ?? 500;
  const retryAfter = fault.retryAfterSeconds ?? 30;
  const headers: Record<string, string> = {};
  if (status === 429 || fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfter);
  return { status, body: fault.body !== undefined ? fault.body : defaultErrorBody(status, retryAfter), headers };
}

function parseBody(body: RequestBody): unknown {
  if (body.tooLarge) throw invalidInput('the request body is larger than 1 MiB');
  if (body.text.trim() === '') return undefined;
  try {
    return lowerCaseKeys(JSON.parse(body.text));
  } catch {
    throw invalidInput("the request body isn't valid JSON");
  }
}

function firstHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
