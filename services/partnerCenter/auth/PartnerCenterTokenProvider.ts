import type { PartnerCenterCallContext } from '../PartnerCenterCallContext';

/**
 * Supplies the bearer token for a Partner Center call. `ctx.user` is passed through so an App+User provider can
 * act for the person in the chat. `isLocal` marks tokens that only the local simulator accepts: the client refuses
 * to send such a provider's requests anywhere but a loopback address.
 */
export interface PartnerCenterTokenProvider {
  readonly isLocal: boolean;
  getToken(ctx: PartnerCenterCallContext): Promise<string>;
}
