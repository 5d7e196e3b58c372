// Builds dist/ with tsc only when a source or the TypeScript configuration changed since the last build, so `npm start`
// and `npm run bot` restart in about a second instead of waiting for a compile that would change nothing. tsc itself
// builds incrementally (dist/.tsbuildinfo) when something did change.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const STAMP = join(ROOT, 'dist', '.tsbuildinfo');
const SOURCES = ['bot', 'dialogs', 'cards', 'services', 'simulator', 'bench', 'appPackage', 'test'];
const CONFIG = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

/** The newest modification time among the files that go into the build. */
function newestInput() {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path))
        if (entry !== 'node_modules' && entry !== 'build') visit(join(path, entry));
    } else if (/\.(ts|json)$/.test(path)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const name of [...SOURCES, ...CONFIG]) if (existsSync(join(ROOT, name))) visit(join(ROOT, name));
  return newest;
}

if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestInput()) {
  console.log('build is up to date (no source changed since the last build)');
  process.exit(0);
}
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: ROOT,
  stdio: 'inherit',
});
// tsc leaves its build info untouched when it finds nothing to emit: the stamp records that the check was made now.
if (tsc.status === 0 && existsSync(STAMP)) utimesSync(STAMP, new Date(), new Date());
process.exit(tsc.status ?? 1);
