/**
 * The option part of a requirements-file line, read as pip reads it: `shlex.split` (POSIX rules)
 * and then Python's optparse with pip's option table (pip/_internal/req/req_file.py
 * SUPPORTED_OPTIONS and SUPPORTED_OPTIONS_REQ; pip/_internal/cli/cmdoptions.py). Long options may
 * be abbreviated, short options may carry their value (`-rfile`), `--opt=value` works.
 * optparse stops at the first error; we report it and go on, so that one bad option does not
 * hide the others.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Token extends Span {
  readonly value: string;
}

export type OptionName =
  | 'index-url'
  | 'extra-index-url'
  | 'no-index'
  | 'constraint'
  | 'requirement'
  | 'editable'
  | 'find-links'
  | 'no-binary'
  | 'only-binary'
  | 'prefer-binary'
  | 'require-hashes'
  | 'pre'
  | 'trusted-host'
  | 'use-feature'
  | 'global-option'
  | 'hash'
  | 'config-settings'
  | 'install-option';

interface OptionSpec {
  readonly name: OptionName;
  readonly short?: string;
  readonly long: readonly string[];
  readonly takesValue: boolean;
}

const SPECS: readonly OptionSpec[] = [
  { name: 'index-url', short: '-i', long: ['--index-url', '--pypi-url'], takesValue: true },
  { name: 'extra-index-url', long: ['--extra-index-url'], takesValue: true },
  { name: 'no-index', long: ['--no-index'], takesValue: false },
  { name: 'constraint', short: '-c', long: ['--constraint'], takesValue: true },
  { name: 'requirement', short: '-r', long: ['--requirement'], takesValue: true },
  { name: 'editable', short: '-e', long: ['--editable'], takesValue: true },
  { name: 'find-links', short: '-f', long: ['--find-links'], takesValue: true },
  { name: 'no-binary', long: ['--no-binary'], takesValue: true },
  { name: 'only-binary', long: ['--only-binary'], takesValue: true },
  { name: 'prefer-binary', long: ['--prefer-binary'], takesValue: false },
  { name: 'require-hashes', long: ['--require-hashes'], takesValue: false },
  { name: 'pre', long: ['--pre'], takesValue: false },
  { name: 'trusted-host', long: ['--trusted-host'], takesValue: true },
  { name: 'use-feature', long: ['--use-feature'], takesValue: true },
  { name: 'global-option', long: ['--global-option'], takesValue: true },
  { name: 'hash', long: ['--hash'], takesValue: true },
  { name: 'config-settings', short: '-C', long: ['--config-settings'], takesValue: true },
  // Removed in pip 23.1; still common in older files, so it is read (with a warning) rather than refused.
  { name: 'install-option', long: ['--install-option'], takesValue: true },
];

const LONG = new Map<string, OptionSpec>(SPECS.flatMap((s) => s.long.map((l) => [l, s] as const)));
const SHORT = new Map<string, OptionSpec>(SPECS.filter((s) => s.short).map((s) => [s.short!, s] as const));
const LONG_NAMES = [...LONG.keys()].sort();

/** pip 23.2.1's `--use-feature` choices. */
const FEATURES = ['fast-deps', 'truststore', 'no-binary-enable-wheel-cache'];
const STRONG_HASHES = ['sha256', 'sha384', 'sha512'];

export interface ParsedOption {
  readonly name: OptionName;
  /** The option as typed (`-r`, `--requirement`, an abbreviation). */
  readonly flag: string;
  readonly value: string | null;
  /** The option with its value. */
  readonly span: Span;
  readonly valueSpan: Span | null;
}

