import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the scripted server does with one request. */
export type Reply =
  | { status: number; headers?: Record<string, string>; json?: unknown; raw?: string | Buffer }
  | { reset: true }
  | { hangMs: number };

/** A request as the server saw it. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback HTTP server that answers from a script and records every request, for transport tests. */
export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  reply(handler: (request: RecordedRequest, index: number) => Reply): void;
  close(): Promise<void>;
}

/** Starts a {@link ScriptedServer} on 127.0.0.1 with an ephemeral port. */
export async function startScriptedServer(): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  let handler: (request: RecordedRequest, index: number) => Reply = () => ({ status: 200, json: {} });
  const timers = new Set<NodeJS.Timeout>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const reply = handler(recorded, requests.length - 1);
      if ('reset' in reply) {
        req.socket.destroy();
        return;
      }
      if ('hangMs' in reply) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) res.end();
        }, reply.hangMs);
        timer.unref();
        timers.add(timer);
        return;
      }
      const body =
        reply.raw !== undefined ? reply.raw : reply.json !== undefined ? JSON.stringify(reply.json) : undefined;
      const headers: Record<string, string> = { ...(reply.headers ?? {}) };
      if (reply.json !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['Content-Type'] = 'application/json; charset=utf-8';
      }
      res.writeHead(reply.status, headers);
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply(next) {
      handler = next;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
