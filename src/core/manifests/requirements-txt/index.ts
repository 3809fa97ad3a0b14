/**
 * Requirements files (`requirements*.txt`, `*.in`, constraints files), read exactly as pip 23.2.1
 * reads them (pip/_internal/req/req_file.py): each logical line is split at its first token that
 * starts with '-' into a requirement part and an option part; a line with a requirement yields a
 * record (per-requirement options: --hash, --config-settings, --global-option), a line with `-e`
 * an editable record, and any other line sets options (`-r`/`-c` includes, index options).
 */
import type { Dependency, Include, ParsedFile, Problem } from '../../model/dependency';
import { basename, dirname } from '../../paths';
import type { ManifestFormat, ParseOptions } from '../format';
import { emptyParsedFile } from '../format';
import { lineText, logicalLines, readDocument, sourceRange, type LogicalLine } from './lines';
import { parseOptions, type ParsedOption, type ParsedOptions } from './options';
import { editableLine } from './editable';
import { requirementLine } from './parse';
import { problemAt, type Context, type Span } from './record';
import { viaAfter } from './via';

export type { LocalPathProbe } from './record';

export type RequirementsParseOptions = ParseOptions;

/** pip applies only these options to the requirement on the same line (SUPPORTED_OPTIONS_REQ). */
const PER_REQUIREMENT = new Set(['hash', 'config-settings', 'global-option', 'install-option']);
const REMOTE = /^(http|https|file):/i;

/** `requirements*.txt`, `*.in`, `constraints*.txt`, and .txt/.in files in a `requirements` folder. */
export function isRequirementsFile(path: string): boolean {
  const name = basename(path).toLowerCase();
  if (name === 'manifest.in') return false;
  if (name.endsWith('.in')) return true;
  if (!name.endsWith('.txt')) return false;
  if (name.includes('requirements') || name.startsWith('constraints')) return true;
  return basename(dirname(path)).toLowerCase() === 'requirements';
}

/** break_args_options: the requirement ends before the first space-separated token starting with '-'. */
function splitArgs(text: string): { argsEnd: number; optionsStart: number } {
  let at = 0;
  for (;;) {
    if (text[at] === '-') return { argsEnd: Math.max(0, at - 1), optionsStart: at };
    const space = text.indexOf(' ', at);
    if (space < 0) return { argsEnd: text.length, optionsStart: text.length };
    at = space + 1;
  }
}

interface State {
  readonly ctx: Context;
  readonly dependencies: Dependency[];
  readonly lastLines: number[];
  readonly problems: Problem[];
  readonly includes: Include[];
  index: MutableIndex | null;
}

interface MutableIndex {
  indexUrl: string | null;
  extraIndexUrls: string[];
  findLinks: string[];
  trustedHosts: string[];
  pre: boolean;
  onlyBinary: string[];
  noBinary: string[];
  noIndex: boolean;
  preferBinary: boolean;
  requireHashes: boolean;
  features: string[];
}

