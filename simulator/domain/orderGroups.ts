import { z } from 'zod';
import type { CartLine } from './cartLines';

/**
 * The order group of a one-time line unless a test says otherwise: the documented create-cart example puts its two
 * reserved instances and its perpetual software line together in group `"0"` (one `one_time` order).
 */
export const ONE_TIME_ORDER_GROUP = '0';

/** A refusal as posted to `POST /_simulator/checkout/refusals`. */
export const checkoutRefusalSpecSchema = z.strictObject({
  /** The order group to refuse; absent = every order group of the cart (nothing is ordered). */
  orderGroup: z.string().min(1).optional(),
  /** The OrderError `code`; 800005 is the documented "Create order isn't successful". */
  code: z.number().int().positive().default(800005),
  description: z.string().min(1).max(1024).default("Create order isn't successful"),
  /** How many checkouts it applies to. */
  count: z.number().int().positive().default(1),
});

/** A validated refusal specification. */
export type CheckoutRefusalSpec = z.infer<typeof checkoutRefusalSpecSchema>;

/** An `orderErrors` entry of a CartCheckoutResult, as on the wire (SDK `OrderError`: orderGroupId, code, description). */
export interface OrderErrorJson {
  orderGroupId: string;
  code: number;
  description: string;
}

/** The lines of one order group of a cart, in cart order. */
export interface OrderGroupLines {
  orderGroup: string;
  lines: CartLine[];
}

/**
 * How carts are split into order groups, and which groups the next checkouts refuse. Partner Center's docs don't say
 * how groups are computed (examples show `"0"`, `"1"`, `"2"`, `"OMS-0"`), so every one-time line is in group `"0"`
 * unless a test moves a product to a group of its own; and no doc example shows a non-empty `orderErrors`, so a test
 * asks for one explicitly.
 */
export class OrderGroups {
  private readonly groupOfProduct = new Map<string, string>();
  private refusals: (CheckoutRefusalSpec & { remaining: number })[] = [];

  /** Lines of this product go to this order group, in carts read or checked out from now on. */
  place(productId: string, orderGroup: string): void {
    this.groupOfProduct.set(productId.toUpperCase(), orderGroup);
  }

  /** The order group of a cart line. */
  groupOf(line: CartLine): string {
    return this.groupOfProduct.get(line.ref.product.id.toUpperCase()) ?? ONE_TIME_ORDER_GROUP;
  }

  /** A cart's lines by order group, groups in the order their first line appears. */
  split(lines: readonly CartLine[]): OrderGroupLines[] {
    const groups: OrderGroupLines[] = [];
    for (const line of lines) {
      const orderGroup = this.groupOf(line);
      const group = groups.find((candidate) => candidate.orderGroup === orderGroup);
      if (group) group.lines.push(line);
      else groups.push({ orderGroup, lines: [line] });
    }
    return groups;
  }

  /** Registers a refusal for the next `count` checkouts. */
  refuse(spec: CheckoutRefusalSpec): void {
    this.refusals.push({ ...spec, remaining: spec.count });
  }

  /**
   * The order errors of one checkout of these groups, using up the first refusal that applies to any of them (a
   * refusal that names no group refuses them all).
   */
  errorsFor(groups: readonly OrderGroupLines[]): OrderErrorJson[] {
    const refusal = this.refusals.find(
      (candidate) =>
        candidate.orderGroup === undefined || groups.some((group) => group.orderGroup === candidate.orderGroup),
    );
    if (!refusal) return [];
    refusal.remaining -= 1;
    if (refusal.remaining <= 0) this.refusals = this.refusals.filter((candidate) => candidate !== refusal);
    return groups
      .filter((group) => refusal.orderGroup === undefined || group.orderGroup === refusal.orderGroup)
      .map((group) => ({ orderGroupId: group.orderGroup, code: refusal.code, description: refusal.description }));
  }
}
