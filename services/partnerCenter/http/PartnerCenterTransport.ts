import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import axios, { type AxiosResponse } from 'axios';
import type { z } from 'zod';
import { isLoopbackHost } from '../../net/isLoopbackHost';
import type { PartnerCenterTokenProvider } from '../auth/PartnerCenterTokenProvider';
import { SignInRequiredError } from '../auth/SignInRequiredError';
import type { PartnerCenterCallContext } from '../PartnerCenterCallContext';
import { isMfaRefusal } from '../isMfaRefusal';
import { PartnerCenterError, type PartnerCenterErrorInit } from '../PartnerCenterError';
import { firstHeaderValue } from './firstHeaderValue';
import { parseErrorBody } from './parseErrorBody';
import { parseRetryAfter } from './parseRetryAfter';
import { resolvePartnerCenterUrl } from './resolvePartnerCenterUrl';
import { backoffDelayMs, isRetryableNetworkCode, isRetryableStatus } from './retryPolicy';

/** Connection, retry and clock settings of {@link PartnerCenterTransport}. */
export interface PartnerCenterTransportOptions {
  baseUrl: string;
  /**
   * The version segment relative paths and links live under: `/v1` (default) on the Partner Center REST API, `/v1.0`
   * on the partner API host that serves the price sheet.
   */
  apiPathPrefix?: string;
  tokenProvider: PartnerCenterTokenProvider;
  /** Sent as `MS-PartnerCenter-Application`. */
  applicationName: string;
  /** Per-attempt limit for the whole exchange, body included. */
  timeoutMs: number;
  /** Retries after a 5xx, a broken connection or a timeout. */
  maxRetries: number;
  /** No retry wait may end later than this long after the operation started. */
  retryDeadlineMs: number;
  /**
   * For a call someone is waiting for in chat (`ctx.waitingSince` set): no retry wait may end later than this long
   * after they started waiting. Seconds, where background work may spend minutes: a chat turn that waits out a
   * throttled Partner Center holds the conversation, then usually fails anyway. Unset: only `retryDeadlineMs` applies.
   */
  chatRetryDeadlineMs?: number;
  /** Cap on a 429's Retry-After. */
  maxRetryAfterSeconds: number;
  /** Retries after a 429 (each also bounded by the deadline); default 5. */
  maxThrottleRetries?: number;
  /** First backoff ceiling; default 500 ms, doubling per retry. */
  backoffBaseMs?: number;
  /** Largest backoff ceiling; default 8 s. */
  backoffMaxMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  newRequestId?: () => string;
  /** One line per HTTP attempt: method, path, status, duration, request id; never headers or bodies. */
  log?: (line: string) => void;
  /**
   * Told, before the error is thrown, of every operation Partner Center refused because the person's sign-in had no
   * multi-factor authentication (the composition root audits it). A failure here is swallowed: the refusal still
   * reaches the caller.
   */
  onMfaRefusal?: (ctx: PartnerCenterCallContext, refusal: MfaRefusal) => Promise<void>;
}

/** What was refused for lack of MFA: the operation, its method and path (no query), and the error to be thrown. */
export interface MfaRefusal {
  method: PartnerCenterRequest['method'];
  path: string;
  error: PartnerCenterError;
}

/** One logical Partner Center operation as the client describes it. */
export interface PartnerCenterRequest {
  /** Client method name, for errors and logs. */
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** `/v1/...` path with query, or a `links.*.uri` from an earlier response. */
  target: string;
  body?: unknown;
  /** Headers a link asks for (`MS-ContinuationToken`); they cannot replace the headers this transport manages. */
  linkHeaders?: readonly { key: string; value: string }[];
  accept?: 'application/json' | 'application/pdf' | '*/*';
  /**
   * Sent as `Accept-Encoding` when set: the price sheet is compressed only when asked with `deflate` ("Get a price
   * sheet", request headers). Unset, the HTTP library's default is sent.
   */
  acceptEncoding?: string;
  /**
   * The MS-RequestId to use instead of a new one: a caller that must be able to repeat an operation later — even from
   * another process, such as a checkout resumed after a restart — keeps the id and sends it again.
   */
  requestId?: string;
}

/** What a streaming consumer learns of the 2xx response before reading its body. */
export interface PartnerCenterStreamMeta {
  status: number;
  headers: Record<string, unknown>;
  requestId: string;
  attempts: number;
}

