import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// USER_HZ: 100 on every Linux this runs on (it is fixed in the kernel's ABI for /proc, whatever HZ is).
const CLOCK_TICKS_PER_SECOND = 100;

/** The built program's root: this file runs as dist/bench/distProcess.js. */
const DIST = path.resolve(__dirname, '..');

/** A built program of this repository running in its own Node process. */
export interface DistProcess {
  readonly pid: number;
  /** The first match of the pattern it was started with, in its stdout. */
  readonly ready: RegExpExecArray;
  /** Resident set size right now, in MB. */
  rssMb(): number;
  /** CPU time (user + system) it has used so far, in ms (the kernel counts in ticks of usually 10 ms). */
  cpuMs(): number;
  /** SIGINT (the programs close cleanly on it, and a CPU profile is written), SIGKILL if it is still there after 10 s. */
  stop(): Promise<void>;
}

/** What to start: `main` relative to dist/, with exactly `env` (plus PATH) in `cwd`. */
export interface DistProcessSpec {
  main: string;
  args?: string[];
  nodeArgs?: string[];
  env?: Record<string, string>;
  cwd: string;
  /** Printed on stdout once it is ready to serve. */
  ready: RegExp;
  timeoutMs?: number;
}

/**
 * Starts a built program (`node dist/<main>`) and resolves once it prints `ready`. Its output is read and thrown away
 * afterwards: the bot logs a line per Partner Center call, and a pipe nobody reads would block it, while keeping the
 * lines would grow this process instead.
 */
export async function startDistProcess(spec: DistProcessSpec): Promise<DistProcess> {
  const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), path.join(DIST, spec.main), ...(spec.args ?? [])], {
    cwd: spec.cwd,
    env: { PATH: process.env.PATH ?? '', ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    // Only the start of it, to say why a program did not start.
    if (stderr.length < 4000) stderr += chunk.toString('utf8');
  });
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => fail(`${spec.main} did not start within ${spec.timeoutMs ?? 30_000} ms`),
      spec.timeoutMs ?? 30_000,
    );
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${why}\n${stderr}`));
    };
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('utf8');
      const match = spec.ready.exec(seen);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      child.stdout.resume();
      resolve(match);
    };
    const onExit = (): void => fail(`${spec.main} exited before it was ready`);
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
  const pid = child.pid ?? -1;
  return {
    pid,
    ready,
    rssMb: () => residentMb(pid),
    cpuMs: () => cpuMsOf(pid),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** VmRSS of a process from /proc (Linux), in MB; NaN where there is no /proc. */
function residentMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return kb ? Number(kb[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** utime + stime of a process from /proc (Linux), in ms; NaN where there is no /proc. */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
