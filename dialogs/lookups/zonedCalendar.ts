/** A calendar day, as a person in some time zone names it (month 1–12). */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const FALLBACK_TIME_ZONE = 'UTC';

/**
 * The IANA zone Teams sent (`localTimezone`) when this Node build knows it, else UTC: Teams' value is untrusted text
 * and not every client sends one.
 */
export function usableTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return FALLBACK_TIME_ZONE;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return FALLBACK_TIME_ZONE;
  }
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    // Zones come from Teams, so the cache is bounded; a handful of zones is the normal case.
    if (partsFormats.size > 64) partsFormats.clear();
    partsFormats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(
  instantMs: number,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of partsFormat(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  return fields;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(instantMs: number, timeZone: string): number {
  const wall = wallClock(instantMs, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The calendar day an instant falls on in a zone. */
export function dayOf(instantMs: number, timeZone: string): CalendarDay {
  const wall = wallClock(instantMs, timeZone);
  return { year: wall.year, month: wall.month, day: wall.day };
}

/**
 * The instant a calendar day starts in a zone. The zone's offset is read twice, the second time at the first answer,
 * so a day that starts next to a daylight-saving change still starts at its own midnight (or, where the clocks skip
 * midnight, at the first minute the day has).
 */
export function startOfDay(day: CalendarDay, timeZone: string): number {
  const asUtc = Date.UTC(day.year, day.month - 1, day.day);
  const first = asUtc - offsetAt(asUtc, timeZone);
  return asUtc - offsetAt(first, timeZone);
}

/** The day `days` after (or before, when negative) another. */
export function addDays(day: CalendarDay, days: number): CalendarDay {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** 0 for Monday … 6 for Sunday (weeks start on Monday, as in ISO 8601). */
export function weekdayOf(day: CalendarDay): number {
  return (new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() + 6) % 7;
}

/** Number of days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Compares two days: negative when `a` is earlier. */
export function compareDays(a: CalendarDay, b: CalendarDay): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** `YYYY-MM-DD`. */
export function isoDay(day: CalendarDay): string {
  return `${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}
