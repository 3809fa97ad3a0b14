/**
 * Tiny benchmark harness: runs a function until enough time has passed, and reports the median
 * time per run. Every benchmark prints its numbers side by side with a reference measured in the
 * same run, so the ratios hold whatever the machine is doing.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPUS = resolve(process.env.BEACHCOMBER_CORPUS ?? join(__dirname, '..', '..', 'shared', 'corpus'));
export const corpusFound = existsSync(join(CORPUS, 'SOURCES.md'));

export interface Timing {
  readonly medianMs: number;
  readonly runs: number;
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Median wall time of `fn`, after a warm-up, over at least `minRuns` runs or `budgetMs`. */
export async function time(fn: () => unknown, options: { minRuns?: number; budgetMs?: number; warmup?: number } = {}): Promise<Timing> {
  const { minRuns = 5, budgetMs = 1500, warmup = 2 } = options;
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const start = now();
  while (samples.length < minRuns || now() - start < budgetMs) {
    const t0 = now();
    await fn();
    samples.push(now() - t0);
    if (samples.length >= 10_000) break;
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[Math.floor(samples.length / 2)]!, runs: samples.length };
}

export function table(title: string, header: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  console.log(`\n${title}`);
  for (const [i, r] of cells.entries()) {
    console.log('  ' + r.map((c, j) => (j === 0 ? String(c).padEnd(widths[j]!) : String(c).padStart(widths[j]!))).join('  '));
    if (i === 0) console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}
