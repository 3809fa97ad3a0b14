/**
 * The workspace's manifests and lock files, found once and then followed through file watchers and
 * editor changes. Each root is read with readManifest through the document FileSource (unsaved
 * edits first) and its read is kept until one of its files changes, so an edit to
 * requirements.txt re-reads that file and not Airflow's 3 MB uv.lock.
 */
import * as vscode from 'vscode';
import type { ManifestRead } from '../core/graph/projects';
import { MANIFEST_GLOB, formatFor, readManifest } from '../core/manifests/registry';
import { DECISIONS_FILE } from '../core/decisions';
import type { Lifetime } from './ctx';
import { toCorePath } from './convert';
import { documentFileSource } from './documents';
import { readRepoDecisions, type RepoDecisions } from './repo-decisions';

/** Folders of installed or generated code, never a project's own manifests (as src/node/discover.ts skips). */
export const EXCLUDE_GLOB = '**/{node_modules,.git,.hg,.svn,.venv,venv,.tox,.nox,__pycache__,site-packages,.mypy_cache,.pytest_cache,.vscode-test}/**';

const EXCLUDED = /\/(node_modules|\.git|\.hg|\.svn|\.venv|venv|\.tox|\.nox|__pycache__|site-packages|\.mypy_cache|\.pytest_cache|\.vscode-test)\//;

/**
 * What the watchers look at: simple patterns (VS Code's file watching does not follow every brace
 * and slash combination of MANIFEST_GLOB), narrowed afterwards by the registry's own test.
 */
const WATCHED = ['**/*.txt', '**/*.in', '**/pyproject.toml', '**/*.lock', '**/pylock*.toml', `**/${DECISIONS_FILE}`];

/** Enough for Airflow's monorepo (about 120 manifests) with room to spare; more is not a workspace we can render. */
const MAX_FILES = 5000;

export interface ManifestFiles {
  /** Finds every manifest and lock file of the workspace; the first call per lifetime does the search. */
  discover(): Promise<void>;
  readAll(): Promise<ManifestRead[]>;
  /** The repository's decisions (beachcomber.toml), kept until that file changes. */
  readDecisions(): Promise<RepoDecisions>;
  forgetDecisions(): void;
  /** Forgets what was read from `path` (and every root that included it); returns whether it matters. */
  changed(path: string, kind: 'changed' | 'created' | 'deleted'): boolean;
  /** The URI of a core path, on the workspace's scheme. */
  uriOf(path: string): vscode.Uri;
  readonly count: number;
}

export function createManifestFiles(lifetime: Lifetime, onChange: (path: string) => void): ManifestFiles {
  const roots = new Set<string>();
  const reads = new Map<string, ManifestRead>();
  let base: vscode.Uri | undefined = vscode.workspace.workspaceFolders?.[0]?.uri;
  let discovered: Promise<void> | undefined;
  let decisions: Promise<RepoDecisions> | undefined;

  function uriOf(path: string): vscode.Uri {
    const anchor = base ?? vscode.Uri.file('/');
    return anchor.with({ path, query: '', fragment: '' });
  }

  async function search(): Promise<void> {
    const found = await vscode.workspace.findFiles(MANIFEST_GLOB, EXCLUDE_GLOB, MAX_FILES);
    for (const uri of found) {
      base ??= uri;
      if (formatFor(toCorePath(uri))) roots.add(toCorePath(uri));
    }
  }

  /** A deleted folder takes every root under it along (its files get no events of their own). */
  function folderDeleted(path: string): boolean {
    const under = [...roots].filter((root) => root.startsWith(`${path}/`));
    for (const root of under) {
      roots.delete(root);
      reads.delete(root);
    }
    return under.length > 0;
  }

  function changed(path: string, kind: 'changed' | 'created' | 'deleted'): boolean {
    let matters = false;
    if (formatFor(path)) {
      if (kind === 'deleted') matters = roots.delete(path) || matters;
      else if (!roots.has(path)) {
        roots.add(path);
        matters = true;
      }
    }
    for (const [root, read] of reads) {
      if (root === path || read.files.some((file) => file.path === path)) {
        reads.delete(root);
        matters = true;
      }
    }
    if (path.endsWith(`/${DECISIONS_FILE}`)) {
      decisions = undefined;
      return true;
    }
    return matters;
  }

  async function readAll(): Promise<ManifestRead[]> {
    await (discovered ??= search());
    const out: ManifestRead[] = [];
    for (const root of [...roots].sort()) {
      let read = reads.get(root);
      if (!read) {
        read = { root, files: await readManifest(root, documentFileSource(uriOf(root))) };
        // A file that vanished between the search and the read is not a project.
        if (read.files.length === 1 && read.files[0]!.problems.some((p) => p.message.startsWith('Could not read'))) {
          roots.delete(root);
          continue;
        }
        reads.set(root, read);
      }
      out.push(read);
    }
    return out;
  }

  const relay = (kind: 'changed' | 'created' | 'deleted') => (uri: vscode.Uri) => {
    const path = toCorePath(uri);
    // Folders are skipped inside the workspace only: the workspace itself may well live in one.
    if (EXCLUDED.test(`/${vscode.workspace.asRelativePath(uri, false)}`)) return;
    if ((formatFor(path) || path.endsWith(`/${DECISIONS_FILE}`)) && changed(path, kind)) onChange(path);
  };
  /**
   * A folder that arrives with manifests in it (a checkout, a copy, a new subproject) is searched:
   * the file watcher can miss files created in the instant their folder appears. Only names
   * without an extension are looked at, so a build writing thousands of files costs no stats.
   */
  async function folderCreated(uri: vscode.Uri): Promise<void> {
    if (/.\.[^.]+$/.test(uri.path.split('/').pop() ?? '')) return; // a file's name (.venv is a folder's)
    if (EXCLUDED.test(`/${vscode.workspace.asRelativePath(uri, false)}/`)) return;
    const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
    if (!stat || (stat.type & vscode.FileType.Directory) === 0) return;
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, MANIFEST_GLOB), EXCLUDE_GLOB, MAX_FILES);
    const added = found.map(toCorePath).filter((path) => formatFor(path) && changed(path, 'created'));
    if (added.length > 0) onChange(added[0]!);
  }

  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const anything = lifetime.own(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**'), false, true, false));
    lifetime.own(anything.onDidCreate((uri) => void folderCreated(uri)));
    lifetime.own(anything.onDidDelete((uri) => {
      if (folderDeleted(toCorePath(uri))) onChange(toCorePath(uri));
    }));
    for (const pattern of WATCHED) {
      const watcher = lifetime.own(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, pattern)));
      lifetime.own(watcher.onDidChange(relay('changed')));
      lifetime.own(watcher.onDidCreate(relay('created')));
      lifetime.own(watcher.onDidDelete(relay('deleted')));
    }
  }

  return {
    discover: () => (discovered ??= search()),
    readAll,
    readDecisions: () =>
      (decisions ??= readRepoDecisions().catch((error: unknown) => {
        decisions = undefined; // a failed read is tried again next time, not kept
        throw error;
      })),
    forgetDecisions: () => {
      decisions = undefined;
    },
    changed,
    uriOf,
    get count() {
      return roots.size;
    },
  };
}
