/**
 * The moves every integration test makes inside the extension host: reach the extension's API,
 * point it at the fake servers (started once per extension host and shared by every test file),
 * open and edit fixture files, and read diagnostics in a form assert can compare and print.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { BeachcomberApi } from '../../../src/extension/api';
import { startFakes, type Fakes } from './fakes';

export const EXTENSION_ID = 'beachcomber.beachcomber';

interface Shared {
  api?: Promise<BeachcomberApi>;
  fakes?: Promise<Fakes>;
}

/** One per extension host: every compiled test file is its own bundle, so state lives on globalThis. */
const shared: Shared = ((globalThis as { __beachcomberE2E?: Shared }).__beachcomberE2E ??= {});

export function api(): Promise<BeachcomberApi> {
  shared.api ??= (async () => {
    const extension = vscode.extensions.getExtension<BeachcomberApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    return extension.activate();
  })();
  return shared.api;
}

/** The fakes, started once, with the extension's machine settings pointing at them and the analysis settled. */
export function fakes(): Promise<Fakes> {
  shared.fakes ??= (async () => {
    const started = await startFakes();
    await configure(started.settings);
    return started;
  })();
  return shared.fakes;
}

/** Sets beachcomber.* user settings (null removes one) and waits for the analysis they cause. */
export async function configure(values: Readonly<Record<string, unknown>>): Promise<void> {
  const config = vscode.workspace.getConfiguration('beachcomber');
  for (const [key, value] of Object.entries(values)) await config.update(key, value ?? undefined, vscode.ConfigurationTarget.Global);
  await settled();
}

/** Waits until the extension has seen every event so far and nothing is scheduled or running. */
export async function settled(): Promise<void> {
  const beachcomber = await api();
  await new Promise((resolve) => setTimeout(resolve, 50));
  await beachcomber.idle();
  await waitFor('the analysis to finish', () => beachcomber.testing.snapshot().phase === 'done' || beachcomber.testing.snapshot().phase === 'failed');
}

export function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run has no workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** A workspace file's path as the core names it. */
export function corePath(name: string): string {
  return workspaceUri(name).path;
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'beachcomber');
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(name));
  await vscode.window.showTextDocument(document);
  return document;
}

export async function replaceLine(document: vscode.TextDocument, line: number, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, document.lineAt(line).range, text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');
}

export async function insertLine(document: vscode.TextDocument, line: number, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(line, 0), `${text}\n`);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was not applied');
}

/** Back to the text on disk, and the analysis settled on it. */
export async function revert(document: vscode.TextDocument): Promise<void> {
  if (document.isClosed) return;
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.equal(document.isDirty, false);
  await settled();
}

/**
 * Writes a workspace file on disk (as another program would) and waits for the analysis the change
 * causes: the file watcher's event arrives a little later than the write.
 */
export async function writeFile(name: string, text: string): Promise<void> {
  const beachcomber = await api();
  const before = beachcomber.testing.lastRun();
  await vscode.workspace.fs.writeFile(workspaceUri(name), new TextEncoder().encode(text));
  const file = name.split('/').at(-1)!;
  await waitFor(`an analysis after ${name} changed`, () => {
    const run = beachcomber.testing.lastRun();
    return run !== before && run?.reason.includes(file);
  }, 60_000);
  await settled();
}

export async function readText(name: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(name)));
  } catch {
    return undefined;
  }
}

export function range(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** A diagnostic as `line range severity code`, the form the exact expectations are written in. */
export function shape(d: vscode.Diagnostic): string {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return `${range(d.range)} ${vscode.DiagnosticSeverity[d.severity]} ${String(code)}`;
}

export function codeTarget(d: vscode.Diagnostic): string | null {
  return typeof d.code === 'object' ? d.code.target.toString(true) : null;
}

export function sortedShapes(uri: vscode.Uri): string[] {
  return ours(uri).map(shape).sort(byPosition);
}

function byPosition(a: string, b: string): number {
  const [al, ac] = a.split(/[:-]/).map(Number);
  const [bl, bc] = b.split(/[:-]/).map(Number);
  return al! - bl! || ac! - bc! || a.localeCompare(b);
}

/** Timings the suite measured in the real editor, for `npm run bench` (bench/editor.ts prints them). */
export function recordTiming(name: string, value: number | Record<string, number>): void {
  const results = process.env.BEACHCOMBER_E2E_RESULTS;
  if (!results) return;
  const file = join(dirname(results), 'editor-timings.json');
  mkdirSync(dirname(file), { recursive: true });
  let known: Record<string, unknown>;
  try {
    known = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    known = {};
  }
  writeFileSync(file, JSON.stringify({ ...known, [name]: value, measuredAt: new Date().toISOString(), vscode: vscode.version }, null, 2));
}
