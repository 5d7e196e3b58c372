import { z } from 'zod';

/**
 * A string enum that tolerates values it does not know: a case-insensitive match returns the canonical known value,
 * anything else is kept verbatim. Partner Center mixes `NotRegistered`/`notregistered` and adds values without notice,
 * so failing on an unknown value would break the bot for no benefit.
 */
export function knownOr<const T extends readonly [string, ...string[]]>(values: T) {
  const canonical = new Map(values.map((v) => [v.toLowerCase(), v] as const));
  return z.string().transform((raw): T[number] | (string & {}) => canonical.get(raw.toLowerCase()) ?? raw);
}

const numericString = /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/;

/** A number that newer payloads send as a JSON string (`"quantity": "25"`); the result is always a number. */
export const numberFromWire = z.union([
  z.number(),
  z
    .string()
    .regex(numericString, 'expected a number or a numeric string')
    .transform((s) => Number(s)),
]);

/** A value the docs type as a string but examples send as a number (`resellerMpnId`, error `code`). */
export const stringFromWire = z.union([z.string(), z.number().transform((n) => String(n))]);
