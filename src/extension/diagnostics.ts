/**
 * Diagnostics from snapshots: each file's parse problems (code `parse-problem`) and the risk
 * findings on the exact name and specifier text, with source "beachcomber", a stable code linked
 * to the advisory or the project, a severity from the user's mapping, and related places. The
 * finding behind each diagnostic is kept, so code actions act on exactly what was shown.
 */
import * as vscode from 'vscode';
import type { Problem } from '../core/model/dependency';
import type { Lifetime } from './ctx';
import { toRange } from './convert';
import { findingsFor, type Finding } from './findings';
import type { DiagnosticSeverityName, Settings } from './settings';
import type { Snapshot } from './snapshot';

export const SOURCE = 'beachcomber';

export interface DiagnosticsView {
  /** The finding a diagnostic of ours was made from, or undefined (a parse problem, or a stale diagnostic). */
  findingOf(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Finding | undefined;
  render(snapshot: Snapshot, settings: Settings): void;
}

const SEVERITIES: Readonly<Record<Exclude<DiagnosticSeverityName, 'off'>, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function createDiagnosticsView(lifetime: Lifetime, uriOf: (path: string) => vscode.Uri): DiagnosticsView {
  const collection = lifetime.own(vscode.languages.createDiagnosticCollection(SOURCE));
  let findings = new Map<string, Finding>();

  let rendered: { readonly snapshot: Snapshot; readonly settings: Settings } | undefined;

  function render(snapshot: Snapshot, settings: Settings): void {
    // An edit publishes up to three snapshots (read, advisories, done); with every answer reused,
    // the last two show what the first did, and a 3,000-line file need not be drawn again.
    if (rendered && sameInput(rendered.snapshot, snapshot) && rendered.settings === settings) return;
    rendered = { snapshot, settings };
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const add = (file: string, diagnostic: vscode.Diagnostic) => {
      const list = byFile.get(file);
      if (list) list.push(diagnostic);
      else byFile.set(file, [diagnostic]);
    };
    const seenFiles = new Set<string>();
    for (const read of snapshot.reads) {
      for (const file of read.files) {
        if (seenFiles.has(file.path)) continue;
        seenFiles.add(file.path);
        byFile.set(file.path, byFile.get(file.path) ?? []);
        for (const problem of file.problems) add(file.path, problemDiagnostic(problem));
      }
    }
    for (const problem of snapshot.decisionProblems) add(problem.file, problemDiagnostic(problem));
    const kept = new Map<string, Finding>();
    for (const finding of findingsFor(snapshot, settings)) {
      const diagnostic = findingDiagnostic(finding, settings, uriOf);
      if (!diagnostic) continue;
      add(finding.file, diagnostic);
      kept.set(keyOf(uriOf(finding.file), diagnostic), finding);
    }
    findings = kept;
    collection.clear();
    collection.set([...byFile].map(([file, diagnostics]) => [uriOf(file), diagnostics]));
  }

  return {
    render,
    findingOf: (uri, diagnostic) => findings.get(keyOf(uri, diagnostic)),
  };
}

/** What a render reads of a snapshot; assessments reused by a new analysis are the same objects. */
function sameInput(a: Snapshot, b: Snapshot): boolean {
  if (a.reads !== b.reads || a.projects !== b.projects || a.decisionProblems !== b.decisionProblems) return false;
  if (a.assessments === b.assessments) return true;
  if (a.assessments.size !== b.assessments.size) return false;
  for (const [key, assessment] of a.assessments) if (b.assessments.get(key) !== assessment) return false;
  return true;
}

function problemDiagnostic(problem: Problem): vscode.Diagnostic {
  const severity = problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new vscode.Diagnostic(toRange(problem.range), problem.message, severity);
  diagnostic.source = SOURCE;
  diagnostic.code = 'parse-problem';
  return diagnostic;
}

function findingDiagnostic(finding: Finding, settings: Settings, uriOf: (path: string) => vscode.Uri): vscode.Diagnostic | undefined {
  // An inactive requirement is a fact about the target, not a risk: a faded hint, whatever the mapping says.
  const name = finding.code === 'inactive' ? 'hint' : settings.diagnostics.severity[finding.level];
  if (name === 'off') return undefined;
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, SEVERITIES[name]);
  diagnostic.source = SOURCE;
  diagnostic.code = finding.href ? { value: finding.code, target: vscode.Uri.parse(finding.href, true) } : finding.code;
  if (finding.code === 'inactive') diagnostic.tags = [vscode.DiagnosticTag.Unnecessary];
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((place) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uriOf(place.file), toRange(place.range)), place.message));
  }
  return diagnostic;
}

/** Diagnostics come back to code actions as copies: they are matched by place, code and message. */
function keyOf(uri: vscode.Uri, diagnostic: vscode.Diagnostic): string {
  const r = diagnostic.range;
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return `${uri.toString()}#${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}#${String(code)}#${diagnostic.message}`;
}
