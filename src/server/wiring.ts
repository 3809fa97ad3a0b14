/**
 * The production dependencies of the server: the core's risk model, OSV's bulk data and the
 * PyPI / deps.dev / Scorecard clients of src/datasources, over one shared HTTP client (keep-alive,
 * retries with Retry-After, proxies from the environment). The server keeps its own cache of their
 * answers in the database, so the clients get none.
 */
import { createHttpClient } from '../datasources/http';
import { DepsDevClient } from '../datasources/depsdev/client';
import { OsvBulkClient } from '../datasources/osv/bulk';
import { PypiIndex } from '../datasources/pypi/index';
import { ScorecardClient } from '../datasources/scorecard/client';
import { CORE_RISK_MODEL } from './assess/model';
import type { ServerConfig } from './config';
import { OSV_PARSERS } from './mirror/parsers';
import type { ServerDeps } from './server';
import type { HealthSources } from './signals/refresher';

export function productionDeps(config: ServerConfig): ServerDeps {
  const http = createHttpClient();
  const mirrorOff = config.mirror.baseUrl === '' || config.mirror.baseUrl === 'off';
  const health: HealthSources | null = config.health.enabled
    ? {
        index: new PypiIndex({ http, simpleUrl: config.health.pypiUrl, ...(config.health.pypiJsonUrl != null ? { jsonUrl: config.health.pypiJsonUrl } : {}) }),
        depsDev: config.health.depsDevUrl != null ? new DepsDevClient({ http, baseUrl: config.health.depsDevUrl }) : null,
        scorecard: config.health.scorecardUrl != null ? new ScorecardClient({ http, baseUrl: config.health.scorecardUrl }) : null,
      }
    : null;
  return {
    model: CORE_RISK_MODEL,
    parsers: OSV_PARSERS,
    bulk: mirrorOff ? null : new OsvBulkClient({ http, baseUrl: config.mirror.baseUrl }),
    health,
  };
}
