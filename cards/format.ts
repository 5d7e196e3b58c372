import { parsePartnerCenterTimestamp } from './partnerCenterTimestamp';
import { safeForMarkdown } from './untrustedText';

const FALLBACK_LOCALE = 'en-US';
const FALLBACK_TIME_ZONE = 'UTC';
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
/** U+2212: a real minus sign reads as a credit at a glance, where a hyphen can pass for a dash. */
const MINUS = '\u2212';
const NO_BREAK_SPACE = '\u00a0';

/**
 * Formatters are made once per (locale, options) and reused. Each Intl formatter costs a millisecond or more of CPU
 * and native memory that garbage collection is slow to give back: a balance card in 16 currencies used to make about
 * a hundred per render. Locales and time zones come from Teams (untrusted, unbounded in variety), so the cache is
 * bounded: when it is full it starts over.
 */
const MAX_CACHED = 512;
const cache = new Map<string, unknown>();

function cached<T>(key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit as T;
  if (cache.size >= MAX_CACHED) cache.clear();
  const made = make();
  cache.set(key, made);
  return made;
}

/** The locale if this Node build can format it, else en-US; Teams sometimes sends odd or empty locales. */
function usableLocale(locale: string): string {
  return cached(`locale|${locale}`, () => {
    try {
      return Intl.NumberFormat.supportedLocalesOf([locale])[0] ?? FALLBACK_LOCALE;
    } catch {
      return FALLBACK_LOCALE;
    }
  });
}

function usableTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return FALLBACK_TIME_ZONE;
  return cached(`zone|${timeZone}`, () => {
    try {
      return new Intl.DateTimeFormat(FALLBACK_LOCALE, { timeZone }).resolvedOptions().timeZone;
    } catch {
      return FALLBACK_TIME_ZONE;
    }
  });
}

function numberFormat(locale: string, currency: string | undefined): Intl.NumberFormat {
  return cached(`number|${locale}|${currency ?? ''}`, () =>
    currency
      ? new Intl.NumberFormat(locale, { style: 'currency', currency })
      : new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  );
}

function dateFormat(locale: string): Intl.DateTimeFormat {
  return cached(`date|${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }));
}

function dateTimeFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  return cached(
    `datetime|${locale}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZone,
        timeZoneName: 'short',
      }),
  );
}

/**
 * Formats with the formatter's own rounding, but drops the sign when the amount rounds to zero (no "−$0.00") and
 * writes a real minus sign.
 */
function formatSigned(formatter: Intl.NumberFormat, amount: number): string {
  // Most amounts are not negative: no sign to drop or replace, and format() costs a fraction of formatToParts() (a
  // balance card formats some sixty amounts). Math.abs turns −0 into 0, which formats without a sign.
  if (amount >= 0) return formatter.format(Math.abs(amount));
  const parts = formatter.formatToParts(amount);
  const digits = parts
    .filter((part) => part.type === 'integer' || part.type === 'fraction')
    .map((part) => part.value)
    .join('');
  if (!/[1-9]/.test(digits)) return formatter.format(0);
  return parts.map((part) => (part.type === 'minusSign' ? MINUS : part.value)).join('');
}

/**
 * Formats an amount the way the reader's locale writes that currency: the currency's own decimals (JPY none, most
 * two), the locale's grouping (INR lakhs, CHF apostrophes in de-CH) and symbol position. Negative amounts are
 * credits and get a real minus sign ("−€1,234.50"). A currency code Node does not know is written after a
 * two-decimal number ("1,234.50 XYZ"), neutralised for card markdown since it is Partner Center's text; with no
 * code at all only the number is shown.
 */
export function formatMoney(amount: number, currencyCode: string | undefined, locale: string): string {
  if (!Number.isFinite(amount)) return '—';
  const resolved = usableLocale(locale);
  const code = currencyCode?.trim().toUpperCase() ?? '';
  if (KNOWN_CURRENCIES.has(code)) return formatSigned(numberFormat(resolved, code), amount);
  const number = formatSigned(numberFormat(resolved, undefined), amount);
  return code ? `${number}${NO_BREAK_SPACE}${safeForMarkdown(code, 'word')}` : number;
}

/**
 * Formats the calendar date of a Partner Center timestamp for the locale ("Mar 12, 2026", "12.03.2026"). The date
 * is taken as written, not moved into a time zone, because Partner Center's invoice and expiry dates are
 * midnight values that would slip a day if shifted. Returns undefined when the value is missing, malformed or
 * .NET's "not set" (`0001-01-01T00:00:00`), so the card leaves the row out.
 */
export function formatDate(iso: string | undefined, locale: string): string | undefined {
  const parsed = parsePartnerCenterTimestamp(iso);
  if (!parsed) return undefined;
  return dateFormat(usableLocale(locale)).format(new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.day)));
}

/**
 * Formats a moment (when something was checked or read, when a link expires) with date, time and zone name, in the
 * reader's time zone when the caller knows it (Teams sends `localTimezone` on activities), else in UTC. The zone
 * name is always shown so a time is never ambiguous. Returns undefined for a missing or unreadable value.
 */
export function formatDateTime(iso: string | undefined, locale: string, timeZone?: string): string | undefined {
  const parsed = parsePartnerCenterTimestamp(iso);
  if (!parsed) return undefined;
  return dateTimeFormat(usableLocale(locale), usableTimeZone(timeZone)).format(parsed.instant);
}

function zonedDateFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  return cached(
    `zoned-date|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }),
  );
}

/**
 * Formats the calendar date of a moment (an order's creation) as the reader's time zone names it: an order placed at
 * 00:30 on 10 March in Zurich (23:30 on the 9th in UTC) shows as 10 March, as in an order list windowed in that zone.
 * Returns undefined for a missing or unreadable value.
 */
export function formatDateInZone(iso: string | undefined, locale: string, timeZone: string): string | undefined {
  const parsed = parsePartnerCenterTimestamp(iso);
  if (!parsed) return undefined;
  return zonedDateFormat(usableLocale(locale), usableTimeZone(timeZone)).format(parsed.instant);
}
