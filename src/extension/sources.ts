/**
 * The data sources an analysis asks, built by createSources (the same composition the CLI uses)
 * from the Settings object, the team token and the extension's own cache folder. Two sets may be
 * alive: the team's (advisories from the backend) and the direct one (OSV and PyPI), which team
 * mode falls back to when the backend does not answer. A set is rebuilt only when what it is made
 * of changes, and the old one is closed.
 */
import type { Clock, Logger } from '../core/ports';
import { createSources, type SourceSettings, type Sources } from '../node/sources';
import type { Settings } from './settings';

export type SourceMode = 'team' | 'direct';

export interface SourcesHolder {
  get(settings: Settings, mode: SourceMode, token: string | null): Promise<Sources>;
  dispose(): Promise<void>;
}

export function createSourcesHolder(cacheDir: string | null, log: Logger, clock: Clock = Date): SourcesHolder {
  const live = new Map<SourceMode, { key: string; sources: Promise<Sources> }>();

  async function get(settings: Settings, mode: SourceMode, token: string | null): Promise<Sources> {
    const full: SourceSettings = {
      ...settings.sources,
      backendUrl: mode === 'team' ? settings.sources.backendUrl : null,
      backendToken: mode === 'team' ? token : null,
      cacheDir,
    };
    const key = JSON.stringify(full);
    const known = live.get(mode);
    if (known?.key === key) return known.sources;
    if (known) void known.sources.then((old) => old.close());
    const sources = createSources(full, clock).then((made) => {
      for (const problem of made.problems) log.warn(`data source not available: ${problem}`);
      return made;
    });
    live.set(mode, { key, sources });
    return sources;
  }

  async function dispose(): Promise<void> {
    const all = [...live.values()];
    live.clear();
    await Promise.all(all.map(async (entry) => (await entry.sources).close()));
  }

  return { get, dispose };
}
