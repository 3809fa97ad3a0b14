/**
 * The one reader of VS Code's configuration. It gathers the raw `beachcomber.*` values into a
 * Settings object (settings.ts normalises them) and says when they change.
 *
 * Safety: the keys that decide where requests go (REQUEST_KEYS) are machine-scoped and read from
 * user or remote-machine settings only, never from the workspace. In an untrusted workspace no
 * `beachcomber.*` value of the workspace counts at all, so a cloned repository can neither
 * redirect requests nor hide findings (ignore lists, minimum level) before it is trusted.
 */
import * as vscode from 'vscode';
import type { Lifetime } from './ctx';
import { REQUEST_KEYS, settingsFrom, type RawSettings, type Settings } from './settings';

export const SECTION = 'beachcomber';

/** Every key the Settings object is built from, without the section prefix. */
const KEYS = [
  'network',
  'osv.url',
  'index.url',
  'index.jsonUrl',
  'offlineDatabase',
  'signals.health',
  'signals.provenance',
  'signals.depsDev',
  'signals.scorecard',
  'depsDev.url',
  'scorecard.url',
  'backend.url',
  'http.proxy',
  'diagnostics.minimumLevel',
  'diagnostics.directOnly',
  'diagnostics.includeGroups',
  'diagnostics.excludeGroups',
  'diagnostics.severity',
  'target.pythonVersion',
  'target.platform',
  'ignore.packages',
  'ignore.advisories',
] as const;

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const trusted = vscode.workspace.isTrusted;
  const raw: Record<string, unknown> = {};
  for (const key of KEYS) raw[key] = valueOf(config, key, trusted && !REQUEST_KEYS.includes(key));
  // VS Code's own proxy setting applies when ours is not set, as it does for VS Code itself.
  if (raw['http.proxy'] == null || raw['http.proxy'] === '') raw['http.proxy'] = userValue(vscode.workspace.getConfiguration('http'), 'proxy');
  return settingsFrom(raw as RawSettings);
}

/** Calls `listener` with fresh settings when a beachcomber setting or workspace trust changes. */
export function onSettingsChange(lifetime: Lifetime, listener: (settings: Settings) => void): void {
  lifetime.own(vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SECTION) || event.affectsConfiguration('http.proxy')) listener(readSettings());
  }));
  lifetime.own(vscode.workspace.onDidGrantWorkspaceTrust(() => listener(readSettings())));
}

/** The effective value, or (for request keys and untrusted workspaces) the user's value only. */
function valueOf(config: vscode.WorkspaceConfiguration, key: string, workspaceMayDecide: boolean): unknown {
  return workspaceMayDecide ? config.get(key) : userValue(config, key);
}

function userValue(config: vscode.WorkspaceConfiguration, key: string): unknown {
  const inspected = config.inspect(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}
