/**
 * The status bar item: counts by level and the age of the data, or that a scan is running, or
 * which source failed (and that team mode fell back). Clicking it opens the Dependencies tree.
 */
import * as vscode from 'vscode';
import { packagesOf } from '../core/analyze';
import type { RiskLevel } from '../core/model/advisory';
import { packageKey } from '../core/ports';
import { COMMAND_IDS } from './command-ids';
import type { Lifetime } from './ctx';
import { failedSources, type Snapshot } from './snapshot';

const SHOWN_LEVELS: readonly RiskLevel[] = ['critical', 'high', 'medium', 'low', 'unknown'];

export interface StatusText {
  readonly text: string;
  readonly tooltip: string;
  readonly warning: boolean;
}

export interface StatusView {
  render(snapshot: Snapshot): void;
  /** What the item says now (for tests). */
  readonly current: StatusText;
}

export function createStatusView(lifetime: Lifetime): StatusView {
  const item = lifetime.own(vscode.window.createStatusBarItem('beachcomber.status', vscode.StatusBarAlignment.Left, 50));
  item.name = 'Beachcomber';
  item.command = COMMAND_IDS.showTree;
  let last: Snapshot | null = null;
  let current: StatusText = { text: '', tooltip: '', warning: false };

  function render(snapshot: Snapshot): void {
    last = snapshot;
    current = statusText(snapshot, Date.now());
    item.text = current.text;
    item.tooltip = current.tooltip;
    item.backgroundColor = current.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    if (snapshot.projects.length === 0 && snapshot.phase === 'done') item.hide();
    else item.show();
  }

  // The age in the text moves on by itself.
  const timer = setInterval(() => last && render(last), 60_000);
  lifetime.own({ dispose: () => clearInterval(timer) });
  return {
    render,
    get current() {
      return current;
    },
  };
}

export function statusText(snapshot: Snapshot, now: number): StatusText {
  const counts = countByLevel(snapshot);
  const parts = SHOWN_LEVELS.filter((level) => (counts.get(level) ?? 0) > 0).map((level) => `${counts.get(level)} ${level}`);
  const failed = failedSources(snapshot);
  const advisoryFailure = failed.find((s) => s.name === 'osv' || s.name === 'offline-db' || s.name === 'backend');
  const fellBack = snapshot.notes.find((note) => note.startsWith('The team backend did not answer'));
  const running = snapshot.phase === 'reading' || snapshot.phase === 'advisories';
  const icon = running ? '$(sync~spin)' : advisoryFailure || snapshot.failure ? '$(warning)' : fellBack ? '$(cloud-offline)' : '$(shield)';
  const age = snapshot.analyzedAt != null ? ` · ${ageText(now - snapshot.analyzedAt)}` : '';
  let summary = parts.length > 0 ? parts.join(', ') : snapshot.analyzedAt != null ? 'no known risk' : 'analysing…';
  if (advisoryFailure) summary = `${advisoryFailure.name} unavailable${parts.length > 0 ? ` · ${parts.join(', ')}` : ''}`;
  if (snapshot.failure) summary = 'analysis failed';
  const tooltip = [
    `Beachcomber: ${countText(counts)} across ${snapshot.projects.length} project(s)${snapshot.analyzedAt != null ? `, data from ${new Date(snapshot.analyzedAt).toLocaleTimeString()}` : ''}`,
    ...snapshot.sources.map((s) => `${s.name}: ${s.status}${s.status === 'ok' ? '' : ` — ${s.detail}`}`),
    ...snapshot.notes,
    ...(snapshot.failure ? [`Failed: ${snapshot.failure}`] : []),
    'Click to open the Dependencies view.',
  ].join('\n');
  return { text: `${icon} ${fellBack && !advisoryFailure ? 'team backend offline · ' : ''}${summary}${age}`, tooltip, warning: advisoryFailure != null || snapshot.failure != null || fellBack != null };
}

/** Active packages of every project, each once, by the level of its assessment. */
function countByLevel(snapshot: Snapshot): Map<RiskLevel, number> {
  const counts = new Map<RiskLevel, number>();
  for (const use of packagesOf(snapshot.projects)) {
    if (!use.active) continue;
    const level = snapshot.assessments.get(packageKey(use))?.level;
    if (level) counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  return counts;
}

function countText(counts: ReadonlyMap<RiskLevel, number>): string {
  let total = 0;
  let risky = 0;
  for (const [level, n] of counts) {
    total += n;
    if (SHOWN_LEVELS.includes(level)) risky += n;
  }
  return `${total} packages, ${risky} need attention`;
}

function ageText(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} d ago`;
}
