import { daysInMonth } from './lookups/zonedCalendar';

/**
 * A time window as a person types it, before it is pinned to dates: "last week", "since October", "in March 2025".
 * Months are 1–12; a missing year means the most recent such month or day that has begun.
 */
export type TimeWindowRequest =
  | { kind: 'today' | 'yesterday' | 'thisWeek' | 'lastWeek' | 'thisMonth' | 'lastMonth' }
  | { kind: 'lastDays'; days: number }
  | { kind: 'since'; month: number; day?: number; year?: number }
  | { kind: 'inMonth'; month: number; year?: number };

const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
// Longest first, so "sept" is not read as "sep" followed by a stray "t".
const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;
const ORDINAL = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:,?\s+(\d{4}))?`;
// "in the last week", "over the past 30 days", "during last month": the lead-in words go with the window.
const LEAD = String.raw`(?:(?:in|over|during|within|for)\s+(?:the\s+)?)?`;
const MAX_DAYS = 3660;

interface Rule {
  pattern: RegExp;
  read(match: RegExpExecArray): TimeWindowRequest | undefined;
}

const RULES: Rule[] = [
  { pattern: new RegExp(String.raw`\b(?:from\s+|for\s+|placed\s+)?today\b`, 'i'), read: () => ({ kind: 'today' }) },
  {
    pattern: new RegExp(String.raw`\b(?:from\s+|for\s+|placed\s+)?yesterday\b`, 'i'),
    read: () => ({ kind: 'yesterday' }),
  },
  {
    pattern: new RegExp(String.raw`\b${LEAD}(?:last|past|previous)\s+(\d{1,4})\s+(days?|weeks?)\b`, 'i'),
    read: (m) => {
      const days = Number(m[1]) * (/^week/i.test(m[2]) ? 7 : 1);
      return days >= 1 && days <= MAX_DAYS ? { kind: 'lastDays', days } : undefined;
    },
  },
  {
    pattern: new RegExp(String.raw`\b${LEAD}(this|last|previous|past)\s+(week|month)\b`, 'i'),
    read: (m) => {
      const which = m[1].toLowerCase();
      const unit = m[2].toLowerCase();
      // "the past week" is the seven days up to now, "last week" the calendar week before this one.
      if (which === 'past') return { kind: 'lastDays', days: unit === 'week' ? 7 : 30 };
      if (which === 'this') return { kind: unit === 'week' ? 'thisWeek' : 'thisMonth' };
      return { kind: unit === 'week' ? 'lastWeek' : 'lastMonth' };
    },
  },
  {
    pattern: /\bsince\s+(\d{4})-(\d{2})-(\d{2})\b/i,
    read: (m) => since(Number(m[2]), Number(m[3]), Number(m[1])),
  },
  {
    pattern: new RegExp(String.raw`\bsince\s+(?:the\s+)?${ORDINAL}\s+(?:of\s+)?${MONTH}${YEAR}\b`, 'i'),
    read: (m) => since(MONTHS[m[2].toLowerCase()], Number(m[1]), optionalYear(m[3])),
  },
  {
    pattern: new RegExp(String.raw`\bsince\s+${MONTH}\s+(?:the\s+)?${ORDINAL}${YEAR}\b`, 'i'),
    read: (m) => since(MONTHS[m[1].toLowerCase()], Number(m[2]), optionalYear(m[3])),
  },
  {
    pattern: new RegExp(String.raw`\bsince\s+(?:the\s+(?:start|beginning)\s+of\s+)?${MONTH}${YEAR}\b`, 'i'),
    read: (m) => since(MONTHS[m[1].toLowerCase()], undefined, optionalYear(m[2])),
  },
  {
    // Not "for March": "orders for May Industries" names a customer.
    pattern: new RegExp(String.raw`\b(?:in|during)\s+${MONTH}${YEAR}\b`, 'i'),
    read: (m) => {
      const year = optionalYear(m[2]);
      return year === null
        ? undefined
        : { kind: 'inMonth', month: MONTHS[m[1].toLowerCase()], ...(year ? { year } : {}) };
    },
  },
];

/**
 * Finds a time window in a message ("orders for contoso last week", "one-time orders since 1 October", "orders in
 * March") and returns it with the rest of the message, so the customer named around it is read without it. Undefined
 * when the message names no window (or an impossible date, such as 31 April).
 */
export function readTimeWindow(text: string): { window: TimeWindowRequest; rest: string } | undefined {
  for (const rule of RULES) {
    const match = rule.pattern.exec(text);
    if (!match) continue;
    const window = rule.read(match);
    if (!window) return undefined;
    const rest = `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`
      .replace(/\s+([.!?,;:])/g, '$1')
      .replace(/\s+/g, ' ')
      .trim();
    return { window, rest };
  }
  return undefined;
}

/** undefined: no year typed; null: a year no order can have. */
function optionalYear(typed: string | undefined): number | undefined | null {
  if (typed === undefined) return undefined;
  const year = Number(typed);
  return year >= 2000 && year <= 2100 ? year : null;
}

function since(
  month: number | undefined,
  day: number | undefined,
  year: number | undefined | null,
): TimeWindowRequest | undefined {
  if (month === undefined || month < 1 || month > 12 || year === null) return undefined;
  // Without a year the day may be in a leap year (29 February), so it is checked against the longest February.
  if (day !== undefined && (day < 1 || day > daysInMonth(year ?? 2024, month))) return undefined;
  return { kind: 'since', month, ...(day !== undefined ? { day } : {}), ...(year ? { year } : {}) };
}
