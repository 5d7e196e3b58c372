import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { parseCardAction } from '../../cards/cardAction';
import { CARD_REFUSALS, CardActionGate } from '../../dialogs/cardActions/CardActionGate';
import type { DialogDependencies } from '../../dialogs/dialogDependencies';
import { LookupActions } from '../../dialogs/lookups/LookupActions';
import { roleOrExplain } from '../../dialogs/security/roleOrExplain';
import { textFor } from '../../i18n/text';

/**
 * Refresh on view: Teams asks an order card for its current state when someone looks at it (the card's `refresh`
 * action, an `adaptiveCard/action` invoke with trigger `automatic`). The press goes through the same gate as any click
 * (registry owner, expiry, role, size) and, for a Refresh button of an order card, the order is read again from
 * Partner Center and drawn in place of the card. No dialog runs, so a question the person is answering meanwhile is
 * neither interrupted nor asked again.
 */
export class OrderCardRefresh {
  private readonly gate: CardActionGate;
  private readonly lookups: LookupActions;

  constructor(private readonly deps: DialogDependencies) {
    this.gate = new CardActionGate(deps);
    this.lookups = new LookupActions(deps);
  }

  /** Redraws the clicked order card (an update of `replyToId`), or returns the sentence that says why not. */
  async refresh(context: TurnContext, data: unknown): Promise<string | undefined> {
    const role = await roleOrExplain(context, this.deps.roles);
    if (!role) return undefined;
    const admission = await this.gate.admitPress(context, role, data);
    if (!admission.admitted) return admission.sentence;
    if (admission.action.verb !== 'refreshOrder') return textFor(context.activity.locale)(CARD_REFUSALS.unreadable);
    // Admitted, so the data is a valid press; its id is kept, so looking at a card often doesn't fill the registry.
    const refreshId = parseCardAction(data)?.id;
    const { value } = admission.action;
    await this.lookups.showOrder(context, randomUUID(), value, context.activity.replyToId, 'named', refreshId);
    return undefined;
  }
}
