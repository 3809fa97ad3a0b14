import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface Counts {
  readonly osv: { readonly querybatch: number; readonly vuln: number; readonly all: number };
  readonly pypi: number;
}

/** Fake OSV and PyPI servers in a child process (see test/helpers/fakes/serve.ts). */
export class FakesProcess {
  private constructor(private readonly child: ChildProcess, readonly osv: string, readonly pypi: string) {}

  static start(latencyMs: number, lockDirs: readonly string[]): Promise<FakesProcess> {
    const args = ['--latency', String(latencyMs), ...lockDirs.flatMap((dir) => ['--lock', dir])];
    const child = fork(join(__dirname, '..', 'test', 'helpers', 'fakes', 'serve.ts'), args, { execArgv: ['-r', 'tsx/cjs'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('message', (m: { type: string; osv: string; pypi: string }) => resolve(new FakesProcess(child, m.osv, m.pypi)));
    });
  }

  private ask<T>(type: string): Promise<T> {
    return new Promise((resolve) => {
      this.child.once('message', (m: T) => resolve(m));
      this.child.send({ type });
    });
  }

  counts(): Promise<Counts> {
    return this.ask<Counts>('counts');
  }

  async reset(): Promise<void> {
    await this.ask('reset');
  }

  stop(): void {
    this.child.disconnect();
  }
}