export interface OptionProblem extends Span {
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface ParsedOptions {
  readonly options: readonly ParsedOption[];
  /** Arguments that are not options; pip ignores them on an option line. */
  readonly positional: readonly Token[];
  readonly problems: readonly OptionProblem[];
}

const SHELL_SPACE = ' \t\r\n';

const WORD_RE = /[^ \t\r\n]+/g;

/** `shlex.split(text)` in POSIX mode, with where each token starts and ends; null and a message when it fails. */
export function shlexSplit(text: string): { tokens: Token[] } | { error: string } {
  // Without quotes or backslashes shlex only splits at whitespace; most option text is like that.
  if (!/['"\\]/.test(text)) return { tokens: [...text.matchAll(WORD_RE)].map((m) => ({ value: m[0], start: m.index, end: m.index + m[0].length })) };
  const tokens: Token[] = [];
  let state: ' ' | 'a' | "'" | '"' = ' ';
  let value = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (state === "'" || state === '"') {
      if (c === state) state = 'a';
      else if (c === '\\' && state === '"' && i + 1 < text.length && (text[i + 1] === '"' || text[i + 1] === '\\')) value += text[++i];
      else if (c === '\\' && state === '"' && i + 1 >= text.length) return { error: 'No escaped character' };
      else value += c;
      continue;
    }
    if (SHELL_SPACE.includes(c)) {
      if (state === 'a') tokens.push({ value, start, end: i });
      state = ' ';
      value = '';
      continue;
    }
    if (state === ' ') start = i;
    if (c === "'" || c === '"') state = c;
    else if (c === '\\') {
      if (i + 1 >= text.length) return { error: 'No escaped character' };
      value += text[++i];
      state = 'a';
    } else {
      value += c;
      state = 'a';
    }
  }
  if (state === "'" || state === '"') return { error: 'No closing quotation' };
  if (state === 'a') tokens.push({ value, start, end: text.length });
  return { tokens };
}

/** optparse's `_match_abbrev`: an exact name, or the one long name the text abbreviates. */
function matchLong(flag: string): { spec: OptionSpec; full: string } | { error: string } {
  const exact = LONG.get(flag);
  if (exact) return { spec: exact, full: flag };
  const candidates = LONG_NAMES.filter((n) => n.startsWith(flag));
  if (candidates.length === 1) return { spec: LONG.get(candidates[0]!)!, full: candidates[0]! };
  if (candidates.length === 0) return { error: `no such option: ${flag}` };
  return { error: `ambiguous option: ${flag} (${candidates.join(', ')}?)` };
}

/** The checks pip's option callbacks make on a value. */
function checkValue(spec: OptionSpec, flag: string, value: string): string | null {
  switch (spec.name) {
    case 'hash': {
      const colon = value.indexOf(':');
      if (colon < 0) return `Arguments to ${flag} must be a hash name followed by a value, like --hash=sha256:abcde...`;
      return STRONG_HASHES.includes(value.slice(0, colon)) ? null : `Allowed hash algorithms for ${flag} are ${STRONG_HASHES.join(', ')}.`;
    }
    case 'config-settings':
      return value.includes('=') ? null : `Arguments to ${flag} must be of the form KEY=VAL`;
    case 'no-binary':
    case 'only-binary':
      return value.startsWith('-') ? '--no-binary / --only-binary option requires 1 argument.' : null;
    case 'use-feature':
      return FEATURES.includes(value) ? null : `option ${flag}: invalid choice: '${value}' (choose from ${FEATURES.map((f) => `'${f}'`).join(', ')})`;
    default:
      return null;
  }
}

/** Reads the options of one line (`text` is the part from the first option on). */
export function parseOptions(text: string): ParsedOptions {
  const split = shlexSplit(text);
  if ('error' in split) return { options: [], positional: [], problems: [{ message: `Could not split options: ${text} (${split.error})`, start: 0, end: text.length, severity: 'error' }] };
  const tokens = split.tokens;
  const options: ParsedOption[] = [];
  const positional: Token[] = [];
  const problems: OptionProblem[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const arg = token.value;
    if (arg === '--') {
      positional.push(...tokens.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(token);
      continue;
    }
    const long = arg.startsWith('--');
    const eq = long ? arg.indexOf('=') : -1;
    const flag = long ? (eq >= 0 ? arg.slice(0, eq) : arg) : arg.slice(0, 2);
    const found = long ? matchLong(flag) : SHORT.has(flag) ? { spec: SHORT.get(flag)!, full: flag } : { error: `no such option: ${flag}` };
    if ('error' in found) {
      problems.push({ message: found.error, start: token.start, end: token.end, severity: 'error' });
      continue;
    }
    const { spec, full } = found;
    const inline = long ? (eq >= 0 ? arg.slice(eq + 1) : null) : arg.length > 2 ? arg.slice(2) : null;
    if (!spec.takesValue) {
      if (inline != null) problems.push({ message: `${full} option does not take a value`, start: token.start, end: token.end, severity: 'error' });
      else options.push({ name: spec.name, flag, value: null, span: token, valueSpan: null });
      continue;
    }
    let value: Token | null = inline != null ? { value: inline, start: token.end - inline.length, end: token.end } : null;
    if (value == null) {
      const next = tokens[i + 1];
      if (!next) {
        problems.push({ message: `${full} option requires 1 argument`, start: token.start, end: token.end, severity: 'error' });
        continue;
      }
      value = next;
      i++;
    }
    const invalid = checkValue(spec, flag, value.value);
    if (invalid) problems.push({ message: invalid, start: value.start, end: value.end, severity: 'error' });
    else options.push({ name: spec.name, flag, value: value.value, span: { start: token.start, end: value.end }, valueSpan: { start: value.start, end: value.end } });
  }
  return { options, positional, problems };
}
