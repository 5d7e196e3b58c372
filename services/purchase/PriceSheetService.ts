import { SignInRequiredError } from '../partnerCenter/auth/SignInRequiredError';
import { UnreadableBodyError } from '../partnerCenter/http/PartnerCenterTransport';
import type { PartnerCenterCallContext } from '../partnerCenter/PartnerCenterCallContext';
import { PartnerCenterError } from '../partnerCenter/PartnerCenterError';
import type { PriceSheetClient, PriceSheetView } from '../partnerCenter/PriceSheetClient';
import { PriceSheetIndex } from './PriceSheetIndex';
import { roundToCurrency } from './roundToCurrency';
import type { PurchaseCategory } from './types';

/** The price of one SKU as a card shows it; never more than an estimate (see {@link PriceQuote.estimate}). */
export interface PriceQuote {
  available: true;
  /** Price of one unit for the whole term, in `currency`. */
  unitPrice: number;
  currency: string;
  /**
   * False for a reservation asked for in another currency than USD: Azure plan reservations "are priced in USD and
   * billed in partner's local currency" (Azure plan price list), so their price is shown in USD.
   */
  inRequestedCurrency: boolean;
  /** "Estimated retail price", where the sheet gives one (software). */
  erpPrice?: number;
  /** The day the sheet was read (`YYYY-MM-DD`, UTC): the card's "price sheet of <date>". */
  sheetDate: string;
  /**
   * Always true: the sheet is a list, not a quote. Partner Center prices the order at checkout, and "Reservations
   * meter prices include the CSP partner discounts" while software lists are list prices (Get a price sheet).
   */
  estimate: true;
  view: PriceSheetView;
  market: string;
}

/** Why no price can be shown. */
export type PriceUnavailableReason =
  /** The bot calls Partner Center app-only: "Application-only isn't yet supported" for the price sheet. */
  | 'app-only'
  /** Partner Center refused this person (the sheet is for Admin agents and Sales agents only), or the sign-in. */
  | 'forbidden'
  /** The person must sign in before the sheet can be read for them. */
  | 'sign-in-required'
  /** The sheet did not arrive in time (Partner Center slow, or still downloading a large sheet). */
  | 'timeout'
  /** Partner Center asked to wait before asking again. */
  | 'throttled'
  /** The sheet was read but has no price for this SKU, term and currency. */
  | 'not-in-sheet'
  /** Anything else: an error answer, a broken connection, an unreadable sheet. */
  | 'unavailable';

/** No price: the card says "price not available" and goes on. */
export interface PriceNotAvailable {
  available: false;
  reason: PriceUnavailableReason;
  /** One sentence for the log (never shown raw to a person). */
  detail: string;
}

/** A price, or why there is none. */
export type PriceAnswer = PriceQuote | PriceNotAvailable;

/** What a price is asked for: the customer's market and currency, and the SKU, term and billing being bought. */
export interface PriceQuestion {
  /** The customer's country (`US`, `DE`): the sheet's market. */
  country: string;
  /** The currency of the customer's availability (`TermOption.currencyCode`). */
  currency: string;
  category: PurchaseCategory;
  productId: string;
  skuId: string;
  /** `TermOption.termDuration`; absent for perpetual software. */
  termDuration?: string;
  /** `TermOption.billingCycle` (`one_time`, …). */
  billingCycle?: string;
}

/** Quantity × unit price for a confirmation card. */
export interface PriceLine {
  unitPrice: number;
  quantity: number;
  /** Rounded to the currency's minor unit. */
  total: number;
  currency: string;
}

/** How long sheets are kept and how long a person waits for one. */
export interface PriceSheetServiceOptions {
  /** A sheet older than this is downloaded again (the old one answers meanwhile); PRICE_SHEET_REFRESH_MINUTES. */
  refreshMs: number;
  /** How long a question waits for a sheet that is being downloaded before answering `timeout`; PRICE_SHEET_WAIT_SECONDS. */
  waitMs: number;
  /** Sheets (market × view) kept at once; the least recently asked one goes first; PRICE_SHEET_MAX_SHEETS. */
  maxSheets: number;
  /** After a failed download, questions get the same answer for this long instead of starting another download. */
  failureRetryMs?: number;
  now?: () => number;
  /** One line per download: market, view, outcome, rows, ms. */
  log?: (line: string) => void;
}

interface LoadedSheet {
  index: PriceSheetIndex;
  loadedAt: number;
}

type LoadOutcome = { ok: true; sheet: LoadedSheet } | { ok: false; answer: PriceNotAvailable; sharedFailure: boolean };

interface SheetEntry {
  sheet?: LoadedSheet;
  loading?: Promise<LoadOutcome>;
  failure?: { answer: PriceNotAvailable; until: number };
  lastAsked: number;
}

const DEFAULT_FAILURE_RETRY_MS = 60_000;
// Partner Center's code for "This resource does not support application-only authentication".
const APP_ONLY_REFUSED = '900329';

