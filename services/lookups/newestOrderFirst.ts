import type { OrderView } from './types';

/**
 * Sort order for order lists: newest `creationDate` first; orders without a readable date go last, and ties keep a
 * stable order by id so paging through the same list never shows an order twice.
 */
export function newestOrderFirst(a: OrderView, b: OrderView): number {
  const timeA = timeOf(a.creationDate);
  const timeB = timeOf(b.creationDate);
  if (timeA !== timeB) return timeB - timeA;
  return a.id.localeCompare(b.id);
}

function timeOf(date: string | undefined): number {
  const time = date === undefined ? Number.NaN : Date.parse(date);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}
