/**
 * PDM's `[tool.pdm.dev-dependencies]` (before PEP 735, PDM's dev groups): each group
 * (`group:<g>`) lists requirement strings; PDM also allows `-e <path or VCS URL>#egg=<name>`
 * entries for editable installs, which are kept as editable path or VCS records.
 */
import type { Dependency } from '../../../model/dependency';
import { lineAt, stringRange, tableAt, type TomlString } from '../../../toml';
import { normalizeName } from '../../../versions';
import { sourceOfUrl } from '../../lock-common';
import { reportShape, type PyprojectContext } from '../context';
import { requirementRecord } from '../requirement';

export function readPdm(ctx: PyprojectContext): Dependency[] {
  const groups = tableAt(ctx.doc.root, 'tool', 'pdm', 'dev-dependencies');
  const out: Dependency[] = [];
  for (const [name, entry] of groups?.entries ?? []) {
    const group = `group:${normalizeName(name)}`;
    if (entry.value.kind !== 'array') {
      reportShape(ctx, entry.value, `tool.pdm.dev-dependencies.${name} must be an array of requirement strings`);
      continue;
    }
    for (const item of entry.value.items) {
      if (item.kind !== 'string') reportShape(ctx, item, `tool.pdm.dev-dependencies.${name} must hold requirement strings`);
      else out.push(/^-e\s/.test(item.value) ? editableRecord(ctx, item, group) : requirementRecord(ctx, item, group));
    }
  }
  return out;
}

/** `-e ./sub#egg=sub` or `-e git+https://...#egg=name`; otherwise `-e name @ url`, a requirement. */
function editableRecord(ctx: PyprojectContext, node: TomlString, group: string): Dependency {
  const start = /^-e\s+/.exec(node.value)?.[0].length ?? 0;
  const target = node.value.slice(start).trim();
  const egg = /#egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(target);
  if (!egg) return requirementRecord(ctx, node, group, { offset: start, editable: true });
  const url = /^[a-z+]+:/i.test(target) ? target : `file:${target}`;
  const { source, skipReason } = sourceOfUrl(url);
  const nameAt = start + egg.index + '#egg='.length;
  const nameRange = stringRange(ctx.doc, node, nameAt, nameAt + egg[1]!.length);
  return {
    file: ctx.file,
    line: lineAt(ctx.doc, node.start),
    name: normalizeName(egg[1]!),
    rawName: egg[1]!,
    specifier: '',
    extras: [],
    marker: null,
    url: target,
    editable: true,
    constraint: false,
    version: null,
    group,
    hashes: [],
    nameRange,
    specifierRange: { start: nameRange.end, end: nameRange.end },
    requirementRange: stringRange(ctx.doc, node),
    skipReason,
    via: [],
    source: source.type === 'path' ? { ...source, editable: true } : source,
  };
}
