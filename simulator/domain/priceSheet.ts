import { createHash } from 'node:crypto';
import { CATALOG_SEED, type ProductSeed, type SkuSeed } from '../data/catalogSeed';
import { findMarket, localPrice, type Market } from '../data/markets';
import { isRestrictedMarket } from '../data/restrictedMarkets';

/** The price sheet views of "Get a price sheet"; the simulator stocks `software` and `azure_reservations`. */
export const PRICE_SHEET_VIEWS = [
  'azure_consumption',
  'azure_reservations',
  'updatedlicensebased',
  'marketplace',
  'software',
] as const;

/** One of {@link PRICE_SHEET_VIEWS}. */
export type PriceSheetViewName = (typeof PRICE_SHEET_VIEWS)[number];

/**
 * Columns of the software view as "Software pricing" lists them, with `ChangeIndicator` first ("New columns
 * PreviousValues and ChangeIndicator will be added to the NCE software price list effective January 1, 2026"; where
 * PreviousValues goes is not shown, so it is left out).
 */
export const SOFTWARE_COLUMNS = [
  'ChangeIndicator',
  'ProductTitle',
  'ProductId',
  'SkuId',
  'SkuTitle',
  'Publisher',
  'SkuDescription',
  'UnitOfMeasure',
  'TermDuration',
  'BillingPlan',
  'Market',
  'Currency',
  'UnitPrice',
  'PricingTierRangeMin',
  'PricingTierRangeMax',
  'EffectiveStartDate',
  'EffectiveEndDate',
  'Tags',
  'ERP Price',
  'Segment',
] as const;

/** Columns of the Azure plan reservations view ("Azure plan price list", price list data). */
export const RESERVATION_COLUMNS = [
  'ProductTitle',
  'ProductId',
  'SkuId',
  'SkuTitle',
  'Publisher',
  'SkuDescription',
  'UnitOfMeasure',
  'TermDuration',
  'Market',
  'Currency',
  'UnitPrice',
  'PricingTierRangeMin',
  'PricingTierRangeMax',
  'EffectiveStartDate',
  'EffectiveEndDate',
  'MeterIds',
  'MeterType',
  'Tags',
] as const;

/**
 * "EU/EFTA and UK markets will have pricing in 6 currencies" (Software pricing): a European market's sheet lists every
 * price in SEK, NOK, CHF, DKK, GBP and EUR, each at the rate of a market that uses it.
 */
const EUROPEAN_CURRENCY_MARKETS = ['SE', 'NO', 'CH', 'DK', 'GB', 'DE'];
const ROWS_PER_CHUNK = 500;
const OPEN_END_ISO = '9999-11-30T23:59:59.0000000Z';
const OPEN_END_US = '11/30/9999 11:59:59 PM';
/** The simulator's estimated retail price: what the partner pays plus a margin (its own choice; not documented). */
const ERP_FACTOR = 1.2;
/** One software SKU is listed twice, an older price overlapping this month's by two days, as the docs warn happens. */
const OVERLAPPING_PRODUCT = 'DG7GMGF0FKZV';
const DAY_MS = 86_400_000;

/**
 * A price sheet of the simulator's catalog for one market and view, as CSV text produced a few hundred rows at a time
 * (a sheet with filler rows runs to a million). Prices are those the simulator charges: the catalog's USD price
 * converted with the market's rate (markets.ts `localPrice`), the same number a cart and order of the SKU carry —
 * except for reservations, which the Azure plan sheet lists in USD only ("Azure RIs purchased via Azure plan are priced
 * in USD and billed in partner's local currency", Azure plan price list). What the catalog doesn't sell in the market
 * (software subscriptions and reservations in MARKETS.md countries) isn't listed. `fillerRows` adds rows of products
 * the catalog doesn't have, to give the sheet a real partner's size.
 */
export async function* priceSheetCsv(
  market: Market,
  view: PriceSheetViewName,
  now: number,
  fillerRows: number,
): AsyncGenerator<Buffer> {
  const monthStart = startOfMonth(now);
  const rows: string[][] =
    view === 'software'
      ? softwareRows(market, monthStart)
      : view === 'azure_reservations'
        ? reservationRows(market, monthStart)
        : [];
  const header = view === 'azure_reservations' ? RESERVATION_COLUMNS : SOFTWARE_COLUMNS;
  // A UTF-8 byte order mark, as files exported for spreadsheets carry; readers must not take it for part of a name.
  yield Buffer.from(`\uFEFF${csvLine([...header])}`, 'utf8');
  for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
    yield Buffer.from(
      rows
        .slice(i, i + ROWS_PER_CHUNK)
        .map(csvLine)
        .join(''),
      'utf8',
    );
  }
  if (view !== 'software' && view !== 'azure_reservations') return;
  for (let i = 0; i < fillerRows; i += ROWS_PER_CHUNK) {
    const lines: string[] = [];
    for (let n = i; n < Math.min(fillerRows, i + ROWS_PER_CHUNK); n++)
      lines.push(csvLine(fillerRow(view, market, n, monthStart)));
    yield Buffer.from(lines.join(''), 'utf8');
  }
}

