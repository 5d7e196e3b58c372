import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Azurite's fixed development account; public by design, it opens nothing but the local emulator. */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;
const AZURITE_BLOB_MAIN = resolve(__dirname, '..', '..', 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js');

/** A running Azurite blob emulator owned by one test file. */
export interface RunningAzurite {
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Starts the Azurite blob emulator on 127.0.0.1 with an ephemeral port and a fresh temporary data directory, and
 * resolves once it prints the address it listens on (rejecting after 20 s). `stop` kills it and removes the data.
 */
export async function startAzurite(): Promise<RunningAzurite> {
  const location = await mkdtemp(join(tmpdir(), 'azurite-'));
  // The current node binary runs the package's bin script, so no shell or PATH lookup is involved.
  const child = spawn(
    process.execPath,
    [
      AZURITE_BLOB_MAIN,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--location',
      location,
      '--silent',
      '--skipApiVersionCheck',
      '--disableTelemetry',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = new Promise<void>((resolveTimer) => setTimeout(resolveTimer, STOP_TIMEOUT_MS).unref());
      await Promise.race([exited, timer]);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await Promise.race([exited, new Promise<void>((r) => setTimeout(r, STOP_TIMEOUT_MS).unref())]);
      }
    }
    await rm(location, { recursive: true, force: true });
  };

  try {
    const port = await new Promise<number>((resolvePort, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`Azurite did not start within ${START_TIMEOUT_MS} ms. Output: ${output}`)),
        START_TIMEOUT_MS,
      );
      const settle = (outcome: () => void): void => {
        clearTimeout(timer);
        outcome();
      };
      const onData = (chunk: Buffer): void => {
        output += chunk.toString('utf8');
        const match = /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (match) settle(() => resolvePort(Number(match[1])));
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('error', (error) => settle(() => reject(error)));
      child.once('exit', (code) =>
        settle(() => reject(new Error(`Azurite exited (${code}) before listening: ${output}`))),
      );
    });
    // Keep draining the pipes so a chatty emulator can never block on a full buffer.
    child.stdout.resume();
    child.stderr.resume();
    return {
      connectionString:
        `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_ACCOUNT_KEY};` +
        `BlobEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
