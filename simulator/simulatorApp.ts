import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiRequestHandler } from './apiRequestHandler';
import { CallerAccess } from './control/callerAccess';
import { ControlApi } from './control/controlApi';
import { CATALOG_SEED } from './data/catalogSeed';
import type { SeedScale } from './data/seedScale';
import { FaultStore } from './control/faultStore';
import { RequestJournal } from './control/requestJournal';
import { readBody } from './http/bodyReader';
import { Router } from './http/router';
import { registerCartRoutes } from './routes/cartRoutes';
import { registerCatalogRoutes } from './routes/catalogRoutes';
import { registerCustomerRoutes } from './routes/customerRoutes';
import { registerInvoiceRoutes } from './routes/invoiceRoutes';
import { registerOrderRoutes } from './routes/orderRoutes';
import { registerPriceSheetRoutes } from './routes/priceSheetRoutes';
import { registerRegistrationRoutes } from './routes/registrationRoutes';
import { registerSubscriptionRoutes } from './routes/subscriptionRoutes';
import type { SimulatorContext } from './simulatorContext';
import { IdempotencyStore } from './state/idempotencyStore';
import { SimClock } from './state/simClock';
import { SimulatorState, type LifecycleSettings } from './state/simulatorState';
import { SlidingWindowThrottle } from './state/slidingWindowThrottle';

/** Fully resolved settings of one simulator instance. */
export interface SimulatorSettings extends LifecycleSettings {
  throttlePerMinute: number;
  log?: (line: string) => void;
  /** Fixed seed of run-time ids (see SimulatorOptions.runtimeSeed); random per state when absent. */
  runtimeSeed?: number;
  /** How many customers, invoices and line items the seed holds (see SimulatorOptions). */
  scale: SeedScale;
  /** Rows of products the catalog doesn't sell added to each price sheet (see SimulatorOptions); default 0. */
  priceSheetFillerRows?: number;
}

/**
 * One simulator instance without its socket: state, control knobs and the two request pipelines (API and control).
 * The HTTP server hands every request to `handle`.
 */
export class SimulatorApp implements SimulatorContext {
  readonly clock = new SimClock();
  readonly faults = new FaultStore();
  readonly journal = new RequestJournal();
  readonly access = new CallerAccess();
  readonly idempotency = new IdempotencyStore();
  readonly throttle: SlidingWindowThrottle;
  private current: SimulatorState;
  private readonly api: ApiRequestHandler;
  private readonly control: ControlApi;

  constructor(readonly settings: SimulatorSettings) {
    this.throttle = new SlidingWindowThrottle(settings.throttlePerMinute);
    this.current = this.freshState();
    const router = new Router();
    registerCustomerRoutes(router, this);
    registerRegistrationRoutes(router, this);
    registerSubscriptionRoutes(router, this);
    registerCatalogRoutes(router, this);
    registerCartRoutes(router, this);
    registerOrderRoutes(router, this);
    registerInvoiceRoutes(router, this);
    registerPriceSheetRoutes(router, { access: this.access, fillerRows: settings.priceSheetFillerRows ?? 0 });
    this.api = new ApiRequestHandler({
      router,
      clock: this.clock,
      state: () => this.current,
      faults: this.faults,
      journal: this.journal,
      idempotency: this.idempotency,
      throttle: this.throttle,
      access: this.access,
      log: settings.log,
    });
    this.control = new ControlApi({
      faults: this.faults,
      journal: this.journal,
      reset: () => this.reset(),
      setAccess: (spec) => this.access.set(spec),
      advanceClock: (seconds) => {
        this.clock.advance(seconds);
        this.current.settle(this.clock.now());
        return new Date(this.clock.now()).toISOString();
      },
      rotateCatalog: () => this.current.catalog.rotate(),
      renameCustomer: (customerId, companyName) => {
        const customer = this.current.customers.find((candidate) => candidate.id === customerId.toLowerCase());
        if (!customer) return false;
        // The seed object is shared by every state; this customer gets its own copy with the new name.
        customer.seed = { ...customer.seed, companyName };
        return true;
      },
      retitleProduct: (productId, skuId, title) => this.current.catalog.retitle(productId, skuId, title),
      placeInOrderGroup: (productId, orderGroup) => {
        if (!CATALOG_SEED.some((product) => product.id.toUpperCase() === productId.toUpperCase())) return false;
        this.current.orderGroups.place(productId, orderGroup);
        return true;
      },
      refuseOrderGroups: (spec) => this.current.orderGroups.refuse(spec),
      addPastOrder: (spec) => this.current.addPastOrder(spec),
      now: () => this.clock.now(),
    });
  }

  /** The current state (replaced by a reset). */
  get state(): SimulatorState {
    return this.current;
  }

  /**
   * Back to the seed: new state, no faults, empty journal, real time, no remembered request ids, empty throttle, every
   * sign-in with MFA and prices for everyone.
   */
  reset(): void {
    this.access.clear();
    this.clock.reset();
    this.current = this.freshState();
    this.faults.clear();
    this.journal.clear();
    this.idempotency.clear();
    this.throttle.clear();
  }

  /** Routes one HTTP request to the control API or the Partner Center API. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator.local');
    const body = await readBody(req);
    if (url.pathname.toLowerCase().startsWith('/_simulator/')) {
      this.control.handle(req, res, url, body);
      return;
    }
    await this.api.handle(req, res, url, body);
  }

  private freshState(): SimulatorState {
    return new SimulatorState(this.settings, () => this.clock.now(), this.settings.runtimeSeed, this.settings.scale);
  }
}
