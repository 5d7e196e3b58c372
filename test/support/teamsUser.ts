import type { Activity } from 'botbuilder';
import { buttonsOf, CardButton, cardOf, textOf } from './dialogHarness';
import { inboundActivity, TestChannel } from './testChannel';

/**
 * A Teams user talking to the bot over real HTTP: every message and click is POSTed to the bot's /api/messages as
 * Teams would, and the bot's replies and card updates arrive at the test channel.
 */
export class TeamsUser {
  constructor(
    private readonly botUrl: string,
    private readonly channel: TestChannel,
    readonly conversationId = 'a:e2e-conversation',
    readonly userId = '29:e2e-user',
    /** Extra request headers and activity fields (a channel token, Teams' tenant fields) for authenticated bots. */
    private readonly teams: { headers?: () => Record<string, string>; fields?: Partial<Activity> } = {},
  ) {}

  /** Posts one activity and returns what the bot sent or updated during that turn. */
  async send(fields: Partial<Activity>): Promise<Partial<Activity>[]> {
    const { status, replies } = await this.post(fields);
    if (status >= 300) throw new Error(`bot answered ${status}`);
    return replies;
  }

  /** Sends an invoke (as Teams does for sign-in) and returns the HTTP status, Teams' invoke response and the replies. */
  async invoke(name: string, value: unknown): Promise<{ status: number; body: unknown; replies: Partial<Activity>[] }> {
    return this.post({ type: 'invoke', name, value });
  }

  private async post(
    fields: Partial<Activity>,
  ): Promise<{ status: number; body: unknown; replies: Partial<Activity>[] }> {
    const before = this.channel.calls.length;
    const activity = inboundActivity(this.channel, {
      conversationId: this.conversationId,
      userId: this.userId,
      ...this.teams.fields,
      ...fields,
    });
    const response = await fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.teams.headers?.() },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    const replies = this.channel.calls
      .slice(before)
      .filter((c) => c.conversationId === this.conversationId && c.activity?.type !== 'typing')
      .map((c) => ({ ...c.activity, id: c.activityId }));
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, replies };
  }

  say(text: string): Promise<Partial<Activity>[]> {
    return this.send({ text });
  }

  /** The newest button with this title on any card sent or updated in this conversation. */
  findButton(title: string | RegExp): CardButton {
    const cards = this.channel.calls
      .filter((c) => c.conversationId === this.conversationId)
      .map((c) => cardOf(c.activity))
      .filter(Boolean)
      .reverse();
    for (const card of cards) {
      const found = buttonsOf(card).find((b) => (typeof title === 'string' ? b.title === title : title.test(b.title)));
      if (found) return found;
    }
    throw new Error(`no button ${String(title)}`);
  }

  /** The newest card message with a button of this title: the button and the id of the message carrying it. */
  findCardWith(title: string | RegExp): { activityId: string; button: CardButton } {
    const calls = this.channel.calls.filter((c) => c.conversationId === this.conversationId).reverse();
    for (const call of calls) {
      const found = buttonsOf(cardOf(call.activity)).find((b) =>
        typeof title === 'string' ? b.title === title : title.test(b.title),
      );
      if (found && call.activityId) return { activityId: call.activityId, button: found };
    }
    throw new Error(`no button ${String(title)}`);
  }

  /**
   * Presses an Action.Execute button as Teams does: an `adaptiveCard/action` invoke whose `replyToId` is the message
   * carrying the card; returns the HTTP status, the invoke response (what replaces the card) and what else was sent.
   */
  execute(
    title: string | RegExp,
  ): Promise<{ status: number; body: unknown; replies: Partial<Activity>[]; activityId: string }> {
    const { activityId, button } = this.findCardWith(title);
    return this.executeData(activityId, button.data).then((result) => ({ ...result, activityId }));
  }

  /**
   * Sends an Action.Execute with any data (forged or real) from the card message `activityId`: a press (`manual`) or a
   * card's refresh on view (`automatic`). The action's verb is the data's unless `verb` says otherwise.
   */
  executeData(
    activityId: string,
    data: unknown,
    options: { trigger?: 'manual' | 'automatic'; verb?: string } = {},
  ): Promise<{ status: number; body: unknown; replies: Partial<Activity>[] }> {
    const dataVerb = (data as { verb?: unknown } | null)?.verb;
    const verb = options.verb ?? (typeof dataVerb === 'string' ? dataVerb : 'unknown');
    return this.post({
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: activityId,
      value: { action: { type: 'Action.Execute', verb, data }, trigger: options.trigger ?? 'manual' },
    });
  }

  /**
   * What this person's Teams shows of the newest user-specific card reading like `pattern` (a group chat's
   * confirmation card): it sends the card's refresh (an automatic `adaptiveCard/action`) and returns the card answered.
   */
  async ownView(pattern: RegExp): Promise<unknown> {
    const call = this.channel.calls
      .filter((c) => c.conversationId === this.conversationId && c.activityId)
      .reverse()
      .find((c) => cardOf(c.activity)?.refresh !== undefined && pattern.test(textOf(c.activity)));
    const refresh = cardOf(call?.activity)?.refresh as { action?: { data?: unknown } } | undefined;
    if (!call?.activityId || !refresh?.action) throw new Error(`no user-specific card like ${pattern}`);
    const { body } = await this.executeData(call.activityId, refresh.action.data, { trigger: 'automatic' });
    return (body as { value?: unknown } | undefined)?.value;
  }

  /** The buttons of the newest card in this conversation. */
  latestButtons(): CardButton[] {
    const card = this.channel.calls
      .filter((c) => c.conversationId === this.conversationId && cardOf(c.activity))
      .map((c) => cardOf(c.activity))
      .at(-1);
    return buttonsOf(card);
  }

  /**
   * Waits (bounded) until something the bot sent or updated in this conversation reads like `pattern` — outcomes of
   * checkouts arrive after the turn, as updates of the card — and returns that text.
   */
  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.channel.calls
        .filter((c) => c.conversationId === this.conversationId)
        .map((c) => textOf(c.activity))
        .reverse()
        .find((text) => pattern.test(text));
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`nothing matching ${pattern} arrived within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  click(title: string | RegExp): Promise<Partial<Activity>[]> {
    return this.send({ value: this.findButton(title).data });
  }

  submit(value: unknown): Promise<Partial<Activity>[]> {
    return this.send({ value });
  }
}

/** Everything a person would read in a batch of replies and updates. */
export function readAll(replies: Partial<Activity>[]): string {
  return replies.map(textOf).join('\n');
}
