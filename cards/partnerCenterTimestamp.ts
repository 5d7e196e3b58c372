/** A Partner Center timestamp taken apart: the instant it names and the calendar date as written. */
export interface PartnerCenterTimestamp {
  instant: Date;
  year: number;
  month: number;
  day: number;
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

/**
 * Reads a Partner Center date-time, which comes in mixed precision (none to seven fractional digits), with `Z`, with
 * an offset or with no zone at all. A zone-less value is taken as UTC because that is how Partner Center stores
 * them, and `Date`'s own parser would read it in the server's zone instead. `0001-01-01T00:00:00` is .NET's
 * "not set", so year 1 (and any year before 1000, which no real order or invoice has) counts as missing; so does
 * anything malformed or out of range.
 */
export function parsePartnerCenterTimestamp(value: string | undefined): PartnerCenterTimestamp | undefined {
  const match = TIMESTAMP.exec(value?.trim() ?? '');
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? '0'));
  if (year < 1000 || hour > 23 || minute > 59 || second > 59) return undefined;
  const offset = offsetMinutes(match[8]);
  if (Math.abs(offset) > 18 * 60) return undefined;
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return undefined;
  const millis = Number(`0.${match[7] ?? '0'}`) * 1000;
  const instant = new Date(Date.UTC(year, month - 1, day, hour, minute, second) + millis - offset * 60_000);
  return { instant, year, month, day };
}
