/** A country the simulator sells in: its currency, culture and the USD exchange rate used to price the catalog. */
export interface Market {
  country: string;
  name: string;
  currency: string;
  symbol: string;
  culture: string;
  language: string;
  usdRate: number;
  decimals: number;
}

const m = (
  country: string,
  name: string,
  currency: string,
  symbol: string,
  culture: string,
  usdRate: number,
  decimals = 2,
): Market => ({ country, name, currency, symbol, culture, language: culture.slice(0, 2), usdRate, decimals });

/** Markets known to the simulator; catalog calls for any other country are rejected as invalid input. */
export const MARKETS: readonly Market[] = [
  m('US', 'United States', 'USD', '$', 'en-US', 1),
  m('GB', 'United Kingdom', 'GBP', '£', 'en-GB', 0.79),
  m('DE', 'Germany', 'EUR', '€', 'de-DE', 0.92),
  m('FR', 'France', 'EUR', '€', 'fr-FR', 0.92),
  m('NL', 'Netherlands', 'EUR', '€', 'nl-NL', 0.92),
  m('ES', 'Spain', 'EUR', '€', 'es-ES', 0.92),
  m('IT', 'Italy', 'EUR', '€', 'it-IT', 0.92),
  m('IE', 'Ireland', 'EUR', '€', 'en-IE', 0.92),
  m('JP', 'Japan', 'JPY', '¥', 'ja-JP', 150, 0),
  m('AU', 'Australia', 'AUD', '$', 'en-AU', 1.52),
  m('NZ', 'New Zealand', 'NZD', '$', 'en-NZ', 1.65),
  m('CA', 'Canada', 'CAD', '$', 'en-CA', 1.36),
  m('CH', 'Switzerland', 'CHF', 'CHF', 'de-CH', 0.88),
  m('SE', 'Sweden', 'SEK', 'kr', 'sv-SE', 10.5),
  m('DK', 'Denmark', 'DKK', 'kr', 'da-DK', 6.9),
  m('NO', 'Norway', 'NOK', 'kr', 'nb-NO', 10.7),
  m('IN', 'India', 'INR', '₹', 'en-IN', 83),
  m('SG', 'Singapore', 'SGD', '$', 'en-SG', 1.34),
  m('BR', 'Brazil', 'BRL', 'R$', 'pt-BR', 5),
  m('RU', 'Russia', 'RUB', '₽', 'ru-RU', 92),
  m('CN', 'China', 'CNY', '¥', 'zh-CN', 7.2),
  m('GI', 'Gibraltar', 'GBP', '£', 'en-GB', 0.79),
  m('AD', 'Andorra', 'EUR', '€', 'ca-AD', 0.92),
  m('JE', 'Jersey', 'GBP', '£', 'en-GB', 0.79),
];

const byCountry = new Map(MARKETS.map((market) => [market.country, market]));

/** The market for a country code (any casing), if the simulator knows it. */
export function findMarket(country: string): Market | undefined {
  return byCountry.get(country.toUpperCase());
}

/** Converts a USD list price into the market's currency, rounded to the currency's decimals. */
export function localPrice(usd: number, market: Market): number {
  const factor = 10 ** market.decimals;
  return Math.round(usd * market.usdRate * factor) / factor;
}
