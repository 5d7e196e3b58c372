import { FAULT_KINDS } from './faultPlan';
import { formatSoakReport } from './formatSoakReport';
import { CheckoutSoakReport, runCheckoutSoak } from './runCheckoutSoak';

const PURCHASES = 1000;

describe('exactly-once checkout under injected faults (real simulator, ledger, processor, runner and SQLite)', () => {
  let report: CheckoutSoakReport;

  beforeAll(async () => {
    // A fresh seed each run widens coverage; the printed seed replays it: `npm run bench:faults -- --purchases 1000 --seed N`.
    const seed = Math.floor(Math.random() * 2 ** 31);
    console.log(`checkout fault soak seed: ${seed}`);
    report = await runCheckoutSoak({ purchases: PURCHASES, seed, concurrency: 16, customers: 12 });
    console.log(formatSoakReport(report));
  }, 120_000);

  it(`ran ${PURCHASES} purchases meeting every kind of fault, with process kills and recoveries`, () => {
    expect(report.purchases).toBe(PURCHASES);
    for (const kind of FAULT_KINDS) expect(report.faults[kind]).toBeGreaterThan(0);
    expect(report.restarts).toBe(report.faults['crash-before-recording']);
  });

  it('buys no cart twice: the simulator lists exactly one order per cart the ledger records as done', () => {
    expect(report.duplicateOrders).toBe(0);
    expect(report.ordersMissingInSimulator).toEqual([]);
    expect(report.ordersCreated).toBe(report.cartsDone);
    expect(report.ordersInLedger).toBe(report.cartsDone);
  });

  it('loses no purchase: every cart ends done with one order, or failed with a sentence only when refused', () => {
    expect(report.lostPurchases).toEqual([]);
    expect(report.unexpectedFailures).toEqual([]);
    expect(report.cartsFailed).toBe(report.faults.refused);
    expect(report.cartsDone + report.cartsFailed).toBe(PURCHASES);
  });

  it("shows each cart's final outcome once (again only when a kill cut off recording that it was shown)", () => {
    expect(report.undelivered).toEqual([]);
    expect(report.repeatedDeliveries).toEqual([]);
    expect(report.mismatchedDeliveries).toEqual([]);
    expect(report.cartsDeliveredOnce + report.cartsRedeliveredAfterKill).toBe(PURCHASES);
    expect(report.acknowledgedTwice).toEqual([]);
  });

  it("sends every checkout of a cart with the ledger's MS-RequestId", () => {
    expect(report.checkoutCalls).toBeGreaterThanOrEqual(PURCHASES);
    expect(report.foreignRequestIds).toEqual([]);
  });

  it('answers every "Place order" on a live process without an error', () => {
    expect(report.clickErrors).toEqual([]);
  });
});
