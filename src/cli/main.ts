/**
 * `beachcomber` — the core on the command line, for CI and for people.
 *   beachcomber deps <file-or-folder>... [--format json|table]
 * Exit codes: 0 fine, 1 some input had problems (or findings at --fail-on), 2 usage error.
 */
import { parseArgs } from 'node:util';
import { depsJson, depsTable, readAll } from './deps';
import { db } from './db';
import { scan } from './scan';
import { tree } from './tree';

const USAGE = `usage: beachcomber <command> [options]

commands:
  deps <file-or-folder>... [--format json|table]   list every dependency the core reads
  scan <folder|file>... [options]                  every package's advisories, health and risk level
  db import|update|status [...]                    the offline (air-gapped) OSV database
  tree <file> [--python 3.12] [--platform linux|macos|windows] [--format table|json]
       [--index-url U] [--cache-dir DIR | --no-cache]
                                                   the dependency graph, locked or resolved
`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'deps') return deps(rest);
  if (command === 'tree') return tree(rest);
  if (command === 'scan') return scan(rest);
  if (command === 'db') return db(rest);
  process.stderr.write(`beachcomber: unknown command '${command}'\n${USAGE}`);
  return 2;
}

async function deps(args: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { format: { type: 'string', default: 'table' } } });
  } catch (e) {
    process.stderr.write(`beachcomber deps: ${(e as Error).message}\n`);
    return 2;
  }
  const format = parsed.values.format;
  if (parsed.positionals.length === 0 || (format !== 'json' && format !== 'table')) {
    process.stderr.write('usage: beachcomber deps <file-or-folder>... [--format json|table]\n');
    return 2;
  }
  let files;
  try {
    files = await readAll(parsed.positionals, process.env);
  } catch (e) {
    process.stderr.write(`beachcomber deps: ${(e as Error).message}\n`);
    return 2;
  }
  process.stdout.write(format === 'json' ? `${JSON.stringify(depsJson(files))}\n` : `${depsTable(files, process.cwd())}\n`);
  return files.some((f) => f.problems.length > 0) ? 1 : 0;
}

if (require.main === module) {
  // exitCode, not exit(): a large JSON answer on a pipe must be flushed before the process ends.
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`beachcomber: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
