/**
 * One price sheet row, holding only the columns the bot uses. Column names and meanings are Partner Center's:
 * "Software pricing" (software view: ProductTitle, ProductId, SkuId, SkuTitle, Publisher, SkuDescription,
 * UnitOfMeasure, TermDuration `OneTime`/`P1Y`/`P1M`, BillingPlan blank/`Annual`, Market, Currency, UnitPrice,
 * PricingTierRangeMin/Max, EffectiveStartDate, EffectiveEndDate, Tags, ERP Price, Segment) and "Azure plan price list"
 * (azure_reservations view: the same up to EffectiveEndDate, then MeterIds, MeterType, Tags; no BillingPlan, ERP Price
 * or Segment). Titles, descriptions, meters and tags are not kept: the catalog names products, and a price is all the
 * bot asks of the sheet.
 */
export interface PriceSheetRow {
  productId: string;
  skuId: string;
  /** As in the sheet: `OneTime`, `P1Y`, `P3Y`, `P1M`, or blank. */
  termDuration: string;
  /** As in the sheet: `Annual`, `Monthly`, blank (perpetual software) or absent (reservations). */
  billingPlan: string;
  market: string;
  currency: string;
  /** "Price per unit" for the whole term ("The UnitPrice amount is for the term being purchased", Pricing and offers). */
  unitPrice: number;
  /** "Estimated retail price"; absent when the sheet has no such column or value. */
  erpPrice?: number;
  /** When this price starts and stops applying (ms since the epoch); absent when blank or unreadable. */
  effectiveStart?: number;
  effectiveEnd?: number;
  /** `Commercial`, `Education`, `Charity` (software); blank where the sheet has no segment. */
  segment: string;
}

/** Where the bot's columns are in a sheet, read from its header row. */
export interface PriceSheetColumns {
  productId: number;
  skuId: number;
  currency: number;
  unitPrice: number;
  termDuration?: number;
  billingPlan?: number;
  market?: number;
  erpPrice?: number;
  effectiveStart?: number;
  effectiveEnd?: number;
  segment?: number;
}

const REQUIRED = ['productid', 'skuid', 'currency', 'unitprice'] as const;
const NAMES: Record<string, keyof PriceSheetColumns> = {
  productid: 'productId',
  skuid: 'skuId',
  currency: 'currency',
  unitprice: 'unitPrice',
  termduration: 'termDuration',
  billingplan: 'billingPlan',
  market: 'market',
  erpprice: 'erpPrice',
  effectivestartdate: 'effectiveStart',
  effectiveenddate: 'effectiveEnd',
  segment: 'segment',
};

/**
 * Finds the bot's columns in a header row, by name and in any order: the docs list the columns but promise no order,
 * and the software list gained `ChangeIndicator` and `PreviousValues` in 2026. Names are compared without case,
 * spaces or stray quotes (`ERP Price`, the docs' `SKuId`). Returns the names of missing required columns instead when
 * the row lacks ProductId, SkuId, Currency or UnitPrice.
 */
export function priceSheetColumnsOf(header: readonly string[]): PriceSheetColumns | { missing: string[] } {
  const found: Partial<Record<keyof PriceSheetColumns, number>> = {};
  header.forEach((name, index) => {
    const key = NAMES[normaliseName(name)];
    if (key !== undefined && found[key] === undefined) found[key] = index;
  });
  const missing = REQUIRED.filter((name) => found[NAMES[name]] === undefined);
  const { productId, skuId, currency, unitPrice } = found;
  if (productId === undefined || skuId === undefined || currency === undefined || unitPrice === undefined) {
    return { missing: missing.map((name) => DISPLAY_NAMES[name]) };
  }
  return { ...found, productId, skuId, currency, unitPrice };
}

const DISPLAY_NAMES: Record<(typeof REQUIRED)[number], string> = {
  productid: 'ProductId',
  skuid: 'SkuId',
  currency: 'Currency',
  unitprice: 'UnitPrice',
};

/** One record as a row, or undefined when its ids, currency or price are missing or the price is not a number. */
export function priceSheetRowOf(fields: readonly string[], columns: PriceSheetColumns): PriceSheetRow | undefined {
  const text = (index: number | undefined): string => (index === undefined ? '' : (fields[index] ?? '').trim());
  const productId = text(columns.productId);
  const skuId = text(columns.skuId);
  const currency = text(columns.currency);
  const unitPrice = decimalOf(text(columns.unitPrice));
  if (!productId || !skuId || !currency || unitPrice === undefined) return undefined;
  const row: PriceSheetRow = {
    productId,
    skuId,
    termDuration: text(columns.termDuration),
    billingPlan: text(columns.billingPlan),
    market: text(columns.market),
    currency,
    unitPrice,
    segment: text(columns.segment),
  };
  const erpPrice = decimalOf(text(columns.erpPrice));
  if (erpPrice !== undefined) row.erpPrice = erpPrice;
  const effectiveStart = sheetDateOf(text(columns.effectiveStart));
  if (effectiveStart !== undefined) row.effectiveStart = effectiveStart;
  const effectiveEnd = sheetDateOf(text(columns.effectiveEnd));
  if (effectiveEnd !== undefined) row.effectiveEnd = effectiveEnd;
  return row;
}

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i;
const ISO_DATE = /^(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A sheet date in ms since the epoch, read as UTC. The docs show both forms: `2021-10-01T00:00:00.0000000Z` (Software
 * pricing) and `2/1/2019 12:00:00 AM` or `11/30/9999 23:59` (Get a price sheet, Pricing and offers).
 */
export function sheetDateOf(value: string): number | undefined {
  if (value === '') return undefined;
  const us = US_DATE.exec(value);
  if (us) {
    let hours = Number(us[4] ?? 0);
    const meridiem = us[7]?.toUpperCase();
    if (meridiem === 'PM' && hours < 12) hours += 12;
    if (meridiem === 'AM' && hours === 12) hours = 0;
    const time = Date.UTC(
      Number(us[3]),
      Number(us[1]) - 1,
      Number(us[2]),
      hours,
      Number(us[5] ?? 0),
      Number(us[6] ?? 0),
    );
    return Number.isFinite(time) ? time : undefined;
  }
  const iso = ISO_DATE.exec(value);
  if (iso) {
    // Seven fractional digits (.NET's round-trip format) are more than Date.parse promises to read.
    const fraction = iso[2] ? iso[2].slice(0, 4).padEnd(4, '0') : '';
    const dateTime = /[T ]/i.test(iso[1]) ? iso[1].replace(' ', 'T') : `${iso[1]}T00:00:00`;
    const time = Date.parse(`${dateTime}${fraction}${iso[3] ?? 'Z'}`);
    return Number.isFinite(time) ? time : undefined;
  }
  return undefined;
}

function decimalOf(value: string): number | undefined {
  if (value === '' || !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value)) return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

function normaliseName(name: string): string {
  return name.replace(/["'\u201c\u201d\s]/g, '').toLowerCase();
}
