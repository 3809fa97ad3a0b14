/**
 * The "Dependencies" view, in its own activity-bar container and in the Explorer: one provider,
 * two views. Items render the snapshot only: version, an icon coloured by level, how many risky
 * packages sit beneath, and the hover card as tooltip.
 */
import * as vscode from 'vscode';
import { toCorePath } from './convert';
import type { Lifetime } from './ctx';
import { cardInput, cardMarkdown } from './hover';
import { hoverCard, LEVEL_ICONS } from './hover-card';
import { fromRecord, type Located } from './locate';
import type { Settings } from './settings';
import type { Snapshot } from './snapshot';
import { isRisky, nodeTarget, riskyBeneath, treeChildren, treeRoots, type PackageNode, type TreeNode, type TreeOptions } from './tree-model';
import type { RiskLevel } from '../core/model/advisory';
import type { PackageTarget } from './command-ids';

export const VIEW_IDS = ['beachcomber.dependencies', 'beachcomber.explorerDependencies'] as const;

const LEVEL_COLORS: Readonly<Record<RiskLevel, string>> = {
  critical: 'problemsErrorIcon.foreground',
  high: 'problemsErrorIcon.foreground',
  medium: 'problemsWarningIcon.foreground',
  low: 'problemsInfoIcon.foreground',
  info: 'problemsInfoIcon.foreground',
  none: 'testing.iconPassed',
  unknown: 'problemsWarningIcon.foreground',
};

export interface DependencyTree {
  refresh(): void;
  readonly options: TreeOptions;
  setOptions(change: Partial<Pick<TreeOptions, 'grouping' | 'riskyOnly'>>): void;
  /** Shows the package in the Dependencies view, expanding its path. */
  reveal(target: PackageTarget): Promise<void>;
  /** The views, for tests and for revealing. */
  readonly views: readonly vscode.TreeView<TreeNode>[];
  provider: vscode.TreeDataProvider<TreeNode>;
}

export function createDependencyTree(lifetime: Lifetime, current: () => { snapshot: Snapshot; settings: Settings }): DependencyTree {
  const changed = lifetime.own(new vscode.EventEmitter<TreeNode | undefined>());
  let options: TreeOptions = { grouping: 'manifest', riskyOnly: false, folders: folders() };
  const provider: vscode.TreeDataProvider<TreeNode> = {
    onDidChangeTreeData: changed.event,
    getChildren: (node) => (node ? treeChildren(current().snapshot, options, node) : treeRoots(current().snapshot, options)),
    getTreeItem: (node) => itemFor(node, current()),
    getParent: (node) => (node.kind === 'package' ? node.parent : node.kind === 'project' ? (node.parent ?? undefined) : undefined),
  };
  const views = VIEW_IDS.map((id) => lifetime.own(vscode.window.createTreeView(id, { treeDataProvider: provider, showCollapseAll: true })));
  lifetime.own(vscode.workspace.onDidChangeWorkspaceFolders(() => {
    options = { ...options, folders: folders() };
    changed.fire(undefined);
  }));

  function setOptions(change: Partial<Pick<TreeOptions, 'grouping' | 'riskyOnly'>>): void {
    options = { ...options, ...change };
    const message = options.riskyOnly ? 'Showing risky packages only' : undefined;
    for (const view of views) view.message = message;
    void vscode.commands.executeCommand('setContext', 'beachcomber.tree.riskyOnly', options.riskyOnly);
    void vscode.commands.executeCommand('setContext', 'beachcomber.tree.groupByRisk', options.grouping === 'risk');
    changed.fire(undefined);
  }

  async function reveal(target: PackageTarget): Promise<void> {
    if (options.grouping !== 'manifest' || options.riskyOnly) setOptions({ grouping: 'manifest', riskyOnly: false });
    const snapshot = current().snapshot;
    let level: TreeNode[] = treeRoots(snapshot, options);
    const folder = level.find((n) => n.kind === 'folder' && target.projectId.startsWith(`${n.path}/`));
    if (folder) level = treeChildren(snapshot, options, folder);
    let node: TreeNode | undefined = level.find((n) => n.kind === 'project' && n.project.id === target.projectId);
    for (const name of target.through ?? [target.name]) {
      if (!node) break;
      node = treeChildren(snapshot, options, node).find((n) => n.kind === 'package' && n.name === name);
    }
    if (node) await views[0]!.reveal(node, { select: true, focus: true, expand: true });
  }

  return {
    reveal,
    refresh: () => changed.fire(undefined),
    get options() {
      return options;
    },
    setOptions,
    views,
    provider,
  };
}

