import { loadSimulatorConfig } from './config';
import { startSimulator } from './server';

/** `npm run simulator`: starts the simulator from environment settings and stops it on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const options = loadSimulatorConfig(process.env);
  const simulator = await startSimulator({ ...options, log: (line) => console.log(line) });
  console.log(`Partner Center simulator listening on ${simulator.url}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Simulator did not stop cleanly: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
