import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { RequestBody } from '../http/bodyReader';
import { writeResponse } from '../http/responseWriter';
import type { ApiResponse } from '../http/apiTypes';
import { checkoutRefusalSpecSchema, type CheckoutRefusalSpec } from '../domain/orderGroups';
import { callerAccessSpecSchema, type CallerAccessSpec } from './callerAccess';
import { faultSpecSchema, type FaultStore } from './faultStore';
import { isLoopbackAddress } from './loopback';
import type { RequestJournal } from './requestJournal';

/** What the control API can act on. */
export interface ControlTarget {
  faults: FaultStore;
  journal: RequestJournal;
  reset(): void;
  /** Sets whose sign-ins lack MFA and who may not see prices (replacing the previous setting). */
  setAccess(spec: CallerAccessSpec): void;
  advanceClock(seconds: number): string;
  rotateCatalog(): void;
  /** Renames a customer; false when there is no such customer. */
  renameCustomer(customerId: string, companyName: string): boolean;
  /** Retitles a product, or one of its SKUs; false when there is no such product or SKU. */
  retitleProduct(productId: string, skuId: string | undefined, title: string): boolean;
  /** Puts a product's cart lines in an order group of their own; false when there is no such product. */
  placeInOrderGroup(productId: string, orderGroup: string): boolean;
  /** Makes the next checkouts refuse an order group (or all of them) with an `orderErrors` entry. */
  refuseOrderGroups(spec: CheckoutRefusalSpec): void;
  /** Adds a completed order placed in the past; undefined for an unknown customer, product or SKU. */
  addPastOrder(spec: PastOrderSpec): string | undefined;
  /** Simulated time now (epoch ms). */
  now(): number;
}

/** A completed order to add to a customer's history (`POST /_simulator/orders/history`). */
export interface PastOrderSpec {
  customerId: string;
  /** Simulated time, epoch ms. */
  createdAt: number;
  productId?: string;
  skuId?: string;
  quantity?: number;
}

const clockSchema = z.object({ advanceSeconds: z.number().nonnegative() });
// Up to 100,000 characters, so tests can hand the bot names far longer than any card can hold.
const renameSchema = z.strictObject({ customerId: z.string().min(1), companyName: z.string().min(1).max(100_000) });
const orderGroupSchema = z.strictObject({
  productId: z.string().min(1),
  orderGroup: z.string().min(1).max(64),
});
// Either an instant or an age in days (of simulated time), never in the future: history is what has happened.
const pastOrderSchema = z
  .strictObject({
    customerId: z.string().min(1),
    createdAt: z.iso.datetime({ offset: true }).optional(),
    daysAgo: z.number().nonnegative().max(3650).optional(),
    productId: z.string().min(1).optional(),
    skuId: z.string().min(1).optional(),
    quantity: z.number().int().positive().max(10_000).optional(),
  })
  .refine((spec) => (spec.createdAt === undefined) !== (spec.daysAgo === undefined), {
    message: 'exactly one of createdAt and daysAgo',
  });
const retitleSchema = z.strictObject({
  productId: z.string().min(1),
  skuId: z.string().min(1).optional(),
  title: z.string().min(1).max(100_000),
});

/**
 * The test-only control API under `/_simulator/`: reset, faults, request journal, clock, catalog rotation, renaming
 * customers and products (any text, markdown and all, to show what the bot does with hostile names), and order groups
 * refused at checkout (partial checkouts). Only loopback clients are served; anyone else gets 403.
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
      case 'POST /_simulator/access': {
        const parsed = callerAccessSpecSchema.safeParse(parseJson(body.text));
        if (!parsed.success) return badRequest(parsed.error.issues.map((issue) => issue.path.join('.')).join(', '));
        this.target.setAccess(parsed.data);
        return { status: 204 };
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
      case 'POST /_simulator/customers/rename': {
        const parsed = renameSchema.safeParse(parseJson(body.text));
        if (!parsed.success) return badRequest('customerId and companyName (1 to 100,000 characters) are required');
        if (!this.target.renameCustomer(parsed.data.customerId, parsed.data.companyName)) {
          return { status: 404, body: { error: `No customer ${parsed.data.customerId}` } };
        }
        return { status: 204 };
      }
      case 'POST /_simulator/catalog/titles': {
        const parsed = retitleSchema.safeParse(parseJson(body.text));
        if (!parsed.success) return badRequest('productId and title (1 to 100,000 characters) are required');
        const { productId, skuId, title } = parsed.data;
        if (!this.target.retitleProduct(productId, skuId, title)) {
          return { status: 404, body: { error: `No product ${productId}${skuId ? ` with SKU ${skuId}` : ''}` } };
        }
        return { status: 204 };
      }
      case 'POST /_simulator/catalog/ordergroups': {
        const parsed = orderGroupSchema.safeParse(parseJson(body.text));
        if (!parsed.success) return badRequest('productId and orderGroup (1 to 64 characters) are required');
        if (!this.target.placeInOrderGroup(parsed.data.productId, parsed.data.orderGroup)) {
          return { status: 404, body: { error: `No product ${parsed.data.productId}` } };
        }
        return { status: 204 };
      }
      case 'POST /_simulator/orders/history': {
        const parsed = pastOrderSchema.safeParse(parseJson(body.text));
        if (!parsed.success) {
          return badRequest('customerId and exactly one of createdAt (ISO 8601) or daysAgo (0 to 3650) are required');
        }
        const { createdAt, daysAgo, ...rest } = parsed.data;
        const now = this.target.now();
        const at = createdAt === undefined ? now - (daysAgo ?? 0) * 86_400_000 : Date.parse(createdAt);
        if (at > now) return badRequest('createdAt is in the future of the simulated clock');
        const id = this.target.addPastOrder({ ...rest, createdAt: at });
        if (!id) return { status: 404, body: { error: 'No such customer, or no such non-reservation product or SKU' } };
        return { status: 201, body: { id } };
      }
      case 'POST /_simulator/checkout/refusals': {
        const parsed = checkoutRefusalSpecSchema.safeParse(parseJson(body.text));
        if (!parsed.success) return badRequest(parsed.error.issues.map((issue) => issue.path.join('.')).join(', '));
        this.target.refuseOrderGroups(parsed.data);
        return { status: 204 };
      }
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