function shift(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

/** pip's hash options, grouped by algorithm in first-seen order as its dict keeps them. */
function hashesOf(options: readonly ParsedOption[]): string[] {
  const byAlgo = new Map<string, string[]>();
  for (const o of options) {
    if (o.name !== 'hash' || o.value == null) continue;
    const colon = o.value.indexOf(':');
    const algo = o.value.slice(0, colon);
    const digests = byAlgo.get(algo);
    if (digests) digests.push(o.value.slice(colon + 1));
    else byAlgo.set(algo, [o.value.slice(colon + 1)]);
  }
  return [...byAlgo].flatMap(([algo, digests]) => digests.map((d) => `${algo}:${d}`));
}

function optionProblems(s: State, line: LogicalLine, parsed: ParsedOptions, at: number): void {
  for (const p of parsed.problems) s.problems.push(problemAt(s.ctx, line, shift(p, at), p.message, p.severity));
  for (const o of parsed.options) {
    if (o.name === 'install-option') s.problems.push(problemAt(s.ctx, line, shift(o.span, at), `${o.flag} was removed in pip 23.1, which refuses this line`, 'warning'));
  }
}

function requirementOptionWarnings(s: State, line: LogicalLine, parsed: ParsedOptions, at: number): void {
  for (const o of parsed.options) {
    if (PER_REQUIREMENT.has(o.name)) continue;
    s.problems.push(problemAt(s.ctx, line, shift(o.span, at), `'${o.flag}' has no effect on a line that names a requirement: pip applies only --hash, --config-settings and --global-option there`, 'warning'));
  }
}

function index(s: State): MutableIndex {
  s.index ??= { indexUrl: null, extraIndexUrls: [], findLinks: [], trustedHosts: [], pre: false, onlyBinary: [], noBinary: [], noIndex: false, preferBinary: false, requireHashes: false, features: [] };
  return s.index;
}

/** FormatControl.handle_mutual_excludes: `:all:`, `:none:` and names, each option undoing the other's. */
function formatControl(value: string, target: string[], other: string[]): void {
  let names = value.split(',');
  while (names.includes(':all:')) {
    other.length = 0;
    target.length = 0;
    target.push(':all:');
    names = names.slice(names.indexOf(':all:') + 1);
    if (!names.includes(':none:')) return;
  }
  for (const name of names) {
    if (name === ':none:') {
      target.length = 0;
      continue;
    }
    const canonical = name.replace(/[-_.]+/g, '-').toLowerCase();
    const i = other.indexOf(canonical);
    if (i >= 0) other.splice(i, 1);
    if (!target.includes(canonical)) target.push(canonical);
  }
}

/** handle_option_line's effect on the finder, applied line after line as pip does. */
function applyIndexOptions(s: State, options: readonly ParsedOption[]): void {
  const relevant = options.filter((o) => !['requirement', 'constraint', 'editable', 'hash', 'config-settings', 'global-option', 'install-option'].includes(o.name));
  if (relevant.length === 0) return;
  const ix = index(s);
  const values = (name: string): string[] => relevant.filter((o) => o.name === name).map((o) => o.value ?? '');
  if (relevant.some((o) => o.name === 'no-index')) {
    ix.noIndex = true;
    ix.indexUrl = null;
    ix.extraIndexUrls = [];
  }
  const indexUrl = values('index-url').pop();
  if (indexUrl && !ix.noIndex) {
    ix.indexUrl = indexUrl;
    ix.extraIndexUrls = [];
  }
  if (!ix.noIndex) ix.extraIndexUrls.push(...values('extra-index-url'));
  // pip takes only the first --find-links of a line.
  const links = values('find-links');
  if (links.length > 0) ix.findLinks.push(links[0]!);
  ix.trustedHosts.push(...values('trusted-host'));
  for (const f of values('use-feature')) if (!ix.features.includes(f)) ix.features.push(f);
  for (const o of relevant) {
    if (o.name === 'pre') ix.pre = true;
    if (o.name === 'prefer-binary') ix.preferBinary = true;
    if (o.name === 'require-hashes') ix.requireHashes = true;
    if (o.name === 'only-binary') formatControl(o.value ?? '', ix.onlyBinary, ix.noBinary);
    if (o.name === 'no-binary') formatControl(o.value ?? '', ix.noBinary, ix.onlyBinary);
  }
}

function optionLine(s: State, line: LogicalLine, parsed: ParsedOptions, at: number): void {
  const include = parsed.options.find((o) => o.name === 'requirement') ?? parsed.options.find((o) => o.name === 'constraint');
  if (include && include.value != null && include.valueSpan) {
    const range = sourceRange(s.ctx.doc, line, include.valueSpan.start + at, include.valueSpan.end + at);
    if (REMOTE.test(include.value)) {
      s.problems.push(problemAt(s.ctx, line, shift(include.valueSpan, at), `'${include.value}' is not followed: remote requirements files are not read`, 'warning'));
    } else {
      s.includes.push({ kind: include.name === 'constraint' ? 'constraint' : 'requirement', target: include.value, line: line.line, range });
    }
    return;
  }
  applyIndexOptions(s, parsed.options);
  if (parsed.options.some((o) => o.name === 'hash')) s.problems.push(problemAt(s.ctx, line, { start: 0, end: line.text.length }, `${basename(s.ctx.file)} line ${line.line} has --hash but no requirement, and will be ignored.`, 'warning'));
  for (const p of parsed.positional) {
    s.problems.push(problemAt(s.ctx, line, shift(p, at), `pip ignores '${p.value}' here: a line that starts with an option is read as options only`, 'warning'));
  }
}

function readLine(s: State, line: LogicalLine): void {
  const { argsEnd, optionsStart } = splitArgs(line.text);
  const parsed = optionsStart < line.text.length ? parseOptions(line.text.slice(optionsStart)) : { options: [], positional: [], problems: [] };
  optionProblems(s, line, parsed, optionsStart);
  const editable = parsed.options.find((o) => o.name === 'editable');
  let found: ReturnType<typeof requirementLine> | null = null;
  if (argsEnd > 0) {
    requirementOptionWarnings(s, line, parsed, optionsStart);
    found = requirementLine(s.ctx, line, { start: 0, end: argsEnd }, hashesOf(parsed.options));
  } else if (editable?.value != null && editable.valueSpan) {
    found = editableLine(s.ctx, line, editable.value, shift(editable.valueSpan, optionsStart));
  } else {
    optionLine(s, line, parsed, optionsStart);
  }
  if (!found) return;
  s.dependencies.push(found.dependency);
  s.lastLines.push(line.last);
  s.problems.push(...found.problems);
}

export function parseRequirementsFile(text: string, path: string, options: RequirementsParseOptions): ParsedFile {
  const doc = readDocument(text);
  const ctx: Context = { doc, file: path, dir: dirname(path), probe: options.probe ?? null };
  const s: State = { ctx, dependencies: [], lastLines: [], problems: [], includes: [], index: null };
  const joined = logicalLines(doc, options.env);
  for (const line of joined.lines) readLine(s, line);
  if (joined.danglingContinuation != null) {
    const n = joined.danglingContinuation;
    const end = lineText(doc, n).length;
    s.problems.push({ file: path, line: n + 1, message: "Line continuation '\\' at the end of the file: nothing follows to join", range: { start: { line: n, character: Math.max(0, end - 1) }, end: { line: n, character: end } }, severity: 'error' });
  }
  const dependencies = s.dependencies.map((d, i) => {
    const via = viaAfter(doc, s.lastLines[i]!);
    return via.length > 0 ? { ...d, via } : d;
  });
  return { ...emptyParsedFile(path, 'requirements'), dependencies, problems: s.problems, includes: s.includes, indexOptions: s.index };
}

export const requirementsTxtFormat: ManifestFormat = {
  kind: 'requirements',
  matches: isRequirementsFile,
  parse: (text, path, options) => parseRequirementsFile(text, path, options),
};
