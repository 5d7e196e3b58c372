import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import type { BotFrameworkAuthentication, UserTokenClient } from 'botframework-connector';
import type { PartnerCenterCallContext } from '../../services/partnerCenter/PartnerCenterCallContext';
import type { UserAssertionSource } from '../../services/partnerCenter/auth/UserAssertionSource';

/** Settings of {@link BotTokenServiceAssertions}. */
export interface BotTokenServiceAssertionsOptions {
  /** The bot's Bot Framework authentication (the same one its adapter uses). */
  authentication: BotFrameworkAuthentication;
  appId: string;
  connectionName: string;
}

/**
 * The signed-in person's own token, read from the Bot Framework token service, which keeps (and refreshes) each
 * person's token for the bot's OAuth connection. Asking it on every use, rather than keeping tokens here, means it
 * works outside the person's turn (background checkouts, registration follow-ups, download links), on any instance,
 * and that signing out takes effect at once.
 */
export class BotTokenServiceAssertions implements UserAssertionSource {
  private client?: Promise<UserTokenClient>;

  constructor(private readonly options: BotTokenServiceAssertionsOptions) {}

  async assertionFor(user: NonNullable<PartnerCenterCallContext['user']>): Promise<string | undefined> {
    if (!user.signIn) return undefined;
    const client = await this.userTokenClient();
    const response = await client.getUserToken(
      user.signIn.channelUserId,
      this.options.connectionName,
      user.signIn.channelId,
      // No magic code: only a token the person already completed a sign-in for.
      undefined as unknown as string,
    );
    return response?.token || undefined;
  }

  private userTokenClient(): Promise<UserTokenClient> {
    if (!this.client) {
      const appId = this.options.appId;
      // The bot acting on its own behalf, as the SDK does for proactive turns.
      const identity = new ClaimsIdentity(
        [
          { type: AuthenticationConstants.AudienceClaim, value: appId },
          { type: AuthenticationConstants.AppIdClaim, value: appId },
        ],
        true,
      );
      this.client = this.options.authentication.createUserTokenClient(identity).catch((error: unknown) => {
        this.client = undefined;
        throw error;
      });
    }
    return this.client;
  }
}
