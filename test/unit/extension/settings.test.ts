/**
 * The extension's settings: the manifest declares what the one reader reads, every key that can
 * redirect a request is machine-scoped and restricted in untrusted workspaces, and raw values are
 * normalised with safe defaults (src/extension/settings.ts has no vscode import, so plain mocha).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SEVERITY, REQUEST_KEYS, normalizeGroup, settingsFrom, sourcesChanged, targetLabel } from '../../../src/extension/settings';

interface Manifest {
  contributes: { configuration: { properties: Record<string, { scope?: string; default?: unknown }> } | { properties: Record<string, { scope?: string; default?: unknown }> }[] };
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;
const properties = Object.assign({}, ...[manifest.contributes.configuration].flat().map((c) => c.properties)) as Record<string, { scope?: string; default?: unknown }>;

describe('extension settings', () => {
  it('declares every request key machine-scoped and restricted in untrusted workspaces', () => {
    for (const key of REQUEST_KEYS) {
      const full = `beachcomber.${key}`;
      assert.ok(properties[full], `${full} is contributed`);
      assert.ok(['machine', 'application'].includes(properties[full]!.scope ?? ''), `${full} must not be settable by a workspace`);
      assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(full), `${full} is restricted`);
    }
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('reads the contributed defaults back as the documented defaults', () => {
    const raw = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k.replace(/^beachcomber\./, ''), v.default]));
    const settings = settingsFrom(raw);
    assert.deepEqual(settings.diagnostics.severity, DEFAULT_SEVERITY);
    assert.equal(settings.diagnostics.minimumLevel, 'info');
    assert.equal(targetLabel(settings), 'CPython 3.13 on linux');
    assert.equal(settings.sources.osvUrl, null);
    assert.equal(settings.sources.network, true);
  });

  it('ignores values that would be unsafe or meaningless', () => {
    const settings = settingsFrom({
      'osv.url': 'file:///etc/passwd',
      'backend.url': 'javascript:alert(1)',
      'index.url': 'https://pypi.internal.example/simple/',
      'diagnostics.minimumLevel': 'none',
      'diagnostics.severity': { unknown: 'off', high: 'warning', bogus: 'error', low: 'loud' },
      'target.pythonVersion': '2.7',
      'target.platform': 'beos',
      'ignore.packages': ['six', { package: 'croniter', reason: 'forked' }, { reason: 'no name' }, 7],
      'ignore.advisories': [{ id: 'PYSEC-2021-9', reason: 'not reachable' }, ''],
      'diagnostics.includeGroups': ['dev', 'extra:docs', 'main', ''],
    });
    assert.equal(settings.sources.osvUrl, null, 'only http(s) URLs are used');
    assert.equal(settings.sources.backendUrl, null);
    assert.equal(settings.sources.indexUrl, 'https://pypi.internal.example/simple/');
    assert.equal(settings.diagnostics.minimumLevel, 'info');
    assert.equal(settings.diagnostics.severity.unknown, 'information', 'unknown can never be switched off');
    assert.equal(settings.diagnostics.severity.high, 'warning');
    assert.equal(settings.diagnostics.severity.low, DEFAULT_SEVERITY.low);
    assert.equal(targetLabel(settings), 'CPython 3.13 on linux');
    assert.deepEqual(settings.ignore.packages, [{ package: 'six', reason: '' }, { package: 'croniter', reason: 'forked' }]);
    assert.deepEqual(settings.ignore.advisories, [{ id: 'PYSEC-2021-9', reason: 'not reachable' }]);
    assert.deepEqual(settings.diagnostics.includeGroups, ['group:dev', 'extra:docs', 'main']);
    assert.equal(normalizeGroup(' Docs '), 'group:docs');
  });

  it('tells a change of sources (every answer invalid) from a change of rendering only', () => {
    const a = settingsFrom({});
    assert.equal(sourcesChanged(a, settingsFrom({ 'diagnostics.minimumLevel': 'high' })), false);
    assert.equal(sourcesChanged(a, settingsFrom({ 'osv.url': 'http://127.0.0.1:9/' })), true);
  });
});
