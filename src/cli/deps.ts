import type { Dependency, ParsedFile } from '../core/model/dependency';
import { readManifest } from '../core/manifests/registry';
import { diskFileSource } from '../node/file-source';
import { findManifestFiles } from '../node/discover';
import { diskProbe } from '../node/probe';

/** The JSON shape of `beachcomber deps --format json`, which other tools rely on: change with care. */
export function depsJson(files: readonly ParsedFile[]): unknown {
  return {
    files: files.map((f) => ({
      path: f.path,
      kind: f.kind,
      dependencies: f.dependencies.map(dependencyJson),
      problems: f.problems.map((p) => ({ line: p.line, message: p.message })),
    })),
  };
}

function dependencyJson(d: Dependency): unknown {
  return {
    file: d.file,
    line: d.line,
    name: d.name,
    rawName: d.rawName,
    specifier: d.specifier,
    extras: d.extras,
    marker: d.marker,
    url: d.url,
    editable: d.editable,
    constraint: d.constraint,
    version: d.version,
    group: d.group,
    hashes: d.hashes,
    nameRange: d.nameRange,
    specifierRange: d.specifierRange,
    skipReason: d.skipReason,
  };
}

/** Reads every manifest under the given files or folders, each file once (includes too). */
export async function readAll(targets: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<ParsedFile[]> {
  const byPath = new Map<string, ParsedFile>();
  for (const target of targets) {
    for (const path of await findManifestFiles(target)) {
      if (byPath.has(path)) continue;
      for (const parsed of await readManifest(path, diskFileSource, { env, probe: diskProbe })) {
        if (!byPath.has(parsed.path)) byPath.set(parsed.path, parsed);
      }
    }
  }
  return [...byPath.values()];
}

export function depsTable(files: readonly ParsedFile[], cwd: string): string {
  const lines: string[] = [];
  for (const f of files) {
    const shown = f.path.startsWith(cwd + '/') ? f.path.slice(cwd.length + 1) : f.path;
    lines.push(`${shown} (${f.kind}): ${f.dependencies.length} dependencies, ${f.problems.length} problems`);
    for (const d of f.dependencies) {
      const what = d.version ? `==${d.version}` : d.url ? `@ ${d.url}` : d.specifier || '(any)';
      const tags = [d.group, d.constraint ? 'constraint' : null, d.editable ? 'editable' : null, d.skipReason ? `skip:${d.skipReason}` : null, d.marker ? `; ${d.marker}` : null].filter(Boolean);
      lines.push(`  ${String(d.line).padStart(5)}  ${d.name || d.rawName}${d.extras.length ? `[${d.extras.join(',')}]` : ''} ${what}${tags.length ? `  ${tags.join(' ')}` : ''}`);
    }
    for (const p of f.problems) lines.push(`  ${String(p.line).padStart(5)}  ${p.severity}: ${p.message}`);
  }
  return lines.join('\n');
}
