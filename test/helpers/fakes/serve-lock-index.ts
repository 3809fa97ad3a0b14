/**
 * The fake index of a corpus uv.lock (lock-index.ts) in a process of its own, for benchmarks: the
 * server's work must not be counted as the client's time. Started with `--lock <corpus dir>`,
 * `--latency <ms>` and `--choose <uv conflict names>`; says `{ type: 'ready', url }` over IPC, then answers 'counts' and 'reset'.
 */
import { lockIndexProjects } from './lock-index';
import { FakePypi } from './pypi';

export interface IndexCounts {
  readonly simple: number;
  readonly metadata: number;
  readonly jsonRelease: number;
  readonly all: number;
}

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

async function main(): Promise<void> {
  const conflictChoices = option('--choose', '').split(',').filter((c) => c !== '');
  const pypi = await new FakePypi({ projects: lockIndexProjects([option('--lock', 'airflow'), 'uv.lock'], { conflictChoices }) }).start();
  const latency = Number(option('--latency', '0'));
  if (latency > 0) pypi.inject('*', { kind: 'latency', ms: latency });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'counts') {
      const counts: IndexCounts = { simple: pypi.count('simple'), metadata: pypi.count('file'), jsonRelease: pypi.count('json-release'), all: pypi.count() };
      process.send?.(counts);
    } else if (message.type === 'reset') {
      pypi.resetCounts();
      process.send?.({ type: 'reset' });
    }
  });
  process.on('disconnect', () => void pypi.close().then(() => process.exit(0)));
  process.send?.({ type: 'ready', url: pypi.url });
}

void main();
