import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The repository root. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/**
 * The child is plain Node: this preamble teaches it to load the project's .ts sources with the project's own TypeScript
 * compiler (transpile only), so a test runs today's code in a real process without a build.
 */
const LOAD_TYPESCRIPT_THEN_RUN_MAIN = `
const fs = require('node:fs');
const path = require('node:path');
const { createHash } = require('node:crypto');
const ts = require(${JSON.stringify(require.resolve('typescript'))});
// Transpiled sources are cached by content, so the many processes a test run starts transpile each file once.
const cache = path.join(require('node:os').tmpdir(), 'pc-bot-transpiled-' + ts.version);
fs.mkdirSync(cache, { recursive: true });
require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const cached = path.join(cache, createHash('sha256').update(filename + '\\0' + source).digest('hex') + '.js');
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
    output = ts.transpileModule(source, { compilerOptions: options, fileName: filename }).outputText;
    const partial = cached + '.' + process.pid;
    fs.writeFileSync(partial, output);
    fs.renameSync(partial, cached);
  }
  module._compile(output, filename);
};
require('node:module').runMain(process.argv[1]);
`;

/** A program of this repository running in its own Node process. */
export interface TsProcess {
  readonly pid: number | undefined;
  /** Everything it wrote so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves with the first match of `pattern` in its stdout; rejects if it exits first or `timeoutMs` passes. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** Sends a signal (SIGKILL: gone at once, nothing flushed) and waits for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Resolves when the process has ended. */
  readonly ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `main` (a .ts file of this repository) in a Node process of its own with exactly `env` (plus PATH), working
 * directory `cwd`: nothing of the test process — no developer `.env`, no inherited settings — leaks in.
 */
export function spawnTsProcess(main: string, env: Record<string, string>, cwd: string = PROJECT_ROOT): TsProcess {
  const child: ChildProcess = spawn(
    process.execPath,
    ['-e', LOAD_TYPESCRIPT_THEN_RUN_MAIN, '--', resolve(PROJECT_ROOT, main)],
    { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveEnd) =>
    child.once('exit', (code, signal) => resolveEnd({ code, signal })),
  );
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    pid: child.pid,
    output: () => ({ stdout, stderr }),
    waitForOutput: (pattern, timeoutMs) =>
      new Promise((resolveMatch, reject) => {
        const deadline = Date.now() + timeoutMs;
        const poll = setInterval(() => {
          const match = pattern.exec(stdout);
          if (match) {
            clearInterval(poll);
            resolveMatch(match);
          } else if (!running() || Date.now() > deadline) {
            clearInterval(poll);
            reject(new Error(`${main}: no ${pattern} in its output. stdout: ${stdout.slice(-2000)} stderr: ${stderr}`));
          }
        }, 25);
      }),
    kill: async (signal = 'SIGKILL') => {
      if (running()) child.kill(signal);
      await ended;
    },
    ended,
  };
}
