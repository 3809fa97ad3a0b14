/**
 * Every command id, as contributed in package.json, and the arguments each takes. One table, so
 * that a command link, a code action and a menu entry cannot disagree about either.
 */

/** A package to act on, in a form a command link can carry (plain JSON). */
export interface PackageTarget {
  /** The project (its root file's core path). */
  readonly projectId: string;
  readonly name: string;
  readonly version: string | null;
  /** The manifest file and 0-based line of the record to edit, when the package has one. */
  readonly file: string | null;
  readonly line: number | null;
  /** The introduced-through path (direct dependency first) when the package is pulled in by another. */
  readonly through: readonly string[] | null;
  /** The advisory a finding is about, when it is about one. */
  readonly advisoryId: string | null;
}

export const COMMAND_IDS = {
  showLogs: 'beachcomber.showLogs',
  refresh: 'beachcomber.refresh',
  showTree: 'beachcomber.showTree',
  showInTree: 'beachcomber.showInTree',
  fix: 'beachcomber.fix',
  fork: 'beachcomber.fork',
  forgo: 'beachcomber.forgo',
  acceptRisk: 'beachcomber.acceptRisk',
  fixUpstream: 'beachcomber.fixUpstream',
  revealInManifest: 'beachcomber.revealInManifest',
  openOnPypi: 'beachcomber.openOnPypi',
  openAdvisory: 'beachcomber.openAdvisory',
  signIn: 'beachcomber.signIn',
  signOut: 'beachcomber.signOut',
  showRiskyOnly: 'beachcomber.tree.showRiskyOnly',
  showAll: 'beachcomber.tree.showAll',
  groupByRisk: 'beachcomber.tree.groupByRisk',
  groupByManifest: 'beachcomber.tree.groupByManifest',
  afterEdit: 'beachcomber.afterEdit',
} as const;

export type CommandId = (typeof COMMAND_IDS)[keyof typeof COMMAND_IDS];

/** What an applied edit leaves to say and to record. */
export interface AfterEdit {
  readonly title: string;
  readonly notes: readonly string[];
  readonly target: PackageTarget;
  readonly action: 'fix' | 'fork' | 'forgo';
  readonly replacement: string | null;
}

/** The argument of each command that takes one (menus pass a tree node instead, which carries a target). */
export interface CommandArgs {
  'beachcomber.showLogs': undefined;
  'beachcomber.refresh': undefined;
  'beachcomber.showTree': undefined;
  'beachcomber.showInTree': PackageTarget;
  'beachcomber.fix': PackageTarget;
  'beachcomber.fork': PackageTarget;
  'beachcomber.forgo': PackageTarget;
  'beachcomber.acceptRisk': PackageTarget;
  'beachcomber.fixUpstream': PackageTarget;
  'beachcomber.revealInManifest': PackageTarget;
  'beachcomber.openOnPypi': PackageTarget;
  'beachcomber.openAdvisory': PackageTarget;
  'beachcomber.signIn': undefined;
  'beachcomber.signOut': undefined;
  'beachcomber.tree.showRiskyOnly': undefined;
  'beachcomber.tree.showAll': undefined;
  'beachcomber.tree.groupByRisk': undefined;
  'beachcomber.tree.groupByManifest': undefined;
  'beachcomber.afterEdit': AfterEdit;
}