/** The currencies a market's sheet lists prices in. */
export function sheetCurrencies(market: Market): Market[] {
  if (!EUROPEAN_CURRENCY_MARKETS.some((country) => findMarket(country)?.currency === market.currency)) return [market];
  return EUROPEAN_CURRENCY_MARKETS.map((country) => findMarket(country)).filter((m): m is Market => m !== undefined);
}

function softwareRows(market: Market, monthStart: number): string[][] {
  const rows: string[][] = [];
  const start = isoDate(monthStart);
  for (const product of CATALOG_SEED) {
    if (product.kind === 'reservation') continue;
    if (product.kind === 'softwareSubscription' && isRestrictedMarket(market.country)) continue;
    for (const sku of product.skus) {
      for (const money of sheetCurrencies(market)) {
        const price = localPrice(sku.usdPrice, money);
        for (const segment of ['Commercial', 'Education']) {
          rows.push(softwareRow(product, sku, market, money, price, start, OPEN_END_ISO, segment));
        }
        if (product.id === OVERLAPPING_PRODUCT && sku.id === '0001') {
          const older = localPrice(sku.usdPrice * 1.05, money);
          const previousMonth = startOfMonth(monthStart - DAY_MS);
          rows.push(
            softwareRow(
              product,
              sku,
              market,
              money,
              older,
              isoDate(previousMonth),
              isoDate(monthStart + 2 * DAY_MS),
              'Commercial',
            ),
          );
        }
      }
    }
  }
  return rows;
}

function softwareRow(
  product: ProductSeed,
  sku: SkuSeed,
  market: Market,
  money: Market,
  price: number,
  start: string,
  end: string,
  segment: string,
): string[] {
  const perpetual = product.kind === 'perpetual';
  return [
    'Unchanged',
    product.title,
    product.id,
    sku.id,
    sku.title,
    'Microsoft',
    sku.description,
    '',
    perpetual ? 'OneTime' : (sku.termDuration ?? ''),
    perpetual ? '' : 'Annual',
    market.country,
    money.currency,
    String(price),
    '',
    '',
    start,
    end,
    perpetual ? 'Software;Perpetual' : 'Software;Subscription',
    String(localPrice(sku.usdPrice * ERP_FACTOR, money)),
    segment,
  ];
}

function reservationRows(market: Market, monthStart: number): string[][] {
  if (isRestrictedMarket(market.country)) return [];
  const rows: string[][] = [];
  const start = usDate(monthStart);
  for (const product of CATALOG_SEED) {
    if (product.kind !== 'reservation') continue;
    for (const sku of product.skus) {
      rows.push([
        product.title,
        product.id,
        sku.id,
        sku.title,
        'Microsoft',
        sku.description,
        '1 Hour',
        sku.termDuration ?? '',
        market.country,
        'USD',
        String(sku.usdPrice),
        '',
        '',
        start,
        OPEN_END_US,
        meterId(
          `${product.id}:${sku.dynamicAttributes?.armSkuName ?? sku.id}:${sku.dynamicAttributes?.armRegionName ?? ''}`,
        ),
        '1 Compute Hour',
        'Reservation',
      ]);
    }
  }
  return rows;
}

function fillerRow(view: PriceSheetViewName, market: Market, n: number, monthStart: number): string[] {
  const id = `SIMF${String(Math.floor(n / 4)).padStart(8, '0')}`;
  const skuId = String((n % 4) + 1).padStart(4, '0');
  const usd = 10 + (n % 997) * 3.5;
  if (view === 'azure_reservations') {
    return [
      `Filler reservation ${id}`,
      id,
      skuId,
      `Filler reservation ${id} size ${skuId}, "quoted" name, 1 Year`,
      'Microsoft',
      `Filler reservation ${id}, size ${skuId}`,
      '1 Hour',
      n % 2 === 0 ? 'P1Y' : 'P3Y',
      market.country,
      'USD',
      String(usd),
      '',
      '',
      usDate(monthStart),
      OPEN_END_US,
      meterId(`${id}:${skuId}`),
      '1 Compute Hour',
      'Reservation',
    ];
  }
  return [
    'Unchanged',
    `Filler software ${id}`,
    id,
    skuId,
    `Filler software ${id}, edition ${skuId}`,
    'Microsoft',
    `A product the simulator's catalog does not sell, listed so the sheet has a real partner's size.\nSecond line, "quoted".`,
    '',
    n % 2 === 0 ? 'P1Y' : 'OneTime',
    n % 2 === 0 ? 'Annual' : '',
    market.country,
    market.currency,
    String(localPrice(usd, market)),
    '',
    '',
    isoDate(monthStart),
    OPEN_END_ISO,
    'Software',
    String(localPrice(usd * ERP_FACTOR, market)),
    'Commercial',
  ];
}

/** One CSV line: every field quoted (as the documented example is), quotes doubled, CRLF at the end. */
function csvLine(fields: readonly string[]): string {
  return `${fields.map((field) => `"${field.replace(/"/g, '""')}"`).join(',')}\r\n`;
}

function meterId(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function startOfMonth(time: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** `2021-10-01T00:00:00.0000000Z`, the form of "Software pricing". */
function isoDate(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, '.0000000Z');
}

/** `3/1/2018 12:00:00 AM`, the form of the Azure example in "Get a price sheet". */
function usDate(time: number): string {
  const date = new Date(time);
  const hours = date.getUTCHours();
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ` +
    `${twelve}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`
  );
}
