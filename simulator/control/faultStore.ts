import { z } from 'zod';
import { pathSegments } from '../http/router';

/** A fault as posted to `POST /_simulator/faults`. */
export const faultSpecSchema = z.object({
  method: z.string().min(1),
  path: z.string().min(1),
  count: z.number().int().positive().default(1),
  status: z.number().int().min(100).max(599).optional(),
  body: z.unknown().optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  delayMs: z.number().int().nonnegative().max(120_000).optional(),
  drop: z.enum(['before', 'after']).optional(),
});

/** A validated fault specification. */
export type FaultSpec = z.infer<typeof faultSpecSchema>;

/** A registered fault and how many more requests it will hit. */
export interface ActiveFault {
  id: string;
  spec: FaultSpec;
  remaining: number;
}

/**
 * Faults injected into the next matching API requests. `path` is a case-insensitive glob where `*` matches exactly one
 * segment; the query string is ignored; method `*` matches any method. Faults are consumed in registration order.
 */
export class FaultStore {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  /** Registers a fault and returns its id. */
  add(spec: FaultSpec): string {
    const id = `fault-${this.nextId++}`;
    this.faults.push({ id, spec, remaining: spec.count });
    return id;
  }

  /** Takes one use of the first fault matching this request, if any. */
  take(method: string, path: string): FaultSpec | undefined {
    const fault = this.faults.find((candidate) => faultMatches(candidate.spec, method, path));
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    return fault.spec;
  }

  /** Removes every fault. */
  clear(): void {
    this.faults = [];
  }
}

/** Whether a fault's method and path glob match a request. */
export function faultMatches(spec: Pick<FaultSpec, 'method' | 'path'>, method: string, path: string): boolean {
  if (spec.method !== '*' && spec.method.toUpperCase() !== method.toUpperCase()) return false;
  const pattern = pathSegments(spec.path.split('?')[0]);
  const actual = pathSegments(path);
  if (pattern.length !== actual.length) return false;
  return pattern.every((segment, index) => segment === '*' || segment.toLowerCase() === actual[index].toLowerCase());
}
