/**
 * Where each character of a TOML string's value was written. A requirement inside
 * `"tomli>=1.1.0; python_version < \"3.11\""` must be underlined on the source text, so every
 * escape (TOML 1.0 §String: \b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX, and TOML 1.1's \e and \xHH)
 * and, in multi-line basic strings, every line-ending backslash is undone step by step.
 */
import type { TomlString } from './tree';

/** For each UTF-16 unit of a value, where its text starts and where it ends (an escape is one unit). */
export interface ValueOffsets {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

/**
 * Source offsets of the value's UTF-16 units. Returns undefined when the value does not come out
 * of the raw text as expected (a parser normalising line breaks, say); callers then underline
 * the whole string.
 */
export function valueOffsets(text: string, node: TomlString): ValueOffsets | undefined {
  const quote = node.multiline ? 3 : 1;
  let at = node.start + quote;
  const end = node.end - quote;
  if (node.multiline) {
    if (text.startsWith('\r\n', at)) at += 2;
    else if (text[at] === '\n') at += 1;
  }
  const offsets = node.style === 'literal' ? literalOffsets(at, end) : basicOffsets(text, at, end, node.multiline);
  if (offsets.starts.length !== node.value.length) return undefined;
  return offsets;
}

function literalOffsets(start: number, end: number): ValueOffsets {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = start; i < end; i++) {
    starts.push(i);
    ends.push(i + 1);
  }
  return { starts, ends };
}

const SINGLE_ESCAPES = new Set(['b', 't', 'n', 'f', 'r', '"', '\\', 'e']);

function basicOffsets(text: string, start: number, end: number, multiline: boolean): ValueOffsets {
  const starts: number[] = [];
  const ends: number[] = [];
  const unit = (from: number, to: number): void => {
    starts.push(from);
    ends.push(to);
  };
  let i = start;
  while (i < end) {
    if (text[i] !== '\\') {
      unit(i, i + 1);
      i++;
      continue;
    }
    const next = text[i + 1] ?? '';
    if (SINGLE_ESCAPES.has(next)) {
      unit(i, i + 2);
      i += 2;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const digits = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const codePoint = Number.parseInt(text.slice(i + 2, i + 2 + digits), 16);
      unit(i, i + 2 + digits);
      if (codePoint > 0xffff) unit(i, i + 2 + digits);
      i += 2 + digits;
    } else if (multiline) {
      // A line-ending backslash trims the line break and all whitespace that follows it.
      i++;
      while (i < end && /[ \t\r\n]/.test(text[i]!)) i++;
    } else {
      unit(i, i + 1);
      i++;
    }
  }
  return { starts, ends };
}

/**
 * Whether the value is the raw text between the quotes, so offsets are plain arithmetic. Every
 * escape is longer than what it stands for, so a basic string of the same length has none.
 */
export function isVerbatim(node: TomlString): boolean {
  return !node.multiline && node.end - node.start - 2 === node.value.length;
}
