import { type Activity, CloudAdapter, type InvokeResponse, type TurnContext } from 'botbuilder';

/**
 * botbuilder's CloudAdapter with the two entry points the bot's own HTTP edge needs and the SDK keeps protected: a
 * message turn run outside `process()` (so Teams can be answered before a slow turn ends), and the replay of a message
 * a stopped run had accepted but not finished, with the bot's own credentials as for a proactive message.
 */
export class TurnAdapter extends CloudAdapter {
  /** Authenticates the request and runs the turn; rejects with the SDK's AuthenticationError when the token is bad. */
  runAuthenticated(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }

  /**
   * Runs a stored inbound activity again as a turn, replying with the bot's own identity as for a proactive message
   * (the audience is the channel's default, as in `continueConversationAsync`).
   */
  async replay(appId: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.processProactive(this.createClaimsIdentity(appId), activity, undefined, logic);
  }
}
