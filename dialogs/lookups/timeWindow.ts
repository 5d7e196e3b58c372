import type { OrderWindowView } from '../../cards/timeWindowWords';
import type { CreatedWithin } from '../../services/lookups/types';
import type { TimeWindowRequest } from '../readTimeWindow';
import {
  addDays,
  type CalendarDay,
  compareDays,
  dayOf,
  daysInMonth,
  isoDay,
  startOfDay,
  usableTimeZone,
  weekdayOf,
} from './zonedCalendar';

/**
 * A typed window pinned to instants: what the order list keeps (`createdWithin`) and what its card says (`view`). Kept
 * with a list's position so that `more` pages through the same orders even after midnight has passed.
 */
export interface ResolvedTimeWindow {
  createdWithin: CreatedWithin;
  view: OrderWindowView;
}

interface Days {
  first: CalendarDay;
  /** The day after the last one covered: the window ends where it starts. */
  end: CalendarDay;
  phrase: OrderWindowView['phrase'];
}

/**
 * Pins a window to the person's calendar: days are counted in their time zone (Teams' `localTimezone`, else UTC),
 * weeks start on Monday, and a window still running ("this week", "since October") ends with today. A month or day
 * typed without a year is the most recent one that has begun ("since October" in March 2026 is 1 October 2025).
 */
export function resolveTimeWindow(
  request: TimeWindowRequest,
  nowMs: number,
  timeZone: string | undefined,
): ResolvedTimeWindow {
  const zone = usableTimeZone(timeZone);
  const today = dayOf(nowMs, zone);
  const tomorrow = addDays(today, 1);
  const { first, end, phrase } = daysOf(request, today, tomorrow);
  // Nothing is placed in the future, so a running window ends tonight rather than at the end of its week or month.
  const until = compareDays(end, tomorrow) > 0 ? tomorrow : end;
  return {
    createdWithin: {
      from: new Date(startOfDay(first, zone)).toISOString(),
      to: new Date(startOfDay(until, zone)).toISOString(),
    },
    view: {
      phrase,
      firstDay: isoDay(first),
      lastDay: isoDay(addDays(until, -1)),
      today: isoDay(today),
      timeZone: zone,
    },
  };
}

function daysOf(request: TimeWindowRequest, today: CalendarDay, tomorrow: CalendarDay): Days {
  const monday = addDays(today, -weekdayOf(today));
  const firstOfMonth: CalendarDay = { year: today.year, month: today.month, day: 1 };
  switch (request.kind) {
    case 'today':
      return { first: today, end: tomorrow, phrase: { kind: 'today' } };
    case 'yesterday':
      return { first: addDays(today, -1), end: today, phrase: { kind: 'yesterday' } };
    case 'thisWeek':
      return { first: monday, end: tomorrow, phrase: { kind: 'thisWeek' } };
    case 'lastWeek':
      return { first: addDays(monday, -7), end: monday, phrase: { kind: 'lastWeek' } };
    case 'thisMonth':
      return { first: firstOfMonth, end: tomorrow, phrase: { kind: 'thisMonth' } };
    case 'lastMonth':
      return { first: monthBefore(firstOfMonth), end: firstOfMonth, phrase: { kind: 'lastMonth' } };
    case 'lastDays':
      return {
        first: addDays(today, 1 - request.days),
        end: tomorrow,
        phrase: { kind: 'lastDays', days: request.days },
      };
    case 'since': {
      const on = (year: number): CalendarDay => ({
        year,
        month: request.month,
        // 29 February typed without a year, in a year without one, is the last day of that February.
        day: Math.min(request.day ?? 1, daysInMonth(year, request.month)),
      });
      let first = on(request.year ?? today.year);
      if (request.year === undefined && compareDays(first, today) > 0) first = on(today.year - 1);
      return { first, end: tomorrow, phrase: { kind: 'since', day: isoDay(first) } };
    }
    case 'inMonth': {
      const year = request.year ?? (request.month <= today.month ? today.year : today.year - 1);
      const first: CalendarDay = { year, month: request.month, day: 1 };
      return { first, end: monthAfter(first), phrase: { kind: 'inMonth', month: isoDay(first).slice(0, 7) } };
    }
  }
}

function monthBefore(firstOfMonth: CalendarDay): CalendarDay {
  return firstOfMonth.month === 1
    ? { year: firstOfMonth.year - 1, month: 12, day: 1 }
    : { year: firstOfMonth.year, month: firstOfMonth.month - 1, day: 1 };
}

function monthAfter(firstOfMonth: CalendarDay): CalendarDay {
  return firstOfMonth.month === 12
    ? { year: firstOfMonth.year + 1, month: 1, day: 1 }
    : { year: firstOfMonth.year, month: firstOfMonth.month + 1, day: 1 };
}
