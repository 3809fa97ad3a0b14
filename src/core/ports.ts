/**
 * The only doors out of the core. The core never touches the file system, the network, timers or
 * VS Code; the extension, the CLI and the server pass implementations of these ports in.
 */

/** Reads files by path; `undefined` means the file does not exist or cannot be read. */
export interface FileSource {
  read(path: string): Promise<string | undefined>;
}

export interface Logger {
  error(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  debug(message: string, meta?: Record<string, unknown>): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/**
 * Every answer from a data source says whether the source answered. "The source failed" must never
 * be mistaken for "nothing found": only `ok` carries a value.
 */
export type SourceStatus = 'ok' | 'unavailable' | 'rate-limited' | 'invalid';

export type Outcome<T> =
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: Exclude<SourceStatus, 'ok'>; readonly detail: string; readonly retryAfterMs?: number };

export const silentLogger: Logger = {
  error() {},
  warn() {},
  info() {},
  debug() {},
};
