import { invalidInput } from './apiError';

/** Parses an optional non-negative integer query value (`size`, `offset`); 400 / 800002 when malformed. */
export function nonNegativeInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw invalidInput(`${name} must be a non-negative integer`);
  return Number(value);
}

/** Parses an optional boolean query value (`True`, `false`, …). */
export function booleanValue(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw invalidInput(`${name} must be true or false`);
}

/** True when `seekOperation=Next` (any casing) asks for the next page; other seek operations are refused. */
export function isSeekNext(value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  if (value.toLowerCase() === 'next') return true;
  throw invalidInput(`seekOperation '${value}' isn't supported; only Next is`);
}