/**
 * Prices for the purchase cards from Partner Center's price sheet, per market and view (`software` for software
 * subscriptions and perpetual software, `azure_reservations` for reservations), downloaded on first use and kept for
 * `refreshMs`. A question is answered from memory once its sheet is in; the first one waits at most `waitMs` for the
 * download (which goes on in the background if it takes longer). Every failure becomes a {@link PriceNotAvailable}
 * with its reason — this service never throws — so a purchase goes on without a price.
 *
 * One download per sheet at a time, shared by everyone asking. The sheet is the partner's, so one person's download
 * serves everyone who may buy; Partner Center checks the person's role (Admin or Sales agent) when it is downloaded.
 * Failures that are about the service (timeouts, errors) are remembered for a minute so a slow Partner Center is not
 * asked for 100,000 rows on every message; refusals of one person (403, sign-in) are not, as the next person may be
 * allowed.
 */
export class PriceSheetService {
  private readonly entries = new Map<string, SheetEntry>();
  private readonly now: () => number;
  private readonly failureRetryMs: number;

  /** `client` is undefined when the bot calls Partner Center app-only: the price sheet needs App+User. */
  constructor(
    private readonly client: PriceSheetClient | undefined,
    private readonly options: PriceSheetServiceOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.failureRetryMs = options.failureRetryMs ?? DEFAULT_FAILURE_RETRY_MS;
  }

  /** The price of a SKU for the customer's market and currency, or why there is none. Never throws. */
  async quote(ctx: PartnerCenterCallContext, question: PriceQuestion): Promise<PriceAnswer> {
    try {
      const view = priceSheetViewOf(question.category);
      const market = question.country.toUpperCase();
      const loaded = await this.sheetFor(ctx, market, view);
      if (!loaded.ok) return loaded.answer;
      return answerFrom(loaded.sheet, question, market, view);
    } catch (error) {
      return notAvailable('unavailable', `price lookup failed: ${error instanceof Error ? error.message : 'unknown'}`);
    }
  }

  /**
   * Starts downloading the sheet a purchase in this category will need, without waiting (say, once the customer is
   * known), so the SKU options find it in memory.
   */
  warm(ctx: PartnerCenterCallContext, country: string, category: PurchaseCategory): void {
    void this.quote(
      { ...ctx, waitingSince: undefined },
      { country, currency: '', category, productId: '', skuId: '' },
    ).catch(() => undefined);
  }

