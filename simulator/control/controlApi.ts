import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { RequestBody } from '../http/bodyReader';
import { writeResponse } from '../http/responseWriter';
import type { ApiResponse } from '../http/apiTypes';
import { faultSpecSchema, type FaultStore } from './faultStore';
import { isLoopbackAddress } from './loopback';
import type { RequestJournal } from './requestJournal';

/** What the control API can act on. */
export interface ControlTarget {
  faults: FaultStore;
  journal: RequestJournal;
  reset(): void;
  advanceClock(seconds: number): string;
  rotateCatalog(): void;
}

const clockSchema = z.object({ advanceSeconds: z.number().nonnegative() });

/**
 * The test-only control API under `/_simulator/`: reset, faults, request journal, clock and catalog rotation. Only
 * loopback clients are served; anyone else gets 403.
 */
export class ControlApi {
  constructor(private readonly target: ControlTarget) {}

  /** Handles one control request. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL, body: RequestBody): void {
    writeResponse(res, this.answer(req, url, body), { 'Cache-Control': 'no-store' });
  }

  private answer(req: IncomingMessage, url: URL, body: RequestBody): ApiResponse {
    if (!isLoopbackAddress(req.socket.remoteAddress)) {
      return { status: 403, body: { error: 'The simulator control API only answers loopback clients.' } };
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const route = `${method} ${url.pathname.toLowerCase().replace(/\/+$/, '')}`;
    switch (route) {
      case 'POST /_simulator/reset':
        this.target.reset();
        return { status: 204 };
      case 'POST /_simulator/faults': {
        const parsed = faultSpecSchema.safeParse(parseJson(body.text));
        if (!parsed.success) return badRequest(parsed.error.issues.map((issue) => issue.path.join('.')).join(', '));
        return { status: 201, body: { id: this.target.faults.add(parsed.data) } };
      }
      case 'DELETE /_simulator/faults':
        this.target.faults.clear();
        return { status: 204 };
      case 'GET /_simulator/requests':
        return { status: 200, body: { items: this.target.journal.list() } };
      case 'POST /_simulator/clock': {
        const parsed = clockSchema.safeParse(parseJson(body.text));
        if (!parsed.success) return badRequest('advanceSeconds must be a non-negative number');
        return { status: 200, body: { now: this.target.advanceClock(parsed.data.advanceSeconds) } };
      }
      case 'POST /_simulator/catalog/rotate':
        this.target.rotateCatalog();
        return { status: 204 };
      default:
        return { status: 404, body: { error: `Unknown control operation ${method} ${url.pathname}` } };
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function badRequest(detail: string): ApiResponse {
  return { status: 400, body: { error: `Invalid control request: ${detail}` } };
}