/**
 * Reads a 2xx body as it arrives. Called once per attempt with a fresh stream: an attempt whose connection breaks or
 * times out mid-body is retried like any other, so a consumer must start from nothing on every call. A consumer that
 * finds the body is not what was expected rejects with an {@link UnreadableBodyError}: that ends the operation as an
 * `invalid-response`, without retrying (the same request would bring the same body).
 */
export type PartnerCenterStreamConsumer<T> = (body: Readable, meta: PartnerCenterStreamMeta) => Promise<T>;

/** Thrown by a {@link PartnerCenterStreamConsumer} whose 2xx body is not in the expected form. */
export class UnreadableBodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableBodyError';
  }
}

/** A successful (2xx) exchange. */
export interface PartnerCenterResponse {
  status: number;
  headers: Record<string, unknown>;
  body: Buffer;
  requestId: string;
  attempts: number;
}

const MANAGED_HEADERS = new Set([
  'authorization',
  'accept',
  'content-type',
  'content-length',
  'host',
  'ms-requestid',
  'ms-correlationid',
  'x-locale',
  'ms-partnercenter-application',
  'accept-encoding',
]);

const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** An error answer is a few hundred bytes; more than this from a failing streamed call is not worth reading. */
const MAX_STREAMED_ERROR_BYTES = 1024 * 1024;

type AttemptOutcome<T> =
  | { type: 'response'; response: AxiosResponse<Buffer> }
  | { type: 'done'; value: T }
  | { type: 'unreadable'; status: number; reason: string }
  | { type: 'failure'; kind: 'timeout' | 'network'; networkCode?: string; retryable: boolean };

/** One attempt of an operation: sends it with this token and request id and says how it went. */
type Attempt<T> = (url: string, token: string, requestId: string, attempt: number) => Promise<AttemptOutcome<T>>;

/**
 * Sends Partner Center requests: sets the documented headers, keeps one MS-RequestId across every retry of an
 * operation (it is Partner Center's idempotency key), retries broken connections, timeouts and 5xx with jittered
 * backoff, honours 429 Retry-After within a deadline, and turns every failure into a {@link PartnerCenterError} —
 * except a {@link SignInRequiredError} from the token provider, which reaches the caller as it is so the chat can ask
 * the person to sign in.
 */
export class PartnerCenterTransport {
  private readonly options: PartnerCenterTransportOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly newRequestId: () => string;

  constructor(options: PartnerCenterTransportOptions) {
    this.options = options;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.newRequestId = options.newRequestId ?? randomUUID;
    assertTokenMayTravel(options.baseUrl, options.tokenProvider);
  }

  /** Sends one operation (with retries) and returns its 2xx response. */
  async send(ctx: PartnerCenterCallContext, request: PartnerCenterRequest): Promise<PartnerCenterResponse> {
    return this.run<PartnerCenterResponse>(
      ctx,
      request,
      (url, token, requestId, attempt) => this.attempt(ctx, request, url, token, requestId, attempt),
      (response) => response,
    );
  }

  /**
   * Sends one operation under the same rules as {@link send} — headers, MS-RequestId kept across retries, timeouts,
   * 5xx and 429 handling, errors — but hands a 2xx body to `consume` as a stream instead of holding it in memory (the
   * price sheet runs to tens of megabytes). The per-attempt timeout covers reading the body too.
   */
  async sendStreaming<T>(
    ctx: PartnerCenterCallContext,
    request: PartnerCenterRequest,
    consume: PartnerCenterStreamConsumer<T>,
  ): Promise<T> {
    return this.run<T>(
      ctx,
      request,
      (url, token, requestId, attempt) => this.streamingAttempt(ctx, request, url, token, requestId, attempt, consume),
      // A streaming attempt hands every 2xx body to the consumer and answers `done`; it never buffers one.
      () => {
        throw new Error('a streamed operation produced a buffered answer');
      },
    );
  }