  private async sheetFor(ctx: PartnerCenterCallContext, market: string, view: PriceSheetView): Promise<LoadOutcome> {
    if (!this.client) {
      return {
        ok: false,
        sharedFailure: true,
        answer: notAvailable('app-only', 'the price sheet needs App+User; the bot calls Partner Center app-only'),
      };
    }
    const now = this.now();
    const entry = this.entry(`${market}|${view}`, now);
    const { sheet } = entry;
    if (sheet) {
      // A sheet past its refresh still answers while the next one downloads: it carries its own date.
      if (now - sheet.loadedAt >= this.options.refreshMs && !entry.loading && !isFailing(entry, now)) {
        void this.load(ctx, entry, market, view);
      }
      return { ok: true, sheet };
    }
    if (entry.failure && entry.failure.until > now) {
      return { ok: false, sharedFailure: true, answer: entry.failure.answer };
    }
    const loading = entry.loading ?? this.load(ctx, entry, market, view);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<'waited'>((resolve) => {
      timer = setTimeout(() => resolve('waited'), this.options.waitMs);
    });
    try {
      const outcome = await Promise.race([loading, waited]);
      if (outcome === 'waited') {
        return {
          ok: false,
          sharedFailure: false,
          answer: notAvailable('timeout', `the ${view} price sheet for ${market} is still downloading`),
        };
      }
      return outcome;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Downloads a sheet into `entry`; resolves (never rejects) with what happened. */
  private load(ctx: PartnerCenterCallContext, entry: SheetEntry, market: string, view: PriceSheetView) {
    const client = this.client;
    const started = this.now();
    // The download is not the chat turn's: it keeps the transport's own retry budget and may outlive the question.
    const downloadCtx: PartnerCenterCallContext = { ...ctx, waitingSince: undefined };
    const run = async (): Promise<LoadOutcome> => {
      if (!client) throw new Error('no price sheet client');
      const index = await client.readPriceSheet(downloadCtx, { market, view }, () => {
        const building = new PriceSheetIndex(started);
        return {
          add: (row) => {
            try {
              building.add(row);
            } catch (error) {
              if (error instanceof RangeError) throw new UnreadableBodyError(error.message);
              throw error;
            }
          },
          done: () => building.seal(),
        };
      });
      const sheet: LoadedSheet = { index, loadedAt: this.now() };
      entry.sheet = sheet;
      entry.failure = undefined;
      this.options.log?.(
        `price sheet ${market} ${view}: ${index.size} prices in ${this.now() - started} ms (${index.skipped} rows of other segments)`,
      );
      return { ok: true, sheet };
    };
    const loading = run()
      .catch((error: unknown): LoadOutcome => {
        const { answer, shared } = failureOf(error, market, view);
        if (shared) entry.failure = { answer, until: this.now() + this.failureRetryMs };
        this.options.log?.(`price sheet ${market} ${view}: not read (${answer.reason}: ${answer.detail})`);
        return { ok: false, answer, sharedFailure: shared };
      })
      .finally(() => {
        if (entry.loading === loading) entry.loading = undefined;
      });
    entry.loading = loading;
    return loading;
  }

  /** The entry of a sheet, made when first asked; beyond `maxSheets` the least recently asked idle one is dropped. */
  private entry(key: string, now: number): SheetEntry {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { lastAsked: now };
      this.entries.set(key, entry);
      this.evict(key);
    }
    entry.lastAsked = now;
    return entry;
  }

  private evict(keep: string): void {
    while (this.entries.size > Math.max(1, this.options.maxSheets)) {
      let oldest: string | undefined;
      let oldestAsked = Infinity;
      for (const [key, candidate] of this.entries) {
        if (key === keep || candidate.loading) continue;
        if (candidate.lastAsked < oldestAsked) {
          oldest = key;
          oldestAsked = candidate.lastAsked;
        }
      }
      if (oldest === undefined) return;
      this.entries.delete(oldest);
    }
  }
}

/** The sheet a purchase category's prices are in. */
export function priceSheetViewOf(category: PurchaseCategory): PriceSheetView {
  return category === 'azure-reservations' ? 'azure_reservations' : 'software';
}

/** Quantity × unit price, rounded to the currency's minor unit (2 for most, 0 for JPY). */
export function priceLineOf(quote: PriceQuote, quantity: number): PriceLine {
  const total = roundToCurrency(quote.unitPrice * quantity, quote.currency);
  return { unitPrice: quote.unitPrice, quantity, total, currency: quote.currency };
}

function answerFrom(sheet: LoadedSheet, question: PriceQuestion, market: string, view: PriceSheetView): PriceAnswer {
  const lookup = {
    productId: question.productId,
    skuId: question.skuId,
    termDuration: question.termDuration,
    billingCycle: question.billingCycle,
  };
  const currency = question.currency.toUpperCase();
  const found = sheet.index.find({ ...lookup, currency });
  // Only the Azure plan reservation sheet is USD by design; elsewhere a missing currency means no price for it.
  const usdOnly = view === 'azure_reservations' && currency !== 'USD';
  const inUsd = found || !usdOnly ? undefined : sheet.index.find({ ...lookup, currency: 'USD' });
  const price = found ?? inUsd;
  if (!price) {
    return notAvailable(
      'not-in-sheet',
      `no ${currency} price for ${question.productId}/${question.skuId} ${question.termDuration ?? 'perpetual'} in the ${view} sheet of ${market}`,
    );
  }
  return {
    available: true,
    unitPrice: price.unitPrice,
    currency: price.currency,
    inRequestedCurrency: found !== undefined,
    ...(price.erpPrice === undefined ? {} : { erpPrice: price.erpPrice }),
    sheetDate: new Date(sheet.loadedAt).toISOString().slice(0, 10),
    estimate: true,
    view,
    market,
  };
}

/** The answer for a failed download, and whether it holds for everyone (so it is remembered) or only this person. */
function failureOf(error: unknown, market: string, view: string): { answer: PriceNotAvailable; shared: boolean } {
  const what = `the ${view} price sheet for ${market}`;
  if (error instanceof SignInRequiredError) {
    return { answer: notAvailable('sign-in-required', `${what} needs the person to sign in`), shared: false };
  }
  if (!(error instanceof PartnerCenterError)) {
    const message = error instanceof Error ? error.message : 'unknown error';
    return { answer: notAvailable('unavailable', `${what} could not be read: ${message}`), shared: true };
  }
  const refs = `(requestId ${error.requestId})`;
  if (error.kind === 'timeout') {
    return { answer: notAvailable('timeout', `${what} did not arrive in time ${refs}`), shared: true };
  }
  if (error.kind === 'throttled') {
    return { answer: notAvailable('throttled', `Partner Center is throttling ${what} ${refs}`), shared: true };
  }
  if (error.kind === 'http' && error.httpStatus === 403 && error.code?.trim() === APP_ONLY_REFUSED) {
    return {
      answer: notAvailable('app-only', `Partner Center refused an app-only token for ${what} ${refs}`),
      shared: false,
    };
  }
  if (error.kind === 'http' && (error.httpStatus === 401 || error.httpStatus === 403)) {
    return {
      answer: notAvailable(
        'forbidden',
        `Partner Center refused ${what} (HTTP ${error.httpStatus}, code ${error.code ?? 'none'}) ${refs}`,
      ),
      shared: false,
    };
  }
  return {
    answer: notAvailable('unavailable', `${what} could not be read (${error.kind} ${error.httpStatus ?? ''}) ${refs}`),
    shared: true,
  };
}

function notAvailable(reason: PriceUnavailableReason, detail: string): PriceNotAvailable {
  return { available: false, reason, detail };
}

function isFailing(entry: SheetEntry, now: number): boolean {
  return entry.failure !== undefined && entry.failure.until > now;
}
