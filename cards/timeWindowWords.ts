import { textFor } from '../i18n/text';

/**
 * The window of an order list as a card says it: a phrase in the words the person used ("last week", "since 1
 * October") and the calendar days it covers in the person's time zone. Days are `YYYY-MM-DD`, months `YYYY-MM`.
 */
export interface OrderWindowView {
  phrase:
    | { kind: 'today' | 'yesterday' | 'thisWeek' | 'lastWeek' | 'thisMonth' | 'lastMonth' }
    | { kind: 'lastDays'; days: number }
    | { kind: 'since'; day: string }
    | { kind: 'inMonth'; month: string };
  /** First and last day covered (the last is today for a window still running). */
  firstDay: string;
  lastDay: string;
  /** The reader's today, which decides whether a date needs its year. */
  today: string;
  /** IANA zone the days are counted in (UTC when Teams didn't say). */
  timeZone: string;
}

const FIXED_PHRASES = {
  today: 'window.today',
  yesterday: 'window.yesterday',
  thisWeek: 'window.thisWeek',
  lastWeek: 'window.lastWeek',
  thisMonth: 'window.thisMonth',
  lastMonth: 'window.lastMonth',
} as const;

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    let usable = 'en-US';
    try {
      usable = Intl.DateTimeFormat.supportedLocalesOf([locale])[0] ?? 'en-US';
    } catch {
      // An odd locale from Teams reads as en-US rather than failing the card.
    }
    found = new Intl.DateTimeFormat(usable, { ...options, timeZone: 'UTC' });
    if (formats.size > 256) formats.clear();
    formats.set(key, found);
  }
  return found;
}

// Calendar days are drawn at UTC midnight with a UTC formatter: a day is a name, never shifted into a zone.
function dateOf(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date ?? 1));
}

function sameYear(day: string, today: string): boolean {
  return day.slice(0, 4) === today.slice(0, 4);
}

/**
 * The window in the bot's words with dates in the reader's locale: "last week", "in the last 30 days", "since 1
 * October" ("since October 1" in en-US), "in March 2025"; the year is given only when it isn't this year.
 */
export function windowPhrase(view: OrderWindowView, locale: string): string {
  const { phrase } = view;
  const say = textFor(locale);
  switch (phrase.kind) {
    case 'lastDays':
      return phrase.days === 1 ? say('window.today') : say('window.lastDays', { days: phrase.days });
    case 'since': {
      const withYear = !sameYear(phrase.day, view.today);
      const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long' };
      return say('window.since', {
        date: format(locale, withYear ? { ...options, year: 'numeric' } : options).format(dateOf(phrase.day)),
      });
    }
    case 'inMonth': {
      const withYear = !sameYear(phrase.month, view.today);
      const options: Intl.DateTimeFormatOptions = withYear ? { month: 'long', year: 'numeric' } : { month: 'long' };
      return say('window.inMonth', { month: format(locale, options).format(dateOf(phrase.month)) });
    }
    default:
      return say(FIXED_PHRASES[phrase.kind]);
  }
}

/**
 * The days a window covers and the zone they are counted in, e.g. "Placed 3–9 Mar 2026 (Europe/Zurich)", so "last
 * week" is never a guess. Undefined when the window has no days (a date in the future).
 */
export function windowDays(view: OrderWindowView, locale: string): string | undefined {
  if (view.firstDay > view.lastDay) return undefined;
  const days = format(locale, { dateStyle: 'medium' }).formatRange(dateOf(view.firstDay), dateOf(view.lastDay));
  return textFor(locale)('window.placed', { days, timeZone: view.timeZone });
}