  private async run<T>(
    ctx: PartnerCenterCallContext,
    request: PartnerCenterRequest,
    attemptWith: Attempt<T>,
    buffered: (response: PartnerCenterResponse) => T,
  ): Promise<T> {
    if (!ctx.correlationId) throw new TypeError('PartnerCenterCallContext.correlationId is required');
    const requestId = request.requestId ?? this.newRequestId();
    const fail = (init: Omit<PartnerCenterErrorInit, 'operation' | 'requestId' | 'correlationId'>) =>
      new PartnerCenterError({
        ...init,
        operation: request.operation,
        requestId,
        correlationId: ctx.correlationId,
      });

    let url: string;
    try {
      url = resolvePartnerCenterUrl(this.options.baseUrl, request.target, this.options.apiPathPrefix);
    } catch (error) {
      throw fail({ kind: 'invalid-response', attempts: 0, reason: (error as Error).message });
    }
    assertTokenMayTravel(url, this.options.tokenProvider);

    const started = this.now();
    // Whichever ends first: this operation's own deadline, or the budget of the person waiting in chat for it.
    const chatDeadline =
      ctx.waitingSince !== undefined && this.options.chatRetryDeadlineMs !== undefined
        ? ctx.waitingSince + this.options.chatRetryDeadlineMs
        : Number.POSITIVE_INFINITY;
    const deadline = Math.min(started + this.options.retryDeadlineMs, chatDeadline);
    const fitsBeforeDeadline = (waitMs: number) => this.now() + waitMs <= deadline;
    const maxThrottleRetries = this.options.maxThrottleRetries ?? 5;
    let transientRetries = 0;
    let throttleRetries = 0;
    let attempts = 0;

    for (;;) {
      attempts += 1;
      let token: string;
      try {
        token = await this.options.tokenProvider.getToken(ctx);
      } catch (error) {
        // The chat must ask the person to sign in, and a retry could not help: nothing was sent for this attempt.
        if (error instanceof SignInRequiredError) throw error;
        throw fail({
          kind: 'http',
          attempts,
          code: 'TokenAcquisitionFailed',
          reason: error instanceof Error ? error.message : 'the token provider failed',
        });
      }

      const outcome = await attemptWith(url, token, requestId, attempts);

      // A streamed body was read to the end: the consumer's result is the operation's.
      if (outcome.type === 'done') return outcome.value;
      if (outcome.type === 'unreadable') {
        throw fail({ kind: 'invalid-response', httpStatus: outcome.status, attempts, reason: outcome.reason });
      }
      if (outcome.type === 'response') {
        const { status, headers } = outcome.response;
        if (status >= 200 && status < 300) {
          return buffered({ status, headers, body: outcome.response.data, requestId, attempts });
        }
        const { code, description } = parseErrorBody(
          decodeJson(outcome.response.data),
          outcome.response.data.toString('utf8'),
        );
        if (status === 429) {
          const retryAfterSeconds = parseRetryAfter(firstHeaderValue(headers['retry-after']), this.now());
          const waitMs =
            retryAfterSeconds !== undefined
              ? retryAfterSeconds * 1000
              : Math.max(1000, this.backoff(throttleRetries + 1));
          // A wait longer than this caller may spend is not shortened (an early retry only earns another 429): the
          // error carries Retry-After, and whoever tries again later must wait at least that long.
          const tooLong = retryAfterSeconds !== undefined && retryAfterSeconds > this.options.maxRetryAfterSeconds;
          if (tooLong || throttleRetries >= maxThrottleRetries || !fitsBeforeDeadline(waitMs)) {
            throw fail({ kind: 'throttled', httpStatus: status, code, description, retryAfterSeconds, attempts });
          }
          throttleRetries += 1;
          await this.sleep(waitMs);
          continue;
        }
        if (isRetryableStatus(status) && transientRetries < this.options.maxRetries) {
          const waitMs = this.backoff(transientRetries + 1);
          if (fitsBeforeDeadline(waitMs)) {
            transientRetries += 1;
            await this.sleep(waitMs);
            continue;
          }
        }
        const refused = fail({ kind: 'http', httpStatus: status, code, description, attempts });
        // A missing MFA claim is not passing: the same token gets the same answer, so it is reported, never retried.
        if (isMfaRefusal(refused)) await this.reportMfaRefusal(ctx, request, url, refused);
        throw refused;
      }

      if (outcome.retryable && transientRetries < this.options.maxRetries) {
        const waitMs = this.backoff(transientRetries + 1);
        if (fitsBeforeDeadline(waitMs)) {
          transientRetries += 1;
          await this.sleep(waitMs);
          continue;
        }
      }
      throw fail({
        kind: outcome.kind,
        attempts,
        reason:
          outcome.kind === 'timeout'
            ? `no complete response within ${this.options.timeoutMs} ms`
            : `connection failed${outcome.networkCode ? ` (${outcome.networkCode})` : ''}`,
      });
    }
  }

