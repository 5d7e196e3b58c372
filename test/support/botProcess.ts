import { spawnTsProcess } from './tsProcess';

const LISTENING = /"message":"bot listening","url":"(http:\/\/127\.0\.0\.1:\d+)\/api\/messages"/;

/** How a spawned bot process ended, with everything it wrote. */
export interface BotProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A bot process started from the sources with `bot/main.ts`, as `npm run bot` starts the built one. */
export interface SpawnedBot {
  /** Resolves with the address once the bot logs that it listens; rejects if it exits first or `timeoutMs` passes. */
  listening(timeoutMs: number): Promise<string>;
  /** Resolves when the process ends, killing it (SIGKILL) once `timeoutMs` has passed. */
  exited(timeoutMs: number): Promise<BotProcessExit>;
  /** Stops the process (SIGKILL) if it still runs, and waits for it to end. */
  kill(): Promise<void>;
  output(): { stdout: string; stderr: string };
}

/**
 * Starts `bot/main.ts` in its own Node process, for tests about how the process starts or refuses to: local mode on
 * 127.0.0.1 and a free port, only the given settings, working directory `cwd` (so no developer `.env` is read).
 */
export function spawnBot(cwd: string, settings: Record<string, string>): SpawnedBot {
  const child = spawnTsProcess('bot/main.ts', { MODE: 'local', BOT_HOST: '127.0.0.1', PORT: '0', ...settings }, cwd);
  return {
    listening: async (timeoutMs) => (await child.waitForOutput(LISTENING, timeoutMs))[1],
    exited: async (timeoutMs) => {
      const timer = setTimeout(() => void child.kill(), timeoutMs);
      try {
        const { code, signal } = await child.ended;
        return { code, signal, ...child.output() };
      } finally {
        clearTimeout(timer);
      }
    },
    kill: () => child.kill(),
    output: () => child.output(),
  };
}
