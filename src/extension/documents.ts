/**
 * Files as the user sees them: an open document is read from the editor, with its unsaved edits;
 * any other file (a `-r` include that is not open) from the workspace file system, which also
 * works in remote and virtual workspaces where node:fs would not.
 */
import * as vscode from 'vscode';
import type { FileSource } from '../core/ports';
import { formatFor } from '../core/manifests/registry';
import { toCorePath, toUri } from './convert';

/** Schemes of documents that are files of the workspace (not diff views, output or settings). */
const FILE_SCHEMES: ReadonlySet<string> = new Set(['file', 'vscode-remote']);

/** Whether the core reads this document as a manifest or lock file. */
export function isManifestDocument(document: vscode.TextDocument): boolean {
  return FILE_SCHEMES.has(document.uri.scheme) && formatFor(toCorePath(document.uri)) !== undefined;
}

/** A FileSource for the files `base` names; paths are core paths on `base`'s scheme and authority. */
export function documentFileSource(base: vscode.Uri): FileSource {
  return {
    async read(path) {
      const uri = toUri(base, path);
      const open = openDocument(uri);
      if (open) return open.getText();
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        return undefined;
      }
    },
  };
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((document) => !document.isClosed && document.uri.toString() === key);
}
