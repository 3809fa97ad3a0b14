/**
 * The hover card of a package, as markdown, rendered only from an Assessment that already exists:
 * name and version, the level with its reasons, each advisory, health, the team's decision, and
 * how the package is pulled in. Pure: the same card serves hovers and tree tooltips, and tests
 * read it without VS Code.
 */
import type { Advisory, RiskLevel } from '../core/model/advisory';
import type { Assessment, Decision, Health, Signal } from '../core/model/risk';
import type { PackageTarget } from './command-ids';
import { COMMAND_IDS } from './command-ids';
import { osvLink, pypiLink } from './finding-text';
import { commandLink, plain, webLink } from './markdown';

export interface CardInput {
  readonly name: string;
  readonly version: string | null;
  /** What the manifest asks for (`>=3.9,<4`), when the card is about a manifest record. */
  readonly requested: string | null;
  /** The lock file the version comes from, when it comes from one. */
  readonly lockFile: string | null;
  readonly assessment: Assessment | null;
  readonly direct: boolean;
  readonly active: boolean;
  readonly marker: string | null;
  readonly targetLabel: string;
  readonly paths: readonly (readonly string[])[];
  /** The reason of a `beachcomber.ignore.*` setting that hides this package, if one does. */
  readonly ignored: string | null;
  readonly now: number;
  /** Set when the card may offer our actions (hovers do, tooltips do not: they cannot run commands). */
  readonly target: PackageTarget | null;
}

export const LEVEL_ICONS: Readonly<Record<RiskLevel, string>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'info',
  info: 'info',
  none: 'pass',
  unknown: 'question',
};

const DAY_MS = 86_400_000;

export function hoverCard(input: CardInput): string {
  const parts = [heading(input), ...whereFrom(input)];
  const a = input.assessment;
  if (a?.nearestSafe && input.active) parts.push(`Nearest safe version: **${plain(a.nearestSafe)}**`);
  if (!input.active) parts.push(`Inactive for ${plain(input.targetLabel)}${input.marker ? `: its marker ${plain(input.marker)} is false there` : ''}; not assessed for this target.`);
  if (input.ignored != null) parts.push(`Hidden by the \`beachcomber.ignore.packages\` setting${input.ignored ? `: ${plain(input.ignored)}` : ''}.`);
  if (input.version == null) parts.push('No exact version: pin it or add a lock file so that Beachcomber can assess it.');
  else if (!a) parts.push('Not analysed yet.');
  if (a) parts.push(...assessmentParts(a, input.now));
  if (input.paths.length > 0 && !input.direct) parts.push(section('Introduced through', input.paths.map((p) => plain(p.join(' → ')))));
  if (a && input.target && input.active) parts.push(actionLinks(a, input.target));
  return parts.filter((part) => part !== '').join('\n\n');
}

function heading(input: CardInput): string {
  const level = input.assessment?.level;
  const badge = level ? ` — $(${LEVEL_ICONS[level]}) ${levelWord(level)}` : '';
  return `**${plain(input.name)}** ${input.version ? plain(input.version) : ''}${badge}`.trim();
}

function whereFrom(input: CardInput): string[] {
  const facts: string[] = [];
  if (input.requested) facts.push(`asks for ${plain(input.requested)}`);
  if (input.lockFile && input.version) facts.push(`locked at ${plain(input.version)} in ${plain(input.lockFile)}`);
  facts.push(input.direct ? 'direct dependency' : 'pulled in by another package');
  return [facts.join(' · ')];
}

/** Advisories first (each once, with its summary), then the other findings, the decision and health. */
function assessmentParts(a: Assessment, now: number): string[] {
  const parts: string[] = [];
  if (a.advisories.length > 0) parts.push(section('Advisories', a.advisories.map((advisory) => advisoryLine(advisory, a.signals.find((s) => s.advisoryId === advisory.id)))));
  const others = a.signals.filter((s) => s.kind !== 'unknown-risk' && s.kind !== 'vulnerable' && s.kind !== 'malicious').map(reasonLine);
  if (others.length > 0) parts.push(section(a.advisories.length > 0 ? 'Other findings' : 'Findings', others));
  if (a.signals.length === 0 && a.level !== 'unknown') parts.push('No known risk.');
  if (a.decision) parts.push(decisionLine(a.decision));
  if (a.unknown.length > 0) parts.push(`**Incomplete:** ${a.unknown.map((u) => `${plain(u.source)} did not answer (${plain(u.detail, 200)})`).join('; ')}. Unknown is not safe.`);
  if (a.health) parts.push(section('Health', healthLines(a.health, a.version, now)));
  return parts;
}

function section(title: string, lines: readonly string[]): string {
  return `**${title}**\n\n${lines.map((line) => `- ${line}`).join('\n')}`;
}

function levelWord(level: RiskLevel): string {
  return level === 'none' ? 'no known risk' : level === 'unknown' ? 'risk unknown' : `${level} risk`;
}

