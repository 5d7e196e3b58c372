// `npm run test:busy`: the suite while two CPU-bound processes compete with it, as on a CI machine another job is using.
// It proves the suite's timeouts are generous enough; it prints the time taken and exits with the suite's exit code.
const { spawn } = require('node:child_process');

const BURNERS = Number(process.env.BUSY_PROCESSES ?? 2);
const burners = Array.from({ length: BURNERS }, () =>
  spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
);
const stopBurners = () => burners.forEach((burner) => burner.kill('SIGKILL'));
process.on('exit', stopBurners);
process.on('SIGINT', () => process.exit(130));

const started = Date.now();
const suite = spawn('npm', ['test'], { stdio: 'inherit' });
suite.on('exit', (code, signal) => {
  stopBurners();
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(`npm test with ${BURNERS} CPU-bound processes competing: exit ${code ?? signal} after ${minutes} min`);
  process.exit(code ?? 1);
});
