import {
  Activity,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationBotFrameworkAuthenticationOptions,
  StatusCodes,
} from 'botbuilder';
import {
  AuthenticateRequestResult,
  AuthenticationError,
  ClaimsIdentity,
  ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { Logger } from '../logger';

/**
 * The SDK's Bot Framework authentication with one change: every failure to authenticate an inbound request becomes
 * a plain 401. Without it, token errors the SDK does not wrap (bad signature, `alg: none`, a token not yet valid)
 * reach CloudAdapter as 500s carrying the validator's message. The reason goes to the log, never to the caller.
 */
export class FailClosedAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly logger: Logger,
    credentialsFactory?: ServiceClientCredentialsFactory,
  ) {
    super(options, credentialsFactory);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.failClosed(() => super.authenticateRequest(activity, authHeader), activity.id);
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.failClosed(() => super.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override async authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.failClosed(() => super.authenticateChannelRequest(authHeader));
  }

  private async failClosed<T>(authenticate: () => Promise<T>, activityId?: string): Promise<T> {
    try {
      return await authenticate();
    } catch (error) {
      this.logger.warn('inbound request refused', {
        activityId: activityId ?? null,
        reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown',
      });
      throw new AuthenticationError('Unauthorized.', StatusCodes.UNAUTHORIZED);
    }
  }
}