function reasonLine(signal: Signal): string {
  const level = signal.accepted ? `${signal.level}, accepted` : signal.level;
  return `*${level}* · ${plain(signal.kind)} (${plain(signal.source)}): ${plain(signal.reason, 600)}`;
}

function advisoryLine(advisory: Advisory, signal: Signal | undefined): string {
  const href = osvLink(advisory.id);
  const id = href ? webLink(advisory.id, href) : plain(advisory.id);
  const aliases = advisory.aliases.length > 0 ? ` · ${plain(advisory.aliases.join(', '))}` : '';
  const score = advisory.severity.score != null ? `, CVSS ${advisory.severity.score}` : '';
  const accepted = signal?.accepted ? ' · accepted' : '';
  const fixed = advisory.malicious ? 'malicious' : advisory.fixedAbove ? `fixed in ${plain(advisory.fixedAbove)}` : 'no fixed version';
  return `${id}${aliases} · ${advisory.severity.level}${score}${accepted} · ${fixed}: ${plain(advisory.summary || 'no summary', 240)}`;
}

function healthLines(health: Health, version: string, now: number): string[] {
  const lines: string[] = [];
  if (health.latest) lines.push(`Latest release: ${plain(health.latest)}${health.latestUploadTime ? `, ${dated(health.latestUploadTime, now)}` : ''}`);
  if (health.versionUploadTime || health.yanked != null) {
    const yanked = health.yanked ? `yanked${health.yankedReason ? ` (${plain(health.yankedReason, 200)})` : ''}` : health.yanked === false ? 'not yanked' : 'yanked: unknown';
    lines.push(`This release (${plain(version)}): ${health.versionUploadTime ? `${dated(health.versionUploadTime, now)} · ` : ''}${yanked}`);
  }
  if (health.status) lines.push(`Project status: ${plain(health.status)}`);
  if (health.provenance) {
    const p = health.provenance;
    lines.push(`Trusted Publishing: ${p.trustedPublishing ? `yes${p.publisher?.repository ? ` (${plain(p.publisher.repository)})` : ''}` : `no (${p.filesWithProvenance} of ${p.files} files with provenance)`}`);
  }
  if (health.scorecard) lines.push(scorecardLine(health.scorecard));
  if (health.license) lines.push(`Licence: ${plain(health.license, 120)}`);
  return lines;
}

/** The overall score and the checks that say most about risk. */
function scorecardLine(card: NonNullable<Health['scorecard']>): string {
  const named = ['Maintained', 'Security-Policy', 'Dangerous-Workflow', 'Code-Review', 'Signed-Releases'];
  const checks = card.checks.filter((c) => named.includes(c.name)).map((c) => `${plain(c.name)} ${c.score}`);
  return `Scorecard: ${card.score} / 10 (${plain(card.date.slice(0, 10))})${checks.length > 0 ? ` · ${checks.join(' · ')}` : ''}`;
}

function decisionLine(decision: Decision): string {
  const origin = decision.origin === 'backend' ? 'team backend' : 'beachcomber.toml';
  const until = decision.until ? ` until ${plain(decision.until)}` : '';
  const scope = decision.advisory ? ` for ${plain(decision.advisory)}` : decision.versions ? ` for ${plain(decision.versions)}` : '';
  const replacement = decision.replacement ? ` → ${plain(decision.replacement)}` : '';
  return `**Decision:** ${plain(decision.action)}${replacement}${scope} by ${plain(decision.author || 'unknown author')} (${origin})${until}: ${plain(decision.reason, 600)}`;
}

/** "2024-09-15 (2 months ago)". */
export function dated(iso: string, now: number): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return plain(iso);
  const days = Math.max(0, Math.floor((now - ms) / DAY_MS));
  const age = days < 1 ? 'today' : days < 60 ? `${days} days ago` : days < 730 ? `${Math.floor(days / 30)} months ago` : `${(days / 365).toFixed(1)} years ago`;
  return `${new Date(ms).toISOString().slice(0, 10)} (${age})`;
}

function actionLinks(a: Assessment, target: PackageTarget): string {
  const links: string[] = [];
  const transitive = target.through != null && target.through.length > 1;
  if (a.nearestSafe) links.push(commandLink(transitive ? `Constrain to ${a.nearestSafe}` : `Fix: ${a.nearestSafe}`, COMMAND_IDS.fix, target));
  if (!transitive) links.push(commandLink('Fork…', COMMAND_IDS.fork, target), commandLink('Forgo…', COMMAND_IDS.forgo, target));
  if (a.level !== 'none' && a.level !== 'unknown') links.push(commandLink('Accept risk…', COMMAND_IDS.acceptRisk, target));
  links.push(commandLink('Fix upstream…', COMMAND_IDS.fixUpstream, target));
  links.push(webLink('PyPI', pypiLink(a.name)), commandLink('Show in tree', COMMAND_IDS.showInTree, target));
  return links.join(' · ');
}
