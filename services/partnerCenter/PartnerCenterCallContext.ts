/**
 * Who is calling Partner Center and as part of which user workflow. One `correlationId` spans a whole workflow
 * (e.g. one purchase) so Partner Center's logs can tie its calls together; `user` is the person acting, used by
 * App+User token providers.
 */
export interface PartnerCenterCallContext {
  correlationId: string;
  locale?: string;
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
