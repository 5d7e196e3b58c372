import type { CheckoutSoakReport } from './runCheckoutSoak';

const SHOWN_PER_LIST = 10;

/** The soak's counts as a few plain lines for the console, with the first few carts of any non-empty problem list. */
export function formatSoakReport(report: CheckoutSoakReport): string {
  const listed = (name: string, items: string[]): string[] =>
    items.length === 0
      ? []
      : [`  ${name}: ${items.length}`, ...items.slice(0, SHOWN_PER_LIST).map((item) => `    - ${item}`)];
  const faults = Object.entries(report.faults)
    .map(([kind, count]) => `${kind}=${count}`)
    .join(' ');
  return [
    `checkout soak: seed ${report.seed}, ${report.purchases} purchases over ${report.customers} customers in ${report.elapsedMs} ms`,
    `  faults: ${faults}`,
    `  process kills and recoveries: ${report.restarts}`,
    `  ledger: done ${report.cartsDone}, failed ${report.cartsFailed}, lost ${report.lostPurchases.length}`,
    `  orders: created in simulator ${report.ordersCreated}, in ledger ${report.ordersInLedger}, duplicate ${report.duplicateOrders}, missing ${report.ordersMissingInSimulator.length}`,
    `  final outcomes delivered: ${report.finalDeliveries} (once: ${report.cartsDeliveredOnce} carts, again after a kill: ${report.cartsRedeliveredAfterKill}, none: ${report.undelivered.length}, repeated: ${report.repeatedDeliveries.length}, mismatched: ${report.mismatchedDeliveries.length}); interim "still placing": ${report.interimDeliveries}`,
    `  acknowledgements: ${report.acknowledgements} (twice for one cart: ${report.acknowledgedTwice.length})`,
    `  checkout calls in the simulator: ${report.checkoutCalls}, carts with a foreign MS-RequestId: ${report.foreignRequestIds.length}`,
    `  "Place order" errors on a live process: ${report.clickErrors.length}; runner errors logged: ${report.loggedErrors.length}; open-index entries left: ${report.openIndexLeftovers.length}`,
    ...listed('lost purchases', report.lostPurchases),
    ...listed('unexpected failures', report.unexpectedFailures),
    ...listed('orders missing in the simulator', report.ordersMissingInSimulator),
    ...listed('undelivered', report.undelivered),
    ...listed('repeated deliveries', report.repeatedDeliveries),
    ...listed('mismatched deliveries', report.mismatchedDeliveries),
    ...listed('acknowledged twice', report.acknowledgedTwice),
    ...listed('foreign MS-RequestIds', report.foreignRequestIds),
    ...listed('click errors', report.clickErrors),
    ...listed('runner errors', report.loggedErrors),
    ...listed('left in the open index', report.openIndexLeftovers),
  ].join('\n');
}
