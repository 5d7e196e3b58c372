import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the token service. */
export interface TokenServiceCall {
  method: string;
  path: string;
  query: Record<string, string>;
}

/**
 * A stand-in for the Bot Framework token service on loopback, holding sign-ins per channel, channel user and OAuth
 * connection as the real one does: `GetToken` (with or without a magic code), `GetSignInResource`, the Teams single
 * sign-on `exchange`, and `SignOut`. A test plays the person finishing the sign-in page with `completeSignIn`, and
 * Teams' single sign-on with `acceptSso`.
 */
export class TokenServiceStub {
  readonly calls: TokenServiceCall[] = [];
  url = '';
  private server?: http.Server;
  private readonly tokens = new Map<string, string>();
  private readonly codes = new Map<string, { key: string; token: string }>();
  private readonly ssoTokens = new Map<string, string>();

  constructor(private readonly connectionName: string) {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.answer(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The person finished the sign-in page: Teams will hand the bot `code`, which redeems `token` for them. */
  completeSignIn(channelUserId: string, token: string, code: string, channelId = 'msteams'): void {
    this.codes.set(code, { key: this.key(channelId, channelUserId), token });
  }

  /** Teams' single sign-on token `ssoToken` exchanges for `token`. */
  acceptSso(ssoToken: string, token: string): void {
    this.ssoTokens.set(ssoToken, token);
  }

  /** Whether the service holds a sign-in for this person. */
  isSignedIn(channelUserId: string, channelId = 'msteams'): boolean {
    return this.tokens.has(this.key(channelId, channelUserId));
  }

  private key(channelId: string, channelUserId: string): string {
    return `${channelId}|${channelUserId}|${this.connectionName}`;
  }

  private answer(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const query = Object.fromEntries(url.searchParams.entries());
    const path = url.pathname.toLowerCase();
    this.calls.push({ method: req.method ?? '', path: url.pathname, query });
    const send = (status: number, payload?: unknown): void => {
      res.statusCode = status;
      if (payload === undefined) {
        res.end();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(payload));
    };
    const tokenResponse = (token: string) => ({
      channelId: query.channelId,
      connectionName: this.connectionName,
      token,
      expiration: new Date(Date.now() + 3_600_000).toISOString(),
    });
    if (query.connectionName !== undefined && query.connectionName !== this.connectionName) {
      send(400, { error: { code: 'UnknownConnection' } });
      return;
    }
    const key = this.key(query.channelId ?? '', query.userId ?? '');
    if (req.method === 'GET' && path === '/api/usertoken/gettoken') {
      const redeemed = query.code ? this.codes.get(query.code) : undefined;
      if (redeemed && redeemed.key === key) {
        this.codes.delete(query.code);
        this.tokens.set(key, redeemed.token);
      }
      const token = this.tokens.get(key);
      send(token ? 200 : 404, token ? tokenResponse(token) : undefined);
      return;
    }
    if (req.method === 'GET' && path === '/api/botsignin/getsigninresource') {
      send(200, {
        signInLink: `${this.url}/signin?state=${encodeURIComponent(query.state ?? '')}`,
        tokenExchangeResource: { id: 'exchange-resource', uri: 'api://botid-bot', providerId: 'aad' },
      });
      return;
    }
    if (req.method === 'POST' && path === '/api/usertoken/exchange') {
      const sso = (JSON.parse(body || '{}') as { token?: string }).token ?? '';
      const token = this.ssoTokens.get(sso);
      if (!token) {
        send(400, { error: { code: 'ExchangeFailed', message: 'The token could not be exchanged.' } });
        return;
      }
      this.tokens.set(key, token);
      send(200, tokenResponse(token));
      return;
    }
    if (req.method === 'DELETE' && path === '/api/usertoken/signout') {
      this.tokens.delete(key);
      send(200, {});
      return;
    }
    send(404);
  }
}