function folders(): TreeOptions['folders'] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => ({ name: f.name, path: toCorePath(f.uri) }));
}

function itemFor(node: TreeNode, { snapshot, settings }: { snapshot: Snapshot; settings: Settings }): vscode.TreeItem {
  if (node.kind === 'folder') {
    const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = node.id;
    item.iconPath = vscode.ThemeIcon.Folder;
    return item;
  }
  if (node.kind === 'level') {
    const item = new vscode.TreeItem(node.level, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    item.description = `${node.count} package${node.count === 1 ? '' : 's'}`;
    item.iconPath = new vscode.ThemeIcon(LEVEL_ICONS[node.level], new vscode.ThemeColor(LEVEL_COLORS[node.level]));
    return item;
  }
  if (node.kind === 'project') {
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
    const risky = riskyBeneath(snapshot, node.project, null);
    item.id = node.id;
    item.description = `${node.project.graph.label}${risky > 0 ? ` · ${risky} risky` : ''}`;
    item.iconPath = new vscode.ThemeIcon('file');
    item.resourceUri = undefined;
    item.contextValue = 'project';
    item.tooltip = `${node.project.id}\n${node.project.graph.label}`;
    return item;
  }
  return packageItem(node, snapshot, settings);
}

function packageItem(node: PackageNode, snapshot: Snapshot, settings: Settings): vscode.TreeItem {
  const expandable = node.expandable && node.active && node.node != null && (node.project.graph.nodes.get(node.node)?.children.some((e) => e.active) ?? false) && node.parent.kind !== 'level';
  const item = new vscode.TreeItem(node.name, expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  const level = node.active ? (node.assessment?.level ?? (node.version ? 'unknown' : 'none')) : 'none';
  const beneath = node.active && node.parent.kind !== 'level' ? riskyBeneath(snapshot, node.project, node.node) : 0;
  const decision = node.assessment?.decision;
  const facts = [node.version ?? 'no version', node.active ? null : 'inactive', decision ? `${decision.action}${decision.until ? ` until ${decision.until}` : ''}` : null, node.expandable || node.parent.kind === 'level' ? null : 'cycle', node.parent.kind === 'level' && node.path.length > 1 ? `via ${node.path.slice(0, -1).join(' → ')}` : null, beneath > 0 ? `${beneath} risky beneath` : null];
  item.id = node.id;
  item.description = facts.filter(Boolean).join(' · ');
  item.iconPath = node.active ? new vscode.ThemeIcon(LEVEL_ICONS[level], new vscode.ThemeColor(LEVEL_COLORS[level])) : new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
  item.tooltip = cardMarkdown(hoverCard(cardInput(locatedOf(node), snapshot, settings, false)));
  item.contextValue = contextOf(node);
  return item;
}

/** Flags the context menu's `when` clauses read: `package;fix;fork;forgo;advisory;record;`. */
function contextOf(node: PackageNode): string {
  const a = node.assessment;
  const target = nodeTarget(node);
  const flags = ['package'];
  if (a?.nearestSafe && isRisky(a.level)) flags.push('fix');
  if (target.through == null && target.line != null) flags.push('fork', 'forgo', 'record');
  if (a && a.advisories.length > 0) flags.push('advisory');
  if (a && a.level !== 'none') flags.push('accept');
  return `${flags.join(';')};`;
}

/** The package node as the hover card sees a located package. */
export function locatedOf(node: PackageNode): Located {
  if (node.record) return fromRecord(node.project, node.record);
  return {
    project: node.project,
    record: null,
    entry: node.project.lock?.lock?.packages.find((p) => p.name === node.name && p.version === node.version) ?? null,
    name: node.name,
    version: node.version,
    direct: node.path.length <= 1,
    active: node.active,
    paths: node.path.length > 1 ? [node.path] : [],
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}
