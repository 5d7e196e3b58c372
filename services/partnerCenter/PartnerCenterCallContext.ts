/**
 * Who is calling Partner Center and as part of which user workflow. One `correlationId` spans a whole workflow
 * (e.g. one purchase) so Partner Center's logs can tie its calls together; `user` is the person acting, used by
 * App+User token providers.
 */
export interface PartnerCenterCallContext {
  correlationId: string;
  locale?: string;
  /**
   * Set when a person is waiting in chat for this call: since when (ms since the epoch) their turn has been calling
   * Partner Center. Retries must then fit the transport's chat budget from that moment (a sentence saying when to try
   * again beats a long silence); background work such as a checkout leaves it unset and keeps its own, longer budget.
   */
  waitingSince?: number;
  user?: {
    id: string;
    name?: string;
    /**
     * Where the person's sign-in is kept: the bot's token service files each person's token under the channel and
     * that channel's id for them, so an App+User token can be found even outside the person's own turn.
     */
    signIn?: { channelId: string; channelUserId: string };
  };
}
