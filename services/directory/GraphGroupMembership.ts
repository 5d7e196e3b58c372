import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { z } from 'zod';
import { isLoopbackHost } from '../net/isLoopbackHost';
import { firstHeaderValue } from '../partnerCenter/http/firstHeaderValue';
import { parseRetryAfter } from '../partnerCenter/http/parseRetryAfter';
import { DirectoryUnavailableError, type DirectoryFailureDetails } from './DirectoryUnavailableError';

/** Where Graph is, how to authenticate, and how long answers are trusted. */
export interface GraphGroupMembershipOptions {
  /** `https://graph.microsoft.com` or a national cloud's Graph; plain http is accepted for a loopback stub only. */
  baseUrl: string;
  /** An app-only Microsoft Graph token (GroupMember.Read.All); called for every request, so it should cache. */
  getToken: () => Promise<string>;
  /** Bound on one whole lookup, every chunk and the retry included; default 10 s. */
  timeoutMs?: number;
  /** How long one person's answer is reused; 0 asks Graph every time. */
  cacheSeconds: number;
  /** Clock for cache expiry, in milliseconds. */
  now?: () => number;
  http?: AxiosInstance;
  /** Told each failed lookup's reason (one line, never the token), so an outage or a missing permission is visible. */
  log?: (line: string) => void;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** checkMemberGroups evaluates at most 20 group ids per request. */
const MAX_GROUPS_PER_REQUEST = 20;
/** A person is waiting in chat: a longer Retry-After fails now rather than holding the turn. */
const MAX_RETRY_AFTER_MS = 5000;
const DEFAULT_THROTTLE_WAIT_MS = 1000;
const DEFAULT_SERVER_ERROR_WAIT_MS = 500;
const DEFAULT_TIMEOUT_MS = 10_000;
/** Keeps a long-running bot's memory flat however many people write to it. */
const MAX_CACHE_ENTRIES = 5000;
const MAX_RESPONSE_BYTES = 1024 * 1024;
const SAFE_TOKEN = /^[A-Za-z0-9_.:-]{1,100}$/;

const checkMemberGroupsBody = z.object({ value: z.array(z.string()) });
const graphErrorBody = z.object({
  error: z.object({
    code: z.string().optional(),
    innerError: z.object({ 'request-id': z.string().optional() }).optional(),
  }),
});

type ChunkAnswer = ReadonlySet<string> | 'unknown-user';

interface Lookup {
  signal: AbortSignal;
  deadline: number;
}

/**
 * Reads a person's transitive (nested) membership of given Entra groups from Microsoft Graph `checkMemberGroups`:
 * at most 20 group ids per request, one retry on 5xx or 429 within a short Retry-After, one time limit over the whole
 * lookup, answers cached per person, and concurrent lookups of one person sharing one request. An unknown person or
 * an object id that is not a GUID has no groups; any other failure is a {@link DirectoryUnavailableError}.
 */
export class GraphGroupMembership {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly http: AxiosInstance;
  private readonly cache = new Map<string, { members: ReadonlySet<string>; expiresAt: number }>();
  private readonly inFlight = new Map<string, Promise<ReadonlySet<string>>>();

  constructor(private readonly options: GraphGroupMembershipOptions) {
    this.baseUrl = trustedBaseUrl(options.baseUrl);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
    this.http = options.http ?? axios.create();
  }

  /** The ids (lower case) among `groupIds` that the person with this Entra object id belongs to, directly or not. */
  async memberOf(objectId: string, groupIds: readonly string[]): Promise<ReadonlySet<string>> {
    const id = objectId.trim().toLowerCase();
    // A non-GUID could reshape the URL path; nobody real has one, so nobody with one has groups.
    if (!GUID.test(id)) return new Set();
    const groups = [...new Set(groupIds.map((g) => g.trim().toLowerCase()))].filter((g) => GUID.test(g)).sort();
    if (groups.length === 0) return new Set();

    const key = `${id}|${groups.join(',')}`;
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > this.now()) return new Set(cached.members);
    if (cached) this.cache.delete(key);

