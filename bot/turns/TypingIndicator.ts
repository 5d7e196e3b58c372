import { type Activity, ActivityTypes, type Middleware, TurnContext } from 'botbuilder';

/**
 * Shows "typing…" while a message's turn works in silence: the first indicator after `delayMs` without a reply, then
 * one every `periodMs`, as botbuilder's ShowTypingMiddleware does, except that a reply stops them and only another
 * `delayMs` of silence starts them again. An indicator sent after the answer (the turn still saving its state) makes
 * Teams show "typing…" under an answer that is complete, and each one is an HTTP call to the channel; under load that
 * was most turns.
 */
export class TypingIndicator implements Middleware {
  constructor(
    private readonly delayMs = 500,
    private readonly periodMs = 2000,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message) {
      await next();
      return;
    }
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const schedule = (ms: number): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (finished) return;
        void this.sendTyping(context).then(() => {
          if (!finished) schedule(this.periodMs);
        });
      }, ms);
    };
    context.onSendActivities(async (_ctx, activities, nextSend) => {
      const responses = await nextSend();
      if (!finished && activities.some((a) => a.type === ActivityTypes.Message || a.type === undefined)) {
        schedule(this.delayMs);
      }
      return responses;
    });
    schedule(this.delayMs);
    try {
      await next();
    } finally {
      finished = true;
      clearTimeout(timer);
    }
  }

  /** Sent through the adapter, past the turn's send handlers: an indicator is not a reply (the pacer must not see it). */
  private async sendTyping(context: TurnContext): Promise<void> {
    const typing = TurnContext.applyConversationReference(
      { type: ActivityTypes.Typing, relatesTo: context.activity.relatesTo } satisfies Partial<Activity>,
      TurnContext.getConversationReference(context.activity),
    );
    try {
      await context.adapter.sendActivities(context, [typing]);
    } catch (error) {
      // As botbuilder's middleware: the turn's error handler hears of it. Nothing may escape a timer's callback (an
      // unhandled rejection would stop the process), so a failing handler is ignored too.
      await context.adapter
        .onTurnError?.(context, error instanceof Error ? error : new Error(String(error)))
        .catch(() => undefined);
    }
  }
}
