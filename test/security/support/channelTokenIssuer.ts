import { createHmac, createSign, generateKeyPairSync, KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The claims and header fields a test token is made from; anything left out is absent from the token. */
export interface TokenParts {
  header?: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** Which key signs: the published one, or another key of the same shape the stub never published. */
  signWith?: 'published' | 'unpublished';
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/**
 * A stand-in for the Bot Framework's OpenID endpoint on 127.0.0.1: serves the metadata document and a JWKS holding
 * one RSA key endorsed for `msteams`, and signs channel tokens with it (RS256, Node crypto only).
 */
export class ChannelTokenIssuer {
  readonly kid = 'test-signing-key';
  readonly issuer = 'https://api.botframework.test';
  private readonly published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly unpublished = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server?: http.Server;
  metadataUrl = '';
  /** Every request the stub answered, so a test can prove the SDK really fetched the keys from here. */
  readonly requests: string[] = [];

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      this.requests.push(req.url ?? '');
      const base = this.metadataUrl.replace(/\/\.well-known\/openid-configuration$/, '');
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') {
        res.end(JSON.stringify({ issuer: this.issuer, jwks_uri: `${base}/keys` }));
      } else if (req.url === '/keys') {
        const jwk = this.published.publicKey.export({ format: 'jwk' });
        res.end(
          JSON.stringify({ keys: [{ ...jwk, kid: this.kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] }),
        );
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.metadataUrl = `http://127.0.0.1:${port}/.well-known/openid-configuration`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The published public key as PEM, for the HS256 key-confusion attempt. */
  publicKeyPem(): string {
    return this.published.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }

  /** A signed RS256 token (or whatever `header.alg` says: `none` gets no signature, `HS256` an HMAC). */
  token(parts: TokenParts): string {
    const header = { alg: 'RS256', typ: 'JWT', kid: this.kid, ...parts.header };
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(parts.claims))}`;
    if (header.alg === 'none') return `${signingInput}.`;
    if (header.alg === 'HS256') {
      return `${signingInput}.${createHmac('sha256', this.publicKeyPem()).update(signingInput).digest('base64url')}`;
    }
    const key: KeyObject = parts.signWith === 'unpublished' ? this.unpublished.privateKey : this.published.privateKey;
    return `${signingInput}.${createSign('RSA-SHA256').update(signingInput).sign(key).toString('base64url')}`;
  }
}