    let shared = this.inFlight.get(key);
    if (!shared) {
      shared = this.lookUp(id, groups)
        .then((members) => {
          this.remember(key, members);
          return members;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, shared);
    }
    return new Set(await shared);
  }

  private remember(key: string, members: ReadonlySet<string>): void {
    if (this.options.cacheSeconds <= 0) return;
    const now = this.now();
    if (this.cache.size >= MAX_CACHE_ENTRIES) {
      for (const [k, entry] of this.cache) if (entry.expiresAt <= now) this.cache.delete(k);
    }
    while (this.cache.size >= MAX_CACHE_ENTRIES) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    this.cache.set(key, { members, expiresAt: now + this.options.cacheSeconds * 1000 });
  }

  private async lookUp(id: string, groups: readonly string[]): Promise<ReadonlySet<string>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    const lookup: Lookup = { signal: controller.signal, deadline: performance.now() + this.timeoutMs };
    try {
      const members = new Set<string>();
      // One chunk at a time: usually there is only one, and a throttled app should not add parallel load.
      for (let start = 0; start < groups.length; start += MAX_GROUPS_PER_REQUEST) {
        const answer = await this.checkChunk(id, groups.slice(start, start + MAX_GROUPS_PER_REQUEST), lookup);
        if (answer === 'unknown-user') return new Set();
        for (const group of answer) members.add(group);
      }
      return members;
    } catch (error) {
      if (error instanceof DirectoryUnavailableError)
        this.options.log?.(`group membership lookup failed: ${error.message}`);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async checkChunk(id: string, chunk: readonly string[], lookup: Lookup): Promise<ChunkAnswer> {
    const url = `${this.baseUrl}/v1.0/users/${encodeURIComponent(id)}/checkMemberGroups`;
    for (let attempt = 1; ; attempt += 1) {
      const token = await this.token(lookup);
      const response = await this.post(url, chunk, token, lookup);
      const { status } = response;
      if (status === 200) return this.membersIn(response, chunk, token);
      if (status === 404) return 'unknown-user';
      if (attempt === 1 && (status === 429 || status >= 500)) {
        const waitMs = retryWaitMs(response, this.now());
        if (waitMs !== undefined && waitMs < lookup.deadline - performance.now()) {
          try {
            await sleep(waitMs, undefined, { signal: lookup.signal });
          } catch {
            throw this.timedOut();
          }
          continue;
        }
      }
      throw refusal(response, token);
    }
  }

  private async token(lookup: Lookup): Promise<string> {
    try {
      return await untilAborted(this.options.getToken(), lookup.signal, () => this.timedOut());
    } catch (error) {
      if (error instanceof DirectoryUnavailableError) throw error;
      const reason = error instanceof Error ? error.message.split('\n')[0].slice(0, 200) : 'the token source failed';
      throw new DirectoryUnavailableError(`Could not get a Microsoft Graph token to check group membership: ${reason}`);
    }
  }

  private async post(
    url: string,
    chunk: readonly string[],
    token: string,
    lookup: Lookup,
  ): Promise<AxiosResponse<unknown>> {
    try {
      return await this.http.request<unknown>({
        url,
        method: 'POST',
        data: { groupIds: chunk },
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
          // Graph echoes it, so one lookup can be traced in Microsoft's logs.
          'client-request-id': randomUUID(),
        },
        responseType: 'json',
        validateStatus: () => true,
        // A redirect could carry the bearer token to another host; Graph does not redirect this call.
        maxRedirects: 0,
        proxy: false,
        maxContentLength: MAX_RESPONSE_BYTES,
        signal: lookup.signal,
      });
    } catch (error) {
      if (lookup.signal.aborted) throw this.timedOut();
      const code = axios.isAxiosError(error) && error.code && SAFE_TOKEN.test(error.code) ? error.code : undefined;
      throw new DirectoryUnavailableError(
        `Could not reach Microsoft Graph to check group membership${code ? ` (${code})` : ''}.`,
      );
    }
  }

