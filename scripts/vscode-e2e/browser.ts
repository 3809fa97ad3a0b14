/**
 * Headless Debian Chromium, driven by playwright-core, against code-server's web workbench.
 * Each launch gets a fresh profile that is deleted on close, so runs never share state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export interface Browser {
  readonly page: Page;
  close(): Promise<void>;
}

/** Flags for a browser with no network of its own to reach (no sync, updates or QUIC probes). */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchBrowser(tmpDir: string): Promise<Browser> {
  const profile = mkdtempSync(join(tmpDir, 'chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The workbench URL for a folder. With `payload`, a built workbench started with
 * `--vscode-option enable-smoke-test-driver` loads an extension in development mode and runs its
 * tests; the paths are `vscode-remote://<host:port>/abs/path`, code-server's remote authority
 * being the page's host:port.
 */
export function workbenchUrl(base: string, folder: string, payload?: readonly (readonly [string, string])[]): string {
  const url = `${base}/?folder=${encodeURIComponent(resolve(folder))}`;
  return payload ? `${url}&payload=${encodeURIComponent(JSON.stringify(payload))}` : url;
}

export function remoteUri(base: string, path: string): string {
  return `vscode-remote://${new URL(base).host}${resolve(path)}`;
}
