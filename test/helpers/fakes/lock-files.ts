/**
 * Real package data from the corpus for the fakes: uv.lock and pylock.toml files carry real
 * versions, file names, sizes, sha256 hashes and upload times; pinned requirements files carry
 * real (name, version) pairs from years when many of them had advisories. Read with a plain TOML
 * reader here, independent of the project's own lock-file readers.
 */
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { readCorpus } from '../corpus';

export interface LockedFile {
  readonly url: string;
  readonly filename: string;
  readonly sha256: string;
  readonly size: number;
  readonly uploadTime: string | null;
}

export interface LockedDependency {
  readonly name: string;
  readonly marker: string | null;
}

export interface LockedRelease {
  readonly name: string;
  readonly version: string;
  readonly files: readonly LockedFile[];
  readonly dependencies: readonly LockedDependency[];
}

type Table = Record<string, unknown>;

/** Registry packages of a uv.lock (workspace members, git and path sources are left out). */
export function readUvLock(...path: string[]): LockedRelease[] {
  const lock = getStaticTOMLValue(parseTOML(readCorpus(...path))) as Table;
  const packages = (lock['package'] ?? []) as Table[];
  return packages.filter((pkg) => typeof (pkg['source'] as Table | undefined)?.['registry'] === 'string').map((pkg) => ({
    name: String(pkg['name']),
    version: String(pkg['version']),
    files: [pkg['sdist'], ...((pkg['wheels'] ?? []) as unknown[])].filter(isTable).map((file) => lockedFile(file, String(file['hash'] ?? '').replace(/^sha256:/, ''))),
    dependencies: ((pkg['dependencies'] ?? []) as Table[]).map((dep) => ({ name: String(dep['name']), marker: typeof dep['marker'] === 'string' ? dep['marker'] : null })),
  }));
}

/** Packages of a PEP 751 pylock.toml that name a version and files. */
export function readPylock(...path: string[]): LockedRelease[] {
  const lock = getStaticTOMLValue(parseTOML(readCorpus(...path))) as Table;
  const packages = (lock['packages'] ?? []) as Table[];
  return packages.filter((pkg) => typeof pkg['version'] === 'string').map((pkg) => ({
    name: String(pkg['name']),
    version: String(pkg['version']),
    files: [pkg['sdist'], ...((pkg['wheels'] ?? []) as unknown[])].filter(isTable).map((file) => lockedFile(file, String((file['hashes'] as Table | undefined)?.['sha256'] ?? ''))),
    dependencies: [],
  }));
}

/** `name==version` lines of a pinned requirements file (pip-compile or freeze output). */
export function readPinned(...path: string[]): { name: string; version: string }[] {
  const pairs: { name: string; version: string }[] = [];
  for (const line of readCorpus(...path).split('\n')) {
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#\\]+)/.exec(line.trim());
    if (match) pairs.push({ name: match[1] as string, version: match[2] as string });
  }
  return pairs;
}

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value != null && !Array.isArray(value);
}

function lockedFile(file: Table, sha256: string): LockedFile {
  const url = String(file['url']);
  const upload = file['upload-time'];
  const uploadTime = upload instanceof Date ? upload.toISOString() : typeof upload === 'string' ? upload : null;
  return { url, filename: decodeURIComponent(url.slice(url.lastIndexOf('/') + 1)), sha256, size: Number(file['size'] ?? 0), uploadTime };
}
