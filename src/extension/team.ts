/**
 * Team mode (issue 5 §4): the backend URL comes from machine-scoped settings, the token from VS
 * Code's SecretStorage (never from settings, so it is never synced or written into a workspace).
 * The backend answers advisories for the analysis (through createSources), and holds the team's
 * decisions: they are read here for every analysis and written here by Fix / Fork / Forgo.
 */
import * as vscode from 'vscode';
import type { Decision } from '../core/model/risk';
import type { Logger, Outcome } from '../core/ports';
import { BackendClient } from '../datasources/backend/client';
import { toCoreDecision, type DecisionInput, type DecisionRecord } from '../protocol/decisions';
import type { Lifetime } from './ctx';

const TOKEN_KEY = 'beachcomber.backend.token';

/** How long the team's decisions are kept before they are asked again (a recorded one clears it). */
const DECISIONS_TTL_MS = 60_000;

export interface Team {
  /** The backend URL when team mode is configured. */
  readonly url: string | null;
  /** Whether a URL and a token are both there. */
  active(): Promise<boolean>;
  token(): Promise<string | null>;
  /** The team's decisions, or why they could not be had (then the repository's still apply). */
  decisions(): Promise<Outcome<Decision[]>>;
  record(input: DecisionInput): Promise<Outcome<DecisionRecord>>;
  signIn(token: string): Promise<Outcome<string>>;
  signOut(): Promise<void>;
  /** Fires when the token changes (here, or in another window). */
  readonly onDidChange: vscode.Event<void>;
  setUrl(url: string | null): void;
}

export function createTeam(lifetime: Lifetime, secrets: vscode.SecretStorage, initialUrl: string | null, log: Logger): Team {
  const changed = lifetime.own(new vscode.EventEmitter<void>());
  let url = initialUrl;
  let client: { key: string; client: BackendClient } | null = null;
  let cached: { at: number; key: string; value: Outcome<Decision[]> } | null = null;

  lifetime.own(secrets.onDidChange((event) => {
    if (event.key !== TOKEN_KEY) return;
    cached = null;
    changed.fire();
  }));
  lifetime.own({ dispose: () => void client?.client.close() });

  async function clientFor(): Promise<BackendClient | null> {
    const token = await secrets.get(TOKEN_KEY);
    if (!url || !token) return null;
    const key = `${url}\u0000${token}`;
    if (client?.key === key) return client.client;
    void client?.client.close();
    client = { key, client: new BackendClient({ baseUrl: url, token }) };
    return client.client;
  }

  async function decisions(): Promise<Outcome<Decision[]>> {
    const backend = await clientFor();
    if (!backend) return { status: 'ok', value: [] };
    const key = client!.key;
    if (cached && cached.key === key && Date.now() - cached.at < DECISIONS_TTL_MS) return cached.value;
    const answer = await backend.decisions();
    const value: Outcome<Decision[]> = answer.status === 'ok' ? { status: 'ok', value: answer.value.decisions.map(toCoreDecision) } : answer;
    if (answer.status === 'ok') cached = { at: Date.now(), key, value };
    else log.warn('the team backend did not give its decisions', { detail: answer.detail });
    return value;
  }

  async function record(input: DecisionInput): Promise<Outcome<DecisionRecord>> {
    const backend = await clientFor();
    if (!backend) return { status: 'invalid', detail: 'not signed in to a team backend' };
    cached = null;
    return backend.createDecision(input);
  }

  async function signIn(token: string): Promise<Outcome<string>> {
    if (!url) return { status: 'invalid', detail: 'set beachcomber.backend.url in your user settings first' };
    const probe = new BackendClient({ baseUrl: url, token });
    try {
      const who = await probe.whoami();
      if (who.status !== 'ok') return who;
      await secrets.store(TOKEN_KEY, token);
      return { status: 'ok', value: `${who.value.name} (${who.value.role})` };
    } finally {
      await probe.close();
    }
  }

  return {
    get url() {
      return url;
    },
    active: async () => url != null && (await secrets.get(TOKEN_KEY)) != null,
    token: async () => (await secrets.get(TOKEN_KEY)) ?? null,
    decisions,
    record,
    signIn,
    signOut: async () => {
      await secrets.delete(TOKEN_KEY);
      cached = null;
    },
    onDidChange: changed.event,
    setUrl(next) {
      if (next === url) return;
      url = next;
      cached = null;
    },
  };
}

