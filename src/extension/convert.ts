/**
 * The one place where the core's plain data meets VS Code's classes: ranges, severities and paths.
 * Both sides use 0-based lines and UTF-16 character offsets, so a range converts one to one.
 */
import * as vscode from 'vscode';
import type { Problem } from '../core/model/dependency';
import type { SourceRange } from '../core/model/range';

export function toRange(range: SourceRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function toSourceRange(range: vscode.Range): SourceRange {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

export function toSeverity(severity: Problem['severity']): vscode.DiagnosticSeverity {
  return severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
}

/**
 * The core works on '/'-separated paths. A URI's path is one already (on Windows too: `/c:/x`, which
 * the core's path helpers treat as absolute), so the path is the core's name for the file.
 */
export function toCorePath(uri: vscode.Uri): string {
  return uri.path;
}

/** The URI of a core path, on the same scheme and authority as `base` (the file that names it). */
export function toUri(base: vscode.Uri, path: string): vscode.Uri {
  return base.with({ path, query: '', fragment: '' });
}
