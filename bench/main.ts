/**
 * `npm run bench`: every benchmark, or those named on the command line (e.g. `npm run bench -- parse`).
 * Each prints measurements side by side with a reference taken in the same run.
 */
import { corpusFound, CORPUS } from './harness';
import { benchParse } from './parse';
import { benchEditor } from './editor';
import { benchResolve } from './resolve';
import { benchScan } from './scan';
import { benchServer } from './server';

const SUITES: Record<string, () => Promise<void>> = {
  parse: benchParse,
  scan: benchScan,
  server: benchServer,
  resolve: benchResolve,
  editor: benchEditor,
};

async function main(): Promise<void> {
  if (!corpusFound) {
    console.log(`skipped: corpus not found (looked in ${CORPUS}); set BEACHCOMBER_CORPUS`);
    return;
  }
  const wanted = process.argv.slice(2);
  for (const [name, run] of Object.entries(SUITES)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    console.log(`\n=== ${name}`);
    await run();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