  private membersIn(response: AxiosResponse<unknown>, chunk: readonly string[], token: string): ReadonlySet<string> {
    const parsed = checkMemberGroupsBody.safeParse(response.data);
    if (!parsed.success) {
      throw unavailable(
        'Microsoft Graph answered the group membership check with a body that is not { value: [group ids] }.',
        { httpStatus: response.status, requestId: requestIdOf(response) },
        token,
      );
    }
    const asked = new Set(chunk);
    // Only ids that were asked about can count, whatever else the answer lists.
    return new Set(parsed.data.value.map((g) => g.toLowerCase()).filter((g) => asked.has(g)));
  }

  private timedOut(): DirectoryUnavailableError {
    return new DirectoryUnavailableError(
      `Microsoft Graph did not finish the group membership check within ${this.timeoutMs} ms.`,
    );
  }
}

/** Settles as `work` does, or rejects with `onAbort()` as soon as the signal aborts: a hung token source is bounded too. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** Refuses to send a bearer token in clear text anywhere but this machine. */
function trustedBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new Error(`Refusing to send Microsoft Graph tokens to ${url.protocol}//${url.host}: use https.`);
  }
  return url.toString().replace(/\/+$/, '');
}

/** How long to wait before the one retry, or undefined when Graph asks for longer than a chat turn can wait. */
function retryWaitMs(response: AxiosResponse<unknown>, nowMs: number): number | undefined {
  const retryAfter = parseRetryAfter(firstHeaderValue(response.headers['retry-after']), nowMs);
  const waitMs =
    retryAfter !== undefined
      ? retryAfter * 1000
      : response.status === 429
        ? DEFAULT_THROTTLE_WAIT_MS
        : DEFAULT_SERVER_ERROR_WAIT_MS;
  return waitMs <= MAX_RETRY_AFTER_MS ? waitMs : undefined;
}

function requestIdOf(response: AxiosResponse<unknown>): string | undefined {
  const fromHeader = firstHeaderValue(response.headers['request-id']);
  const body = graphErrorBody.safeParse(response.data);
  const candidate = fromHeader ?? (body.success ? body.data.error.innerError?.['request-id'] : undefined);
  return candidate && SAFE_TOKEN.test(candidate) ? candidate : undefined;
}

/** The error for a non-2xx answer: status, Graph's error code and request id, and what an admin can do. */
function refusal(response: AxiosResponse<unknown>, token: string): DirectoryUnavailableError {
  const { status } = response;
  const body = graphErrorBody.safeParse(response.data);
  const rawCode = body.success ? body.data.error.code : undefined;
  const graphCode = rawCode && SAFE_TOKEN.test(rawCode) ? rawCode : undefined;
  const requestId = requestIdOf(response);
  const what =
    status === 429
      ? 'Microsoft Graph is throttling the group membership check'
      : status >= 500
        ? 'Microsoft Graph failed the group membership check'
        : 'Microsoft Graph refused the group membership check';
  const hint =
    status === 401 || status === 403
      ? "; the bot's app registration needs the Microsoft Graph application permission GroupMember.Read.All, admin-consented"
      : '';
  const message = `${what}: HTTP ${status}${graphCode ? ` ${graphCode}` : ''}${hint}${requestId ? ` (request-id ${requestId})` : ''}.`;
  return unavailable(message, { httpStatus: status, graphCode, requestId }, token);
}

/** Builds the error, blanking the token should any part of the message ever contain it. */
function unavailable(message: string, details: DirectoryFailureDetails, token: string): DirectoryUnavailableError {
  const safe = token.length > 0 ? message.split(token).join('[redacted]') : message;
  return new DirectoryUnavailableError(safe, details);
}
