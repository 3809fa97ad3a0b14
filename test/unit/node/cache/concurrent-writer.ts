/**
 * One of several real processes writing and reading one cache folder at the same time
 * (run by disk-cache.test.ts with `node -r tsx/cjs`). Arguments: folder, writer id, rounds.
 * Every write puts a large value whose every part names the writer, so a torn or mixed file
 * would show; every read must give a whole value from one writer, or a miss. Prints a JSON
 * summary on stdout.
 */
import { DiskCache } from '../../../../src/node/cache/disk-cache';

async function main(): Promise<void> {
  const [directory, writer, rounds] = process.argv.slice(2);
  const cache = new DiskCache({ directory: directory as string });
  let torn = 0;
  let reads = 0;
  for (let round = 0; round < Number(rounds); round++) {
    for (let key = 0; key < 10; key++) {
      const parts = Array.from({ length: 200 }, () => `${writer}:${round}`);
      await cache.set('pypi-project', `shared-${key}`, { value: { writer, round, parts }, storedAt: Date.now() });
      await cache.set('pypi-project', `own-${writer}-${key}`, { value: { writer, round, parts }, storedAt: Date.now() });
      const seen = await cache.get('pypi-project', `shared-${(key + 3) % 10}`);
      if (!seen) continue;
      reads++;
      const value = seen.value as { writer: string; round: number; parts: string[] };
      const whole = value.parts.length === 200 && value.parts.every((part) => part === `${value.writer}:${value.round}`);
      if (!whole) torn++;
    }
  }
  process.stdout.write(JSON.stringify({ writer, reads, torn }));
}

void main();
