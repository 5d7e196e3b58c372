import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { readConfigOrExit } from './readConfigOrExit';

/**
 * `npm start`: local mode in one command. Starts the Partner Center simulator, the bot, and Microsoft 365 Agents
 * Playground (the local stand-in for Teams) pointed at the bot, prints where to open it, and stops all three on Ctrl-C
 * or when any one of them exits.
 */
async function main(): Promise<void> {
  const config = readConfigOrExit();
  if (config.mode !== 'local') {
    console.error(
      'npm start runs local mode only; for MODE=live run `npm run bot` behind your Bot Framework registration.',
    );
    process.exit(2);
  }
  const playgroundPort = config.localChat.port;
  const root = path.resolve(__dirname, '..', '..');
  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = (code: number): void => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    setTimeout(() => process.exit(code), 1500).unref();
  };
  const run = (name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = (chunk: Buffer): string =>
      chunk
        .toString()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => `[${name}] ${line}\n`)
        .join('');
    child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(prefix(chunk)));
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefix(chunk)));
    child.on('exit', (code) => {
      if (!stopping) {
        console.error(`[${name}] exited with code ${code}; stopping everything.`);
        stopAll(code ?? 1);
      }
    });
    children.push(child);
  };

  run('simulator', process.execPath, [path.join(root, 'dist', 'simulator', 'main.js')]);
  // The same heap cap as `npm run bot`: without it V8 sizes its heap to the machine and lets it grow several times the
  // live data before collecting (see README, Performance).
  run('bot', process.execPath, ['--max-old-space-size=1536', path.join(root, 'dist', 'bot', 'main.js')]);
  await waitForHealth(`http://127.0.0.1:${config.bot.port}/healthz`, 30_000);
  const playground = path.join(root, 'node_modules', '.bin', 'agentsplayground');
  run(
    'playground',
    playground,
    ['-e', `http://127.0.0.1:${config.bot.port}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--dt'],
    { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
  );
  console.log(
    `\nOpen http://localhost:${playgroundPort} in your browser to chat with the bot. Ctrl-C stops everything.\n`,
  );
  process.once('SIGINT', () => stopAll(0));
  process.once('SIGTERM', () => stopAll(0));
}

/** Polls a health endpoint until it answers 200, so the Playground never greets a bot that isn't listening yet. */
async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The bot did not become healthy at ${url} within ${timeoutMs / 1000} s.`);
}

void main();
