import { formatSoakReport } from '../test/faults/formatSoakReport';
import { runCheckoutSoak } from '../test/faults/runCheckoutSoak';

/** Command-line settings of the fault soak: `--purchases N`, `--seed N`, `--concurrency N`, `--customers N`. */
function parseArguments(argv: string[]): { purchases: number; seed: number; concurrency: number; customers: number } {
  const settings = { purchases: 10_000, seed: Math.floor(Math.random() * 2 ** 31), concurrency: 16, customers: 12 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    const value = Number(argv[i + 1]);
    if (!(name in settings) || !Number.isInteger(value) || value < 0) {
      throw new Error(`unknown or invalid argument ${argv[i]} ${argv[i + 1] ?? ''}`);
    }
    settings[name as keyof typeof settings] = value;
  }
  return settings;
}

/**
 * The long version of the checkout fault suite (10,000 purchases by default): prints the counts, and exits non-zero
 * if any order was duplicated or lost, an outcome went missing or was shown twice, or a checkout used a foreign
 * MS-RequestId. Replays a failing test run with its printed seed.
 */
async function main(): Promise<void> {
  const settings = parseArguments(process.argv.slice(2));
  console.log(`checkout fault soak: ${settings.purchases} purchases, seed ${settings.seed}`);
  const report = await runCheckoutSoak({ ...settings, log: (line) => console.log(line) });
  console.log(formatSoakReport(report));
  const broken =
    report.lostPurchases.length +
    report.unexpectedFailures.length +
    report.duplicateOrders +
    report.ordersMissingInSimulator.length +
    report.undelivered.length +
    report.repeatedDeliveries.length +
    report.mismatchedDeliveries.length +
    report.acknowledgedTwice.length +
    report.foreignRequestIds.length +
    report.clickErrors.length;
  process.exitCode = broken === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
