import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

const payloadSchema = z.strictObject({
  /** What the link is for. */
  invoiceId: z.string().min(1).max(64),
  /** The user the link was made for (Entra object id when Teams gives one). */
  userKey: z.string().min(1).max(256),
  userName: z.string().max(256).optional(),
  /** Where the user's sign-in is kept (App+User mode fetches the PDF as them). */
  signIn: z
    .strictObject({ channelId: z.string().min(1).max(64), channelUserId: z.string().min(1).max(256) })
    .optional(),
  /** Expiry, milliseconds since the epoch. */
  exp: z.number().int().positive(),
});

/** What a download link proves: this invoice, for this user, until this time. */
export type DownloadGrant = z.infer<typeof payloadSchema>;

/** Why a link was refused. */
export type LinkRefusal = 'malformed' | 'bad-signature' | 'expired';

/**
 * Makes and checks the tokens inside statement download links: HMAC-SHA256 signed, bound to one user and one invoice,
 * expiring. Nothing secret is inside a token; only the signature needs the key.
 */
export class DownloadLinkSigner {
  constructor(
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {
    if (secret.length < 16) throw new RangeError('DownloadLinkSigner needs a secret of at least 16 characters.');
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.secret).update(body).digest();
  }

  sign(grant: DownloadGrant): string {
    const body = Buffer.from(JSON.stringify(payloadSchema.parse(grant))).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  verify(token: string): { ok: true; grant: DownloadGrant } | { ok: false; reason: LinkRefusal } {
    if (token.length > 2048) return { ok: false, reason: 'malformed' };
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
    const expected = this.mac(body);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { ok: false, reason: 'bad-signature' };
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const grant = payloadSchema.safeParse(decoded);
    if (!grant.success) return { ok: false, reason: 'malformed' };
    if (grant.data.exp <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, grant: grant.data };
  }
}
