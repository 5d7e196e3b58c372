import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Readable, pipeline } from 'node:stream';
import type { ApiResponse } from './apiTypes';

/** The headers every Partner Center response carries: echoed ids, a correlation vector, server id and locale. */
export function standardHeaders(requestId: string, correlationId: string, locale: string): Record<string, string> {
  const cv = createHash('sha256').update(requestId).digest('base64').slice(0, 16);
  return {
    'MS-RequestId': requestId,
    'MS-CorrelationId': correlationId,
    'MS-CV': `${cv}.0`,
    'MS-ServerId': '030020525',
    'X-Locale': locale,
  };
}

/**
 * Writes an ApiResponse: JSON as `application/json; charset=utf-8`, binary as given, a stream chunked as it is
 * produced (a client that goes away ends it), or an empty body.
 */
export function writeResponse(res: ServerResponse, response: ApiResponse, baseHeaders: Record<string, string>): void {
  const headers: Record<string, string | number> = { ...baseHeaders, ...(response.headers ?? {}) };
  if (response.stream) {
    headers['Content-Type'] = response.stream.contentType;
    res.writeHead(response.status, headers);
    pipeline(Readable.from(response.stream.data()), res, () => undefined);
    return;
  }
  let data: Buffer;
  if (response.binary) {
    data = response.binary.data;
    headers['Content-Type'] = response.binary.contentType;
  } else if (response.body !== undefined) {
    data = Buffer.from(JSON.stringify(response.body), 'utf8');
    headers['Content-Type'] = 'application/json; charset=utf-8';
  } else {
    data = Buffer.alloc(0);
  }
  headers['Content-Length'] = data.length;
  res.writeHead(response.status, headers);
  res.end(data);
}
