/**
 * Python core metadata (the `METADATA` / `PKG-INFO` file, and PEP 658 `.metadata` files served by
 * an index): RFC 822 style headers, one `Name: value` per line, continuation lines that start with
 * whitespace, and since Metadata-Version 2.1 the description as the message body after the first
 * blank line. https://packaging.python.org/en/latest/specifications/core-metadata/
 *
 * Like every parser in the core it never throws: what it cannot read becomes a problem with a
 * 1-based line and a 0-based range, and the fields it did read are kept.
 */
import type { Problem } from '../model/dependency';
import { lineRange } from '../model/range';

export interface CoreMetadata {
  readonly metadataVersion: string | null;
  readonly name: string | null;
  readonly version: string | null;
  readonly summary: string | null;
  readonly requiresDist: readonly string[];
  readonly requiresPython: string | null;
  readonly providesExtra: readonly string[];
  /** PEP 639 SPDX expression. */
  readonly licenseExpression: string | null;
  /** The legacy free-text License field (often the whole licence text). */
  readonly license: string | null;
  readonly licenseFiles: readonly string[];
  readonly classifiers: readonly string[];
  /** `Project-URL: Label, https://…` entries, plus the deprecated Home-page and Download-URL. */
  readonly projectUrls: Readonly<Record<string, string>>;
  readonly author: string | null;
  readonly authorEmail: string | null;
  readonly maintainer: string | null;
  readonly maintainerEmail: string | null;
  readonly dynamic: readonly string[];
  readonly description: string | null;
  /** Every header as read, by lower-cased name, for fields this type does not name. */
  readonly fields: Readonly<Record<string, readonly string[]>>;
}

export interface CoreMetadataParse {
  readonly metadata: CoreMetadata;
  readonly problems: readonly Problem[];
}

/** Fields the specification allows more than once; every other field keeps its first value. */
const MULTIPLE_USE = new Set([
  'classifier', 'dynamic', 'license-file', 'obsoletes-dist', 'platform', 'project-url', 'provides-dist',
  'provides-extra', 'requires-dist', 'requires-external', 'supported-platform',
]);

interface Header {
  readonly name: string;
  readonly value: string;
  readonly line: number;
}

export function parseCoreMetadata(text: string, file = 'METADATA'): CoreMetadataParse {
  const problems: Problem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const { headers, bodyStart } = readHeaders(lines, file, problems);
  const fields = groupFields(headers, file, problems);
  const description = bodyStart < lines.length ? lines.slice(bodyStart).join('\n').replace(/\s+$/, '') : null;
  const metadata = toMetadata(fields, description);
  for (const required of ['metadata-version', 'name', 'version']) {
    if (!fields[required]) problems.push(problem(file, 0, 0, `core metadata has no ${required} field`, 'warning'));
  }
  return { metadata, problems };
}

function readHeaders(lines: readonly string[], file: string, problems: Problem[]): { headers: Header[]; bodyStart: number } {
  const headers: Header[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') return { headers, bodyStart: index + 1 };
    const previous = headers.at(-1);
    if (/^[ \t]/.test(line) && previous) {
      // RFC 822 folding: a line starting with whitespace continues the previous header's value.
      headers[headers.length - 1] = { ...previous, value: `${previous.value}\n${line.replace(/^[ \t]+\|?/, '')}` };
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(name)) {
      problems.push(problem(file, index, line.length, 'not a "Name: value" header line'));
      continue;
    }
    headers.push({ name: name.toLowerCase(), value: line.slice(colon + 1).trim(), line: index });
  }
  return { headers, bodyStart: lines.length };
}

function groupFields(headers: readonly Header[], file: string, problems: Problem[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const header of headers) {
    const values = fields[header.name] ?? (fields[header.name] = []);
    if (values.length > 0 && !MULTIPLE_USE.has(header.name)) {
      problems.push(problem(file, header.line, header.name.length, `${header.name} given more than once; the first value is used`, 'warning'));
      continue;
    }
    values.push(header.value);
  }
  return fields;
}

function toMetadata(fields: Record<string, string[]>, body: string | null): CoreMetadata {
  const one = (name: string): string | null => {
    const value = fields[name]?.[0];
    return value === undefined || value === '' || value === 'UNKNOWN' ? null : value;
  };
  const many = (name: string): string[] => (fields[name] ?? []).filter((value) => value !== '');
  return {
    metadataVersion: one('metadata-version'),
    name: one('name'),
    version: one('version'),
    summary: one('summary'),
    requiresDist: many('requires-dist'),
    requiresPython: one('requires-python'),
    providesExtra: many('provides-extra'),
    licenseExpression: one('license-expression'),
    license: one('license'),
    licenseFiles: many('license-file'),
    classifiers: many('classifier'),
    projectUrls: projectUrls(fields),
    author: one('author'),
    authorEmail: one('author-email'),
    maintainer: one('maintainer'),
    maintainerEmail: one('maintainer-email'),
    dynamic: many('dynamic'),
    description: body != null && body !== '' ? body : one('description'),
    fields,
  };
}

/** `Project-URL: Label, URL` (the label may itself contain no comma; the URL follows the first one). */
function projectUrls(fields: Record<string, string[]>): Record<string, string> {
  const urls: Record<string, string> = {};
  const homePage = fields['home-page']?.[0];
  if (homePage && homePage !== 'UNKNOWN') urls['Homepage'] = homePage;
  const downloadUrl = fields['download-url']?.[0];
  if (downloadUrl && downloadUrl !== 'UNKNOWN') urls['Download'] = downloadUrl;
  for (const entry of fields['project-url'] ?? []) {
    const comma = entry.indexOf(',');
    if (comma < 0) continue;
    const label = entry.slice(0, comma).trim();
    const url = entry.slice(comma + 1).trim();
    if (label !== '' && url !== '') urls[label] = url;
  }
  return urls;
}

function problem(file: string, line: number, length: number, message: string, severity: Problem['severity'] = 'error'): Problem {
  return { file, line: line + 1, message, range: lineRange(line, 0, length), severity };
}
