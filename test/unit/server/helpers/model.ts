/**
 * The risk model and the record readers the test servers use. TEMPORARY until src/core/risk lands:
 * infrastructure tests (auth, decisions, projects) do not depend on what an assessment says.
 */
import type { RiskModel } from '../../../../src/server/assess/model';
import type { RecordParsers } from '../../../../src/server/mirror/service';

export const testModel: RiskModel = {
  affecting: () => [],
  assess: (input) => ({
    name: input.name,
    version: input.version,
    level: input.advisories.status === 'ok' ? 'none' : 'unknown',
    signals: [],
    advisories: [],
    nearestSafe: null,
    actions: [],
    health: null,
    decision: input.decision,
    unknown: input.advisories.status === 'ok' ? [] : [{ source: 'backend', detail: input.advisories.detail }],
  }),
};

export const testParsers: RecordParsers = {
  zip: () => ({ records: [], problems: [] }),
  jsonl: (text) => ({ records: text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l)), problems: [] }),
  modifiedIds: (csv) => csv.split('\n').filter((l) => l !== '').map((l) => ({ modified: l.split(',')[0]!, id: l.split(',')[1]! })),
  isNewer: (a, b) => a > b,
};
