import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

/** Lints two small modules with the repository's own ESLint configuration, as `npm run lint` does. */
function lintPair(a: string, b: string): LintResult[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'import-cycle-'));
  try {
    writeFileSync(path.join(dir, 'a.ts'), a);
    writeFileSync(path.join(dir, 'b.ts'), b);
    const run = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'),
        '--config',
        path.join(ROOT, 'eslint.config.mjs'),
        '--format',
        'json',
        'a.ts',
        'b.ts',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    if (!run.stdout.trim().startsWith('[')) throw new Error(`eslint did not answer: ${run.stderr}`);
    return JSON.parse(run.stdout) as LintResult[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cycleReports = (results: LintResult[]) =>
  results.flatMap((r) =>
    r.messages.filter((m) => m.ruleId === 'import-x/no-cycle').map(() => path.basename(r.filePath)),
  );

describe('the lint configuration forbids import cycles', () => {
  it.each<[string, string, string, string[]]>([
    [
      'two modules importing each other are both reported',
      "import { b } from './b';\nexport const a = (): number => b() + 1;\n",
      "import { a } from './a';\nexport const b = (): number => (a.length > 0 ? 1 : 0);\n",
      ['a.ts', 'b.ts'],
    ],
    [
      'a type-only import back is no cycle (it is gone at run time)',
      "import { b } from './b';\nexport interface A {\n  n: number;\n}\nexport const a = (): number => b({ n: 1 });\n",
      "import type { A } from './a';\nexport const b = (value: A): number => value.n;\n",
      [],
    ],
  ])('%s', (_case, a, b, reported) => {
    expect(cycleReports(lintPair(a, b)).sort()).toEqual(reported);
  });
});
