/**
 * A PEP 508 requirement written as a TOML string (PEP 621 dependencies, PEP 735 groups,
 * build-system requires, uv and PDM lists) becomes a record whose ranges point into the string
 * literal, escapes accounted for, so that an edit replaces exactly the requirement's text.
 */
import type { Dependency, SkipReason } from '../../model/dependency';
import type { SourceRange } from '../../model/range';
import { parseRequirement } from '../../pep508/requirement';
import { lineAt, sourceOffsets, stringRange, type TomlString, type TomlValue } from '../../toml';
import { normalizeName } from '../../versions';
import { sourceOfUrl } from '../lock-common';
import { report, reportShape, type PyprojectContext } from './context';

export interface RequirementOptions {
  readonly constraint?: boolean;
  readonly editable?: boolean;
  /** Where the requirement starts in the string (after PDM's `-e `), 0 by default. */
  readonly offset?: number;
}

/** One record per string of a requirements array; anything else in it is a problem at its place. */
export function requirementsOf(ctx: PyprojectContext, value: TomlValue | undefined, group: string | null, where: string, options: RequirementOptions = {}): Dependency[] {
  if (value === undefined) return [];
  if (value.kind !== 'array') {
    reportShape(ctx, value, `${where} must be an array of requirement strings`);
    return [];
  }
  const out: Dependency[] = [];
  for (const item of value.items) {
    if (item.kind === 'string') out.push(requirementRecord(ctx, item, group, options));
    else reportShape(ctx, item, `${where} must hold requirement strings`);
  }
  return out;
}

/** The record for one requirement string; a string that does not parse is kept as 'invalid'. */
export function requirementRecord(ctx: PyprojectContext, node: TomlString, group: string | null, options: RequirementOptions = {}): Dependency {
  const offset = options.offset ?? 0;
  const text = node.value.slice(offset);
  const parsed = parseRequirement(text);
  const at = (from: number, to: number): SourceRange => stringRange(ctx.doc, node, offset + from, offset + to);
  if (!parsed.ok) {
    const { span, message } = parsed.error;
    report(ctx, at(span.start, Math.max(span.end, Math.min(span.start + 1, text.length))), `Invalid requirement '${text}': ${message}`);
    return invalidRecord(ctx, node, group, options);
  }
  const r = parsed.value;
  const direct = r.url == null ? null : sourceOfUrl(r.url);
  return {
    file: ctx.file,
    line: lineAt(ctx.doc, offsetOf(ctx, node, offset + r.nameSpan.start)),
    name: r.normalizedName,
    rawName: r.name,
    specifier: r.specifier,
    extras: r.extras,
    marker: r.markerText,
    url: r.url,
    editable: options.editable ?? false,
    constraint: options.constraint ?? false,
    version: null,
    group,
    hashes: [],
    nameRange: at(r.nameSpan.start, r.nameSpan.end),
    specifierRange: at(r.specifierSpan.start, r.specifierSpan.end),
    requirementRange: at(r.span.start, r.span.end),
    skipReason: direct ? direct.skipReason : pinSkipReason(r.specifier),
    via: [],
    source: direct ? direct.source : null,
  };
}

function offsetOf(ctx: PyprojectContext, node: TomlString, index: number): number {
  return sourceOffsets(ctx.doc, node)?.(index) ?? node.start;
}

/**
 * A requirement names one index release only when pinned with `==` (no wildcard) or `===`;
 * anything else needs a lock file or a resolver before it can be assessed.
 */
export function pinSkipReason(specifier: string): SkipReason | null {
  if (specifier.includes(',')) return 'unpinned';
  if (specifier.startsWith('===')) return null;
  return /^==[^*]+$/.test(specifier) ? null : 'unpinned';
}

/** What is left of a requirement that does not parse: its leading name, if it has one. */
function invalidRecord(ctx: PyprojectContext, node: TomlString, group: string | null, options: RequirementOptions): Dependency {
  const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(node.value);
  const rawName = match ? match[1]! : '';
  const nameStart = match ? match[0].length - rawName.length : 0;
  const nameRange = stringRange(ctx.doc, node, nameStart, nameStart + rawName.length);
  const whole = stringRange(ctx.doc, node);
  return {
    file: ctx.file,
    line: lineAt(ctx.doc, node.start),
    name: rawName ? normalizeName(rawName) : '',
    rawName,
    specifier: '',
    extras: [],
    marker: null,
    url: null,
    editable: options.editable ?? false,
    constraint: options.constraint ?? false,
    version: null,
    group,
    hashes: [],
    nameRange,
    specifierRange: { start: nameRange.end, end: nameRange.end },
    requirementRange: whole,
    skipReason: 'invalid',
    via: [],
    source: null,
  };
}
