/**
 * Hover cards on dependencies, rendered from the current snapshot only (never fetched). The
 * markdown is untrusted where it quotes packages and advisories, so it allows no HTML and trusts
 * only our own commands.
 */
import * as vscode from 'vscode';
import { basename } from '../core/paths';
import { normalizeName } from '../core/versions';
import type { PackageTarget } from './command-ids';
import type { Lifetime } from './ctx';
import { toCorePath, toRange } from './convert';
import { isManifestDocument } from './documents';
import { hoverCard, type CardInput } from './hover-card';
import { locate, type Located } from './locate';
import { TRUSTED_COMMANDS } from './markdown';
import { targetLabel, type Settings } from './settings';
import type { Snapshot } from './snapshot';

export function registerHover(lifetime: Lifetime, current: () => { snapshot: Snapshot; settings: Settings }): void {
  lifetime.own(vscode.languages.registerHoverProvider({ scheme: 'file' }, {
    provideHover(document, position) {
      if (!isManifestDocument(document)) return undefined;
      const { snapshot, settings } = current();
      const found = locate(snapshot, toCorePath(document.uri), { line: position.line, character: position.character });
      if (!found) return undefined;
      return new vscode.Hover(cardMarkdown(hoverCard(cardInput(found, snapshot, settings, true))), toRange(found.range));
    },
  }));
}

/** A MarkdownString that renders our card: theme icons on, HTML off, our commands only. */
export function cardMarkdown(text: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(text, true);
  markdown.supportHtml = false;
  markdown.isTrusted = { enabledCommands: [...TRUSTED_COMMANDS] };
  return markdown;
}

export function cardInput(found: Located, snapshot: Snapshot, settings: Settings, withActions: boolean): CardInput {
  const assessment = found.version ? (snapshot.assessments.get(`${found.name}@${found.version}`) ?? null) : null;
  const ignored = settings.ignore.packages.find((p) => normalizeName(p.package) === found.name);
  return {
    name: found.record?.rawName ?? found.name,
    version: found.version,
    requested: found.record && found.record.specifier !== '' ? found.record.specifier : null,
    lockFile: found.project.lock ? basename(found.project.lock.path) : null,
    assessment,
    direct: found.direct,
    active: found.active,
    marker: found.record?.marker ?? found.entry?.marker ?? null,
    targetLabel: targetLabel(settings),
    paths: found.paths,
    ignored: ignored ? ignored.reason : null,
    now: Date.now(),
    target: withActions ? targetOf(found) : null,
  };
}

export function targetOf(found: Located): PackageTarget {
  const through = found.direct ? null : (found.paths[0] ?? null);
  return {
    projectId: found.project.id,
    name: found.name,
    version: found.version,
    file: found.record?.file ?? found.project.lock?.path ?? null,
    line: found.record ? found.record.nameRange.start.line : (found.entry?.nameRange.start.line ?? null),
    through,
    advisoryId: null,
  };
}
