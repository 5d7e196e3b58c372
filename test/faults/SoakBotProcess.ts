import type { StoreItems, TurnContext } from 'botbuilder';
import { CheckoutRunner } from '../../bot/CheckoutRunner';
import type { Logger } from '../../bot/logger';
import { CheckoutLedger, type CheckoutRecord } from '../../services/checkout/CheckoutLedger';
import { CheckoutProcessor } from '../../services/checkout/CheckoutProcessor';
import type { CheckoutOrder, PlaceOrderOutcome } from '../../dialogs/checkoutPort';
import type { PurchaseService } from '../../services/purchase/types';
import { RecentOrdersStore } from '../../services/storage/RecentOrdersStore';
import { SqliteStorage } from '../../services/storage/SqliteStorage';
import { DyingStorage, ProcessKilledError } from './DyingStorage';

/** One outcome the runner showed: which cart, in which state, from which process. */
export interface Delivery {
  cartId: string;
  state: CheckoutRecord['state'];
  orderIds: string[];
  generation: number;
}

/** Where every process of one soak reports what the user would have seen. */
export interface SoakObservations {
  deliveries: Delivery[];
  acknowledgements: Map<string, number>;
  loggedErrors: string[];
  /** Told when a final outcome was shown, so the purchase's "user" can move on. */
  shownFinal: (cartId: string) => void;
}

/** Settings of {@link SoakBotProcess}. */
export interface SoakBotProcessOptions {
  generation: number;
  directory: string;
  /** This process's Partner Center access; `alive` turns false when it dies, and then no new request may leave. */
  purchaseFor: (alive: () => boolean) => PurchaseService;
  sleep: (ms: number) => Promise<void>;
  resumeDelayMs: number;
  observations: SoakObservations;
  /** Whether this write (to this process's storage) is where the process dies. */
  killsProcess: (changes: StoreItems) => boolean;
  /** Whether this write fails with a passing storage error. */
  failsOnce: (changes: StoreItems) => boolean;
  onDeath: (process: SoakBotProcess) => void;
}

/**
 * One bot process of the soak: its own connection to the shared SQLite file, its own Partner Center client, and the
 * real ledger, processor and runner over them. When it dies its storage refuses everything, its client sends no new
 * request (one already on the wire still arrives), its runner schedules nothing, and its deliveries and
 * acknowledgements stop — what a killed process can no longer do.
 */
export class SoakBotProcess {
  readonly generation: number;
  readonly runner: CheckoutRunner;
  readonly storage: DyingStorage;
  private readonly connection: SqliteStorage;

  constructor(private readonly options: SoakBotProcessOptions) {
    this.generation = options.generation;
    this.connection = new SqliteStorage({ directory: options.directory });
    this.storage = new DyingStorage(this.connection, {
      killsProcess: options.killsProcess,
      failsOnce: options.failsOnce,
      onDeath: () => {
        this.runner.close();
        // Nothing passes a dead process's storage any more, so its connection can go now (hundreds of kills would
        // otherwise keep hundreds of connections, and their caches, open on one file).
        this.connection.close();
        options.onDeath(this);
      },
    });
    const ledger = new CheckoutLedger(this.storage);
    const purchase = options.purchaseFor(() => !this.storage.isDead);
    const logger: Logger = {
      info: () => undefined,
      warn: () => undefined,
      error: (message, fields) => {
        if (!this.storage.isDead) options.observations.loggedErrors.push(`${message} ${JSON.stringify(fields ?? {})}`);
      },
    };
    this.runner = new CheckoutRunner({
      ledger,
      processor: new CheckoutProcessor({
        ledger,
        purchase,
        recentOrders: new RecentOrdersStore(this.storage),
        sleep: options.sleep,
      }),
      logger,
      resumeDelayMs: options.resumeDelayMs,
      deliver: async (record) => {
        this.assertAlive();
        options.observations.deliveries.push({
          cartId: record.cartId,
          state: record.state,
          orderIds: record.result?.orders.map((o) => o.id) ?? [],
          generation: this.generation,
        });
        if (record.state === 'done' || record.state === 'failed') options.observations.shownFinal(record.cartId);
      },
    });
  }

  get isDead(): boolean {
    return this.storage.isDead;
  }

  /** "Place order" arriving at this process; the acknowledgement is counted per cart. */
  async placeOrder(context: TurnContext, order: CheckoutOrder): Promise<PlaceOrderOutcome> {
    this.assertAlive();
    const acks = this.options.observations.acknowledgements;
    return this.runner.placeOrder(context, order, async () => {
      this.assertAlive();
      acks.set(order.cartId, (acks.get(order.cartId) ?? 0) + 1);
    });
  }

  /** Cart ids whose "outcome shown" bookkeeping this process's death cut off. */
  markDeliveredRefused(): Set<string> {
    const carts = new Set<string>();
    for (const changes of this.storage.refusedWrites) {
      for (const item of Object.values(changes)) {
        const record = (item as { record?: Partial<CheckoutRecord> } | undefined)?.record;
        if (record?.cartId && record.delivered) carts.add(record.cartId);
      }
    }
    return carts;
  }

  /** Stops the runner and closes this process's database connection (after its work has settled). */
  close(): void {
    this.runner.close();
    this.connection.close();
  }

  private assertAlive(): void {
    if (this.storage.isDead) throw new ProcessKilledError();
  }
}
