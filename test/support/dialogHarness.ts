import {
  Activity,
  ActivityTypes,
  AutoSaveStateMiddleware,
  ConversationState,
  Middleware,
  TurnContext,
  UserState,
} from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { CardActionRegistry } from '../../dialogs/cardActionRegistry';
import type { DialogDependencies } from '../../dialogs/dialogDependencies';
import { MainDialog } from '../../dialogs/MainDialog';
import { OpenConfirmationTracker } from '../../dialogs/openConfirmation';
import { CheckoutRunner } from '../../bot/CheckoutRunner';
import { cardMessage } from '../../dialogs/cardMessage';
import { checkoutOutcomeCard } from '../../dialogs/checkoutOutcomeCard';
import { CheckoutLedger } from '../../services/checkout/CheckoutLedger';
import { CheckoutProcessor } from '../../services/checkout/CheckoutProcessor';
import type { CustomerSummary } from '../../services/purchase/types';
import type { RegistrationFollowUp, StatementDelivery } from '../../dialogs/lookups/deliveryPorts';
import type { ListPosition } from '../../dialogs/lookups/LookupActions';
import type { LookupService } from '../../services/lookups/types';
import type { AtomicCreateStorage } from '../../services/storage/AtomicCreateStorage';
import { RecentOrdersStore } from '../../services/storage/RecentOrdersStore';
import { AuditTrail } from '../../services/audit/AuditTrail';
import { RoleDirectory } from '../../dialogs/security/RoleDirectory';
import { FakePurchaseService } from './FakePurchaseService';
import { MemoryAtomicStorage } from './MemoryAtomicStorage';
import { readableText } from './readableText';
import { unusedPort } from './unusedPort';

/** A button found on a card the bot sent. */
export interface CardButton {
  title: string;
  data: { verb: string; id: string };
}

