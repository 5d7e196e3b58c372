import type { CreatedWithin, OrderView } from './types';

/**
 * The test an order list applies for a creation-time window: every order passes when there is no window; with one, an
 * order passes when Partner Center's `creationDate` falls in it, and an order without a readable date never does (it
 * can't be shown to be in the window, and a list that says "last week" must only hold last week's orders).
 */
export function createdWithinTest(window: CreatedWithin | undefined): (order: OrderView) => boolean {
  if (!window) return () => true;
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  if (Number.isNaN(from) || Number.isNaN(to)) {
    throw new RangeError(`createdWithin needs two ISO 8601 instants, not ${window.from} and ${window.to}`);
  }
  return (order) => {
    const created = order.creationDate === undefined ? Number.NaN : Date.parse(order.creationDate);
    return !Number.isNaN(created) && created >= from && created < to;
  };
}
