import { isLoopbackHost } from '../../net/isLoopbackHost';
import type { PartnerCenterCallContext } from '../PartnerCenterCallContext';
import type { PartnerCenterTokenProvider } from './PartnerCenterTokenProvider';

/** Options of {@link LocalTokenProvider}. */
export interface LocalTokenProviderOptions {
  /** The simulator's base URL; must be a loopback address. */
  baseUrl: string;
  /** `app+user` turns `ctx.user` into a `user:<name>` token, which the simulator treats as App+User. */
  auth: 'app' | 'app+user';
  /** The app-only token; defaults to `local-app`. */
  appToken?: string;
}

/**
 * Tokens for the local simulator: a fixed app-only token, or `user:<name or id>` for App+User. It refuses to
 * produce tokens for anything but a loopback base URL, so these fake credentials never leave the machine.
 */
export class LocalTokenProvider implements PartnerCenterTokenProvider {
  readonly isLocal = true;
  private readonly auth: 'app' | 'app+user';
  private readonly appToken: string;

  constructor(options: LocalTokenProviderOptions) {
    const host = new URL(options.baseUrl).hostname;
    if (!isLoopbackHost(host)) {
      throw new Error(`LocalTokenProvider only serves a loopback simulator, not ${host}`);
    }
    this.auth = options.auth;
    this.appToken = options.appToken ?? 'local-app';
  }

  async getToken(ctx: PartnerCenterCallContext): Promise<string> {
    if (this.auth === 'app+user' && ctx.user) return `user:${userLabel(ctx.user)}`;
    return this.appToken;
  }
}

// Header values must be visible ASCII; a display name outside that falls back to the (GUID) user id.
function userLabel(user: { id: string; name?: string }): string {
  const name = user.name?.trim();
  return name && /^[\x20-\x7e]+$/.test(name) ? name : user.id;
}
