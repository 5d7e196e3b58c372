import { formatDate, formatDateTime, formatMoney } from '../../cards/format';
import { plainSpaces } from './cardContent';

const money = (amount: number, currency: string | undefined, locale: string): string =>
  plainSpaces(formatMoney(amount, currency, locale));

describe('formatMoney', () => {
  it.each<[number, string, string, string]>([
    [1234.5, 'USD', 'en-US', '$1,234.50'],
    [1234.5, 'EUR', 'de-DE', '1.234,50 €'],
    [1234.5, 'EUR', 'en-US', '€1,234.50'],
    [1234.6, 'JPY', 'en-US', '¥1,235'],
    [1234567.5, 'INR', 'en-IN', '₹12,34,567.50'],
  ])('formats %p %s for %s as %p', (amount, currency, locale, expected) => {
    expect(money(amount, currency, locale)).toBe(expected);
  });

  // ICU releases differ in the exact yen sign and Swiss apostrophe, so these two allow both forms.
  it('writes JPY in ja-JP with the yen sign and whole yen, rounded down below half', () => {
    expect(money(1234.4, 'JPY', 'ja-JP')).toMatch(/^[¥￥]1,234$/);
  });

  it('groups CHF in de-CH with apostrophes', () => {
    expect(money(1234.5, 'CHF', 'de-CH')).toMatch(/^CHF 1['’]234\.50$/);
  });

  it('writes CHF in fr-CH with the amount first and the code after it', () => {
    expect(money(1234.5, 'CHF', 'fr-CH')).toMatch(/^1 234[.,]50 CHF$/);
  });

  it('shows JPY without decimals', () => {
    expect(formatMoney(500, 'JPY', 'ja-JP')).not.toMatch(/[.,]\d{2}$/);
  });

  it('shows a credit with a real minus sign in front of the currency', () => {
    expect(money(-1234.5, 'EUR', 'en-US')).toBe('\u2212€1,234.50');
    expect(money(-1234.5, 'EUR', 'de-DE')).toBe('\u22121.234,50 €');
  });

  it('does not show a minus for an amount that rounds to zero', () => {
    expect(money(-0.001, 'USD', 'en-US')).toBe('$0.00');
    expect(money(-0.4, 'JPY', 'en-US')).toBe('¥0');
  });

  it('writes an unknown currency code after a two-decimal number', () => {
    expect(money(1234.5, 'XYZ', 'en-US')).toBe('1,234.50 XYZ');
    expect(money(-1234.5, 'XYZ', 'de-DE')).toBe('\u22121.234,50 XYZ');
  });

  it('accepts a lower-case currency code', () => {
    expect(money(10, 'usd', 'en-US')).toBe('$10.00');
  });

  it('shows only the number when the currency is missing', () => {
    expect(money(1234.5, undefined, 'en-US')).toBe('1,234.50');
  });

  it.each(['xx-not-a-locale', '', 'klingon!!', 'zz'])('falls back to en-US for the unusable locale %p', (locale) => {
    expect(money(1234.5, 'EUR', locale)).toBe('€1,234.50');
  });

  it('never shows NaN or Infinity', () => {
    expect(formatMoney(Number.NaN, 'USD', 'en-US')).toBe('—');
    expect(formatMoney(Number.POSITIVE_INFINITY, 'USD', 'en-US')).toBe('—');
  });
});

describe('formatDate', () => {
  it.each<[string, string, string]>([
    ['2026-03-12T10:20:30Z', 'en-US', 'Mar 12, 2026'],
    ['2026-03-12T10:20:30Z', 'en-GB', '12 Mar 2026'],
    ['2026-03-12T10:20:30Z', 'de-DE', '12.03.2026'],
    ['2026-03-12T10:20:30Z', 'ja-JP', '2026/03/12'],
  ])('formats %s for %s as %p', (iso, locale, expected) => {
    expect(formatDate(iso, locale)).toBe(expected);
  });

  it.each([
    '2018-03-15T17:10:51.2712905Z',
    '2018-03-15T17:10:51.27+00:00',
    '2018-03-15T00:00:00',
    '2018-03-15',
    '2018-03-15T23:59:59-08:00',
  ])('reads the calendar date of %p whatever its precision or zone', (iso) => {
    expect(formatDate(iso, 'en-US')).toBe('Mar 15, 2018');
  });

  it.each(['0001-01-01T00:00:00', '0001-01-01T00:00:00Z', '0001-01-01T00:00:00.0000000', undefined, '', 'yesterday'])(
    'treats %p as not set',
    (iso) => {
      expect(formatDate(iso, 'en-US')).toBeUndefined();
    },
  );

  it.each(['2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-03-12T25:00:00Z'])(
    'treats the impossible date %p as not set instead of rolling it over',
    (iso) => {
      expect(formatDate(iso, 'en-US')).toBeUndefined();
    },
  );

  it('falls back to en-US for a bad locale', () => {
    expect(formatDate('2026-03-12T00:00:00Z', 'not a locale')).toBe('Mar 12, 2026');
  });
});

describe('formatDateTime', () => {
  it('shows date, time and UTC when the reader zone is unknown', () => {
    expect(plainSpaces(formatDateTime('2026-03-12T14:05:09.1234567Z', 'en-US') ?? '')).toBe(
      'Mar 12, 2026, 2:05 PM UTC',
    );
  });

  it('reads a zone-less timestamp as UTC', () => {
    expect(formatDateTime('2026-03-12T14:05:00', 'en-GB')).toBe(formatDateTime('2026-03-12T14:05:00Z', 'en-GB'));
  });

  it('applies an offset before converting to the reader zone', () => {
    expect(plainSpaces(formatDateTime('2026-03-12T09:05:00-05:00', 'en-GB', 'Europe/Berlin') ?? '')).toBe(
      '12 Mar 2026, 15:05 CET',
    );
  });

  it('formats for the locale', () => {
    expect(formatDateTime('2026-03-12T14:05:00Z', 'ja-JP')).toContain('2026年3月12日 14:05');
    expect(formatDateTime('2026-03-12T14:05:00Z', 'de-DE')).toContain('12. März 2026, 14:05');
  });

  it('falls back to UTC for an unknown time zone and to en-US for a bad locale', () => {
    expect(plainSpaces(formatDateTime('2026-03-12T14:05:00Z', '!!', 'Mars/Olympus_Mons') ?? '')).toBe(
      'Mar 12, 2026, 2:05 PM UTC',
    );
  });

  it('returns undefined for the not-set date', () => {
    expect(formatDateTime('0001-01-01T00:00:00', 'en-US')).toBeUndefined();
  });
});
