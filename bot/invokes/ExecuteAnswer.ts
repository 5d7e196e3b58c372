import {
  type Activity,
  ActivityTypes,
  type AdaptiveCardInvokeResponse,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import type { AdaptiveCardJson } from '../../cards/compileCardTemplate';
import { pressRefused } from '../../dialogs/cardActions/CardActionGate';
import { textFor } from '../../i18n/text';
import { answeredEarly } from '../turns/TurnPacer';
import { adaptiveCardOf } from './adaptiveCardOf';
import { isSharedConversation } from './groupCardViews';

const CARD_RESPONSE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message';

/** Said at the card when a click's answer is below it (a new question card) rather than on it. */
export function answeredBelow(locale: string | undefined): string {
  return textFor(locale)('bot.answeredBelow');
}

/** An Adaptive Card invoke response that shows one sentence at the card and changes nothing on it. */
export function sentenceResponse(sentence: string): AdaptiveCardInvokeResponse {
  // Teams shows a message response's `value` string; the SDK types `value` for card responses only.
  return { statusCode: 200, type: MESSAGE_RESPONSE, value: sentence as unknown as Record<string, unknown> };
}

/** An Adaptive Card invoke response that replaces the clicked card with `card`. */
export function cardResponse(card: AdaptiveCardJson): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD_RESPONSE, value: card };
}

function isMessage(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Message || activity.type === undefined;
}

function isSentenceOnly(activity: Partial<Activity>): boolean {
  return (
    isMessage(activity) &&
    (activity.attachments ?? []).length === 0 &&
    !activity.suggestedActions &&
    typeof activity.text === 'string'
  );
}

/**
 * Turns what an Action.Execute's turn does into Teams' answer to the click, the Universal Actions way: the dialog turn
 * runs exactly as for an Action.Submit, and
 * - the card it draws in place of the clicked card (an update of the invoke's `replyToId`) becomes the invoke
 *   response, so the card changes where the person clicked; in a group chat or channel the update is also sent, so
 *   everyone else sees it too (Teams shows an invoke response's card to the person who clicked);
 * - a press the card action gate refused (someone else's card, an expired or forged button) shows its one sentence at
 *   the card and posts nothing;
 * - anything else (the next question, a sentence said alongside a card) is posted as usual, and Teams is told the
 *   answer is below.
 * If the turn passes the pacer's budget, Teams has already been answered (see `TurnPacer`): from then on everything
 * goes out as ordinary messages and updates, including a card drawn for the response just before.
 */
export class ExecuteAnswer {
  private card?: AdaptiveCardJson;
  /** The update that drew `card`, kept back (personal chat) for the invoke response. */
  private heldUpdate?: Partial<Activity>;
  private held: Partial<Activity>[] = [];
  private finished = false;

  private constructor(private readonly context: TurnContext) {}

  /** Starts capturing this turn's replies; call before anything else hooks the turn's sends. */
  static capture(context: TurnContext): ExecuteAnswer {
    const answer = new ExecuteAnswer(context);
    const clickedId = context.activity.replyToId;
    const shared = isSharedConversation(context);
    context.onUpdateActivity(async (_ctx, activity, next) => {
      const card = adaptiveCardOf(activity);
      if (answer.passingThrough() || !clickedId || activity.id !== clickedId || !card) return next();
      answer.card = card;
      if (shared) return next();
      answer.heldUpdate = { ...activity };
      return undefined;
    });
    context.onSendActivities(async (_ctx, activities, next) => {
      // Only a refused press's sentence is held (it may become the answer at the card); everything else goes out.
      if (answer.passingThrough() || !pressRefused(context)) return answer.sendWithHeld(activities, next);
      if (activities.some((a) => isMessage(a) && !isSentenceOnly(a))) return answer.sendWithHeld(activities, next);
      const original = [...activities];
      const sentences = original.map(isSentenceOnly);
      answer.held.push(...original.filter((_, i) => sentences[i]).map((a) => ({ ...a })));
      const others = original.filter((_, i) => !sentences[i]);
      // A held sentence has no id yet: nothing updates a plain sentence later.
      if (others.length === 0) return original.map(() => ({ id: '' }));
      activities.splice(0, activities.length, ...others);
      const sent = await next();
      let index = 0;
      return original.map((_, i) => (sentences[i] ? { id: '' } : (sent[index++] ?? { id: '' })));
    });
    return answer;
  }

  /** Sends what was held, and answers Teams: the new card, one sentence, or a pointer to the answer below. */
  async finish(): Promise<AdaptiveCardInvokeResponse> {
    const early = answeredEarly(this.context);
    this.finished = true;
    const held = this.held;
    this.held = [];
    if (!early && !this.card && held.length === 1 && typeof held[0].text === 'string' && pressRefused(this.context)) {
      return sentenceResponse(held[0].text);
    }
    if (held.length > 0) await this.context.sendActivities(held);
    // Teams was answered (past the budget) after the card was drawn: the response is gone, so the update goes out.
    if (early && this.heldUpdate) await this.context.updateActivity(this.heldUpdate);
    return this.card ? cardResponse(this.card) : sentenceResponse(answeredBelow(this.context.activity.locale));
  }

  private passingThrough(): boolean {
    return this.finished || answeredEarly(this.context);
  }

  /** Sends a batch with the sentences held so far in front of it (in the order the turn said them). */
  private async sendWithHeld(
    activities: Partial<Activity>[],
    next: () => Promise<ResourceResponse[]>,
  ): Promise<ResourceResponse[]> {
    const held = this.held;
    this.held = [];
    activities.unshift(...held);
    const sent = await next();
    return sent.slice(held.length);
  }
}
