import { type Activity, ActivityTypes, type Middleware, type ResourceResponse, type TurnContext } from 'botbuilder';
import { textFor } from '../../i18n/text';
import type { Logger } from '../logger';

/** What a person reads when an answer takes longer than a few seconds, in the turn's language. */
export function slowTurnNotice(locale: string | undefined): string {
  return textFor(locale)('bot.slowTurn');
}

const ANSWERED_EARLY = Symbol('answeredEarly');

/**
 * True once a card click's (`adaptiveCard/action`) turn has passed the pacer's budget: Teams has been answered with a
 * "taking a moment" sentence, so the turn's card can no longer travel in the invoke response and is sent as an update.
 */
export function answeredEarly(context: TurnContext): boolean {
  return context.turnState.get(ANSWERED_EARLY) === true;
}

/** True for the invoke Teams sends when someone presses an Action.Execute button or a card refreshes itself. */
export function isCardActionInvoke(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action';
}

/** Settings of {@link TurnPacer}. */
export interface TurnPacerOptions {
  /** How long a message's turn may run before the person gets a notice and Teams gets its answer. */
  budgetMs: number;
  logger: Logger;
  /** Runs before Teams is answered: makes sure a replay would find the message if this process died afterwards. */
  beforeAcknowledging?: () => Promise<void>;
}

/**
 * Keeps message turns within Teams' patience. Teams redelivers a message whose HTTP request has not been answered in
 * about 15 seconds, and a person with no reply assumes nothing happened. When a turn passes its budget, the person gets
 * one short notice, the HTTP edge is told it may answer Teams (the turn carries on in the background), and the turn's
 * first reply then replaces the notice instead of adding a message.
 */
export class TurnPacer implements Middleware {
  private readonly slowListeners = new WeakMap<object, () => void>();

  constructor(private readonly options: TurnPacerOptions) {}

  /** Resolves when this activity's turn passes the budget (never, if it ends first). */
  whenSlow(activity: Partial<Activity>): Promise<void> {
    return new Promise((resolve) => this.slowListeners.set(activity, resolve));
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (isCardActionInvoke(context.activity)) {
      await this.paceCardAction(context, next);
      return;
    }
    if (context.activity.type !== ActivityTypes.Message) {
      await next();
      return;
    }
    let replied = false;
    let sendingNotice = false;
    let noticeId: string | undefined;
    context.onSendActivities(async (ctx, activities, nextSend) => {
      if (sendingNotice) return nextSend();
      const first = activities.findIndex((a) => a.type === ActivityTypes.Message || a.type === undefined);
      if (first === -1) return nextSend();
      replied = true;
      if (!noticeId) return nextSend();
      const id = noticeId;
      noticeId = undefined;
      // The answer takes the notice's place: one message, where the person is already looking.
      try {
        await ctx.updateActivity({ ...activities[first], id });
      } catch {
        // The notice could not be replaced (a client that can't update): the answer is sent as a new message.
        return nextSend();
      }
      activities.splice(first, 1);
      const rest: ResourceResponse[] = activities.length > 0 ? await nextSend() : [];
      return [...rest.slice(0, first), { id }, ...rest.slice(first)];
    });
    const timer = setTimeout(() => {
      void this.onSlow(
        context,
        () => replied,
        (id) => (noticeId = id),
        (on) => (sendingNotice = on),
      );
    }, this.options.budgetMs);
    try {
      await next();
    } finally {
      clearTimeout(timer);
      this.slowListeners.delete(context.activity);
    }
  }

  /**
   * A card click waits on the card itself (Teams shows a spinner there, then "Unable to reach app"), so there is no
   * notice message: past the budget the HTTP edge answers the invoke with a sentence, and the turn's card then goes out
   * as an ordinary update (see `ExecuteAnswer`).
   */
  private async paceCardAction(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const timer = setTimeout(() => {
      context.turnState.set(ANSWERED_EARLY, true);
      this.slowListeners.get(context.activity)?.();
    }, this.options.budgetMs);
    try {
      await next();
    } finally {
      clearTimeout(timer);
      this.slowListeners.delete(context.activity);
    }
  }

  private async onSlow(
    context: TurnContext,
    replied: () => boolean,
    setNotice: (id: string | undefined) => void,
    setSending: (on: boolean) => void,
  ): Promise<void> {
    if (!replied()) {
      setSending(true);
      try {
        const response = await context.sendActivity(slowTurnNotice(context.activity.locale));
        if (!replied()) setNotice(response?.id);
      } catch (error) {
        this.options.logger.warn('slow-turn notice not delivered', {
          error: error instanceof Error ? error.message : 'unknown',
        });
      } finally {
        setSending(false);
      }
    }
    try {
      await this.options.beforeAcknowledging?.();
    } catch (error) {
      this.options.logger.warn('unfinished message not recorded before answering Teams', {
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
    this.slowListeners.get(context.activity)?.();
  }
}