/** All buttons anywhere in a card (Action.Execute, and Action.Submit on cards of older releases). */
export function buttonsOf(card: unknown): CardButton[] {
  const found: CardButton[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Submit' || record.type === 'Action.Execute')
        found.push({ title: String(record.title), data: record.data as CardButton['data'] });
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The Adaptive Card of an activity, if it has one. */
export function cardOf(activity: Partial<Activity> | undefined): Record<string, unknown> | undefined {
  const attachment = activity?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment?.content as Record<string, unknown> | undefined;
}

/**
 * Everything a person would read in an activity: its text and every string in its card, with the escapes that keep
 * Partner Center's text from becoming markdown shown as the characters they stand for (`Standard\_D2s` reads
 * `Standard_D2s`). To look for planted markdown, inspect the activity itself (see plantedMarkdown.ts).
 */
export function textOf(activity: Partial<Activity> | undefined): string {
  const parts: string[] = [activity?.text ?? ''];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') parts.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(cardOf(activity));
  return readableText(parts.join('\n'));
}

/** Records every in-place card update the dialogs make. */
class UpdateRecorder implements Middleware {
  readonly updates: Partial<Activity>[] = [];
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onUpdateActivity(async (_ctx, activity, nextUpdate) => {
      this.updates.push(activity);
      return nextUpdate();
    });
    await next();
  }
}

/**
 * Drives the root dialog with a DialogTestClient as a Teams user would: typing, pressing card buttons by title, and
 * reading every reply of a turn.
 */
export class DialogHarness {
  readonly service: FakePurchaseService;
  readonly client: DialogTestClient;
  readonly deps: DialogDependencies;
  readonly transcript: Partial<Activity>[] = [];
  /** The real checkout runner; its outcome "replaces the card" by being recorded as an update. */
  readonly checkouts: CheckoutRunner;
  readonly ledger: CheckoutLedger;
  /** The audit trail the runner and the dialogs write to (over the harness's storage). */
  readonly audit: AuditTrail;
  private readonly recorder = new UpdateRecorder();
  private readonly userState: UserState;

  constructor(
    service = new FakePurchaseService(),
    storage: AtomicCreateStorage = new MemoryAtomicStorage(),
    root: { create: (deps: DialogDependencies) => Dialog; options?: unknown } = {
      create: (deps) => new MainDialog(deps),
    },
    overrides: Partial<DialogDependencies> = {},
  ) {
    this.service = service;
    const conversationState = new ConversationState(storage);
    this.userState = new UserState(storage);
    const recentOrders = new RecentOrdersStore(storage);
    this.ledger = new CheckoutLedger(storage);
    this.audit = overrides.audit ?? new AuditTrail(storage);
    const purchase = overrides.service ?? service;
    this.checkouts = new CheckoutRunner({
      ledger: this.ledger,
      processor: new CheckoutProcessor({
        ledger: this.ledger,
        purchase,
        recentOrders,
        backoffMs: () => 0,
      }),
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      resumeDelayMs: 60_000,
      audit: this.audit,
      deliver: async (record) => {
        this.recorder.updates.push({ ...cardMessage(checkoutOutcomeCard(record)), id: record.target.activityId });
      },
    });
    this.deps = {
      service,
      registry: new CardActionRegistry(conversationState),
      checkouts: this.checkouts,
      checkoutLedger: this.ledger,
      openConfirmation: new OpenConfirmationTracker(conversationState),
      lastCustomer: this.userState.createProperty<CustomerSummary | undefined>('lastCustomer'),
      lookups: unusedPort<LookupService>('lookups'),
      recentOrders,
      statements: unusedPort<StatementDelivery>('statements'),
      registrations: unusedPort<RegistrationFollowUp>('registrations'),
      lastList: conversationState.createProperty<ListPosition | undefined>('lastList'),
      // Like local mode with no role lists: everyone may buy unless a test says otherwise.
      roles: new RoleDirectory({ purchaserIds: [], viewerIds: [], everyoneIsPurchaser: true }),
      audit: this.audit,
      ...overrides,
    };
    this.client = new DialogTestClient(
      'msteams',
      root.create(this.deps),
      root.options,
      [new AutoSaveStateMiddleware(this.userState), this.recorder],
      conversationState,
    );
  }

  get updates(): Partial<Activity>[] {
    return this.recorder.updates;
  }

  /** Sends an activity and returns every reply of that turn. */
  async send(activity: Partial<Activity> | string): Promise<Partial<Activity>[]> {
    const replies: Partial<Activity>[] = [];
    let reply = (await this.client.sendActivity(activity)) as Partial<Activity> | undefined;
    while (reply) {
      if (reply.type !== ActivityTypes.Typing) replies.push(reply);
      reply = this.client.getNextReply() as Partial<Activity> | undefined;
    }
    this.transcript.push(...replies);
    // Checkouts run outside the turn; let them finish so a test sees their outcome.
    await this.checkouts.drain();
    return replies;
  }

  /** Types a message. */
  say(text: string): Promise<Partial<Activity>[]> {
    return this.send(text);
  }

  /** The most recent card the bot sent or updated that has a button with this title. */
  findButton(title: string | RegExp): CardButton {
    const cards = [...this.transcript, ...this.updates].map(cardOf).filter(Boolean).reverse();
    for (const card of cards) {
      const button = buttonsOf(card).find((b) => (typeof title === 'string' ? b.title === title : title.test(b.title)));
      if (button) return button;
    }
    throw new Error(`No button titled ${String(title)} on any card so far`);
  }

  /** Presses a card button: an Action.Submit arrives as a message with the button's data as `value` and no text. */
  click(title: string | RegExp, from?: Partial<Activity>['from']): Promise<Partial<Activity>[]> {
    return this.submit(this.findButton(title).data, from);
  }

  /** Sends raw card-submit data (forged or real). */
  submit(value: unknown, from?: Partial<Activity>['from']): Promise<Partial<Activity>[]> {
    return this.send({ type: ActivityTypes.Message, value, ...(from ? { from } : {}) } as Partial<Activity>);
  }
}

/** Joins what a person reads across replies. */
export function allText(replies: Partial<Activity>[]): string {
  return replies.map(textOf).join('\n');
}
