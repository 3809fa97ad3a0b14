/**
 * Parse problems as diagnostics. Every open manifest or lock file is read through the core
 * (with its `-r` / `-c` includes) and each problem the core reports for that file becomes a
 * Diagnostic at its range. Edits re-read the file after a short pause; closing it clears them.
 */
import * as vscode from 'vscode';
import type { Problem } from '../core/model/dependency';
import type { Logger } from '../core/ports';
import { readManifest } from '../core/manifests/registry';
import type { Lifetime } from './ctx';
import { toCorePath, toRange, toSeverity } from './convert';
import { documentFileSource, isManifestDocument } from './documents';

/** Long enough to let a burst of keystrokes pass, short enough to feel immediate. */
const EDIT_DEBOUNCE_MS = 150;

export interface ParseDiagnostics {
  /** Resolves once no read is waiting or running (for tests, and for a later status item). */
  idle(): Promise<void>;
}

export function startParseDiagnostics(lifetime: Lifetime, log: Logger): ParseDiagnostics {
  const collection = lifetime.own(vscode.languages.createDiagnosticCollection('beachcomber'));
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const waiters: (() => void)[] = [];
  let running = 0;

  function settle(): void {
    if (timers.size > 0 || running > 0) return;
    for (const resolve of waiters.splice(0)) resolve();
  }

  function schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!isManifestDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      void run(document);
    }, delayMs));
  }

  async function run(document: vscode.TextDocument): Promise<void> {
    running++;
    try {
      await publish(document);
    } catch (error) {
      log.error(`reading ${document.uri.toString()} failed`, { error: String(error) });
    } finally {
      running--;
      settle();
    }
  }

  async function publish(document: vscode.TextDocument): Promise<void> {
    const version = document.version;
    const path = toCorePath(document.uri);
    const started = Date.now();
    const files = await readManifest(path, documentFileSource(document.uri));
    // An edit or a close while reading: the result is stale, and the edit has scheduled a new read.
    if (document.isClosed || document.version !== version) return;
    const problems = files.find((file) => file.path === path)?.problems ?? [];
    collection.set(document.uri, problems.map(toDiagnostic));
    log.debug(`read ${path}`, { files: files.length, problems: problems.length, ms: Date.now() - started });
  }

  function forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.delete(key);
    collection.delete(document.uri);
    settle();
  }

  lifetime.own(vscode.workspace.onDidOpenTextDocument((document) => schedule(document, 0)));
  lifetime.own(vscode.workspace.onDidChangeTextDocument((event) => {
    if (event.contentChanges.length > 0) schedule(event.document, EDIT_DEBOUNCE_MS);
  }));
  lifetime.own(vscode.workspace.onDidCloseTextDocument(forget));
  lifetime.own({ dispose: () => timers.forEach((timer) => clearTimeout(timer)) });
  for (const document of vscode.workspace.textDocuments) schedule(document, 0);

  return {
    idle: () => new Promise<void>((resolve) => {
      waiters.push(resolve);
      settle();
    }),
  };
}

function toDiagnostic(problem: Problem): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(problem.range), problem.message, toSeverity(problem.severity));
  diagnostic.source = 'beachcomber';
  diagnostic.code = 'parse-problem';
  return diagnostic;
}
