// Bundles the entry points with esbuild. `vscode` stays external (the extension host provides it);
// everything else is bundled so the .vsix ships one file and the CLI and server start fast.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
// `node scripts/build.mjs cli server` builds only those; no names: everything, e2e tests included.
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  // toml-eslint-parser pulls in its visitor keys; nothing else needs special handling.
  mainFields: ['module', 'main'],
};

// PGlite loads its WebAssembly from its own package folder, and the CycloneDX library requires its
// optional XML and schema helpers lazily: all stay in node_modules.
const serverExternals = ['@electric-sql/pglite', 'pg-native', 'xmlbuilder2', 'libxmljs2', 'ajv-formats-draft2019', 'autocannon'];

const entries = [
  { name: 'extension', in: 'src/extension/main.ts', out: 'dist/extension.js', external: ['vscode'], minify: true },
  { name: 'cli', in: 'src/cli/main.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
  { name: 'server', in: 'src/server/main.ts', out: 'dist/server.js', banner: '#!/usr/bin/env node', external: serverExternals },
];

// Tests that run inside VS Code's extension host are compiled one file each, next to a mocha index.
function e2eEntries(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return e2eEntries(path);
    return /\.ts$/.test(name) ? [path] : [];
  });
}

const jobs = entries.filter((e) => existsSync(e.in) && (only.length === 0 || only.includes(e.name))).map((e) =>
  build({
    ...common,
    entryPoints: [e.in],
    outfile: e.out,
    external: e.external ?? [],
    minify: e.minify ?? false,
    banner: e.banner ? { js: e.banner } : undefined,
  }),
);
const e2e = e2eEntries('test/e2e/suite');
if (e2e.length > 0 && (only.length === 0 || only.includes('e2e'))) {
  // A test whose source was deleted must not keep running from an old compiled copy.
  rmSync('out/test/e2e/suite', { recursive: true, force: true });
  jobs.push(build({ ...common, entryPoints: e2e, outdir: 'out/test/e2e/suite', bundle: true, external: ['vscode', 'mocha'] }));
}
await Promise.all(jobs);
if (!watch) console.log(`built ${jobs.length} bundle group(s)`);