  /** Sends one operation and validates its JSON body against `schema`. */
  async sendJson<S extends z.ZodType>(
    ctx: PartnerCenterCallContext,
    request: PartnerCenterRequest,
    schema: S,
  ): Promise<z.output<S>> {
    const response = await this.send(ctx, request);
    return this.parse(ctx, request, response, schema);
  }

  /** Validates an already received JSON body, failing with kind `invalid-response` and the offending paths. */
  parse<S extends z.ZodType>(
    ctx: PartnerCenterCallContext,
    request: PartnerCenterRequest,
    response: PartnerCenterResponse,
    schema: S,
  ): z.output<S> {
    const invalid = (reason: string, details?: string[]) =>
      new PartnerCenterError({
        operation: request.operation,
        kind: 'invalid-response',
        httpStatus: response.status,
        requestId: response.requestId,
        correlationId: ctx.correlationId,
        attempts: response.attempts,
        reason,
        details,
      });
    const data = decodeJson(response.body);
    if (data === undefined) throw invalid('the response body is not JSON');
    const result = schema.safeParse(data);
    if (!result.success) {
      const details = result.error.issues.map(
        (issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.code}`,
      );
      throw invalid(`the response does not match the expected shape at ${details.length} place(s)`, details);
    }
    return result.data;
  }

  private backoff(retry: number): number {
    return backoffDelayMs(retry, this.options.backoffBaseMs ?? 500, this.options.backoffMaxMs ?? 8000, this.random);
  }

  private async attempt(
    ctx: PartnerCenterCallContext,
    request: PartnerCenterRequest,
    url: string,
    token: string,
    requestId: string,
    attempt: number,
  ): Promise<AttemptOutcome<PartnerCenterResponse>> {
    const headers = this.headersFor(ctx, request, token, requestId);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    const startedAt = Date.now();
    const path = new URL(url).pathname;
    try {
      const response = await axios.request<Buffer>({
        url,
        method: request.method,
        headers,
        data: request.body === undefined ? undefined : JSON.stringify(request.body),
        responseType: 'arraybuffer',
        validateStatus: () => true,
        // A redirect could carry the bearer token to another host; Partner Center does not redirect API calls.
        maxRedirects: 0,
        proxy: false,
        signal: controller.signal,
        maxContentLength: MAX_RESPONSE_BYTES,
      });
      this.log(request.method, path, String(response.status), startedAt, requestId, attempt);
      // In Node axios hands an arraybuffer response over as a Buffer already; copying it again would double the
      // garbage of every large answer (a page of line items, a statement PDF).
      const body = Buffer.isBuffer(response.data) ? response.data : Buffer.from(response.data ?? []);
      return { type: 'response', response: { ...response, data: body } };
    } catch (error) {
      const networkCode = axios.isAxiosError(error) ? error.code : undefined;
      const isTimeout = timedOut || networkCode === 'ECONNABORTED' || networkCode === 'ETIMEDOUT';
      this.log(
        request.method,
        path,
        isTimeout ? 'timeout' : `network:${networkCode ?? 'error'}`,
        startedAt,
        requestId,
        attempt,
      );
      return isTimeout
        ? { type: 'failure', kind: 'timeout', retryable: true }
        : { type: 'failure', kind: 'network', networkCode, retryable: isRetryableNetworkCode(networkCode) };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One attempt whose 2xx body goes to `consume` as it arrives. The timeout runs until the body is read; a broken or
   * timed-out body is a failed attempt like a broken connection. Error answers are read whole (they are small).
   */
  private async streamingAttempt<T>(
    ctx: PartnerCenterCallContext,
    request: PartnerCenterRequest,
    url: string,
    token: string,
    requestId: string,
    attempt: number,
    consume: PartnerCenterStreamConsumer<T>,
  ): Promise<AttemptOutcome<T>> {
    const headers = this.headersFor(ctx, request, token, requestId);
    const controller = new AbortController();
    let timedOut = false;
    let body: Readable | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
      body?.destroy(new Error(`no complete response within ${this.options.timeoutMs} ms`));
    }, this.options.timeoutMs);
    const startedAt = Date.now();
    const path = new URL(url).pathname;
    // A body that breaks after a 2xx began is a broken connection whatever the error says: the GET may be sent again.
    const failed = (error: unknown, midBody: boolean): AttemptOutcome<T> => {
      const networkCode = axios.isAxiosError(error) ? error.code : undefined;
      const isTimeout = timedOut || networkCode === 'ECONNABORTED' || networkCode === 'ETIMEDOUT';
      const label = isTimeout ? 'timeout' : `network:${networkCode ?? 'error'}`;
      this.log(request.method, path, label, startedAt, requestId, attempt);
      return isTimeout
        ? { type: 'failure', kind: 'timeout', retryable: true }
        : { type: 'failure', kind: 'network', networkCode, retryable: midBody || isRetryableNetworkCode(networkCode) };
    };
    try {
      let response: AxiosResponse<Readable>;
      try {
        response = await axios.request<Readable>({
          url,
          method: request.method,
          headers,
          data: request.body === undefined ? undefined : JSON.stringify(request.body),
          responseType: 'stream',
          validateStatus: () => true,
          maxRedirects: 0,
          proxy: false,
          signal: controller.signal,
          // Content-Encoding (deflate, gzip) is undone on the way in; a zip archive in the body is the consumer's.
          decompress: true,
        });
      } catch (error) {
        return failed(error, false);
      }
      body = response.data;
      const { status } = response;
      if (status < 200 || status >= 300) {
        let data: Buffer;
        try {
          data = await readCapped(body, MAX_STREAMED_ERROR_BYTES);
        } catch (error) {
          return failed(error, true);
        }
        this.log(request.method, path, String(status), startedAt, requestId, attempt);
        return { type: 'response', response: { ...response, data } };
      }
      // A consumer that stopped reading leaves errors on the body unheard; they must not crash the process.
      body.on('error', () => undefined);
      try {
        const value = await consume(body, { status, headers: response.headers, requestId, attempts: attempt });
        this.log(request.method, path, String(status), startedAt, requestId, attempt);
        return { type: 'done', value };
      } catch (error) {
        if (timedOut || !(error instanceof UnreadableBodyError)) return failed(error, true);
        this.log(request.method, path, `${status} unreadable`, startedAt, requestId, attempt);
        return { type: 'unreadable', status, reason: error.message };
      }
    } finally {
      clearTimeout(timer);
      // A consumer that stopped early must not leave the socket open.
      if (body && !body.readableEnded) body.destroy();
    }
  }

  private headersFor(
    ctx: PartnerCenterCallContext,
    request: PartnerCenterRequest,
    token: string,
    requestId: string,
  ): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const { key, value } of request.linkHeaders ?? []) {
      if (!MANAGED_HEADERS.has(key.toLowerCase())) headers[key] = value;
    }
    Object.assign(headers, {
      Authorization: `Bearer ${token}`,
      Accept: request.accept ?? 'application/json',
      'MS-RequestId': requestId,
      'MS-CorrelationId': ctx.correlationId,
      'X-Locale': ctx.locale ?? 'en-US',
      'MS-PartnerCenter-Application': this.options.applicationName,
    });
    if (request.acceptEncoding !== undefined) headers['Accept-Encoding'] = request.acceptEncoding;
    // Every write says it is JSON, also an empty checkout or registration POST (as Partner Center's own SDK and
    // examples do): without it axios labels an empty POST application/x-www-form-urlencoded.
    if (request.body !== undefined || request.method !== 'GET') headers['Content-Type'] = 'application/json';
    return headers;
  }

  private async reportMfaRefusal(
    ctx: PartnerCenterCallContext,
    request: PartnerCenterRequest,
    url: string,
    error: PartnerCenterError,
  ): Promise<void> {
    try {
      await this.options.onMfaRefusal?.(ctx, { method: request.method, path: new URL(url).pathname, error });
    } catch {
      // Reporting is best effort; the caller still gets the refusal.
    }
  }

  private log(method: string, path: string, status: string, startedAt: number, requestId: string, attempt: number) {
    this.options.log?.(
      `partner-center ${method} ${path} ${status} ${Date.now() - startedAt}ms requestId=${requestId} attempt=${attempt}`,
    );
  }
}

/** Refuses to let a simulator-only token provider talk to anything but a loopback host. */
function assertTokenMayTravel(url: string, tokenProvider: PartnerCenterTokenProvider): void {
  const host = new URL(url).hostname;
  if (tokenProvider.isLocal && !isLoopbackHost(host)) {
    throw new Error(`Refusing to call ${host} with a local (simulator) token provider`);
  }
}

/** Reads a (small) stream whole, giving up past `limit` bytes. */
async function readCapped(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) {
      stream.destroy();
      break;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function decodeJson(body: Buffer): unknown {
  const text = body
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
