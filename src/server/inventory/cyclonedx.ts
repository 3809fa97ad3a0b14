/**
 * The inventory as CycloneDX 1.6 JSON, built and serialised with the CycloneDX library: one
 * component per package and version (purl, licences, VCS and PyPI links, risk properties), the
 * dependency graph from the snapshot's introduced-through paths, and one vulnerability per
 * advisory and component. VEX: an `accept` decision becomes an analysis — `not_affected` with its
 * justification when it has one, else `exploitable` with the response `will_not_fix` (the risk is
 * accepted); an expired accept says nothing. Other decisions become the recommendation.
 */
import * as CDX from '@cyclonedx/cyclonedx-library';
import parseSpdx from 'spdx-expression-parse';
import type { Advisory } from '../../core/model/advisory';
import type { DecisionRecord } from '../../protocol/decisions';
import { version as ourVersion } from '../../../package.json';
import { describeDecision, type InventoryEntry } from './rows';

const { Vulnerability: V } = CDX.Models;
// SPDX ids and expressions become SPDX licences; anything else ("BSD License") a named licence.
const licenseFactory = new CDX.Contrib.License.Factories.LicenseFactory((text) => void parseSpdx(text));

const SEVERITY: Readonly<Record<string, CDX.Enums.Vulnerability.Severity>> = {
  critical: CDX.Enums.Vulnerability.Severity.Critical,
  high: CDX.Enums.Vulnerability.Severity.High,
  medium: CDX.Enums.Vulnerability.Severity.Medium,
  low: CDX.Enums.Vulnerability.Severity.Low,
  info: CDX.Enums.Vulnerability.Severity.Info,
  none: CDX.Enums.Vulnerability.Severity.None,
};

function ratingMethod(advisory: Advisory): CDX.Enums.Vulnerability.RatingMethod {
  const vector = advisory.severity.vector ?? '';
  if (vector.startsWith('CVSS:4')) return CDX.Enums.Vulnerability.RatingMethod.CVSSv4;
  if (vector.startsWith('CVSS:3.1')) return CDX.Enums.Vulnerability.RatingMethod.CVSSv31;
  if (vector.startsWith('CVSS:3')) return CDX.Enums.Vulnerability.RatingMethod.CVSSv3;
  if (advisory.severity.type === 'CVSS_V2') return CDX.Enums.Vulnerability.RatingMethod.CVSSv2;
  return CDX.Enums.Vulnerability.RatingMethod.Other;
}

function component(entry: InventoryEntry): CDX.Models.Component {
  const { row } = entry;
  const c = new CDX.Models.Component(CDX.Enums.ComponentType.Library, row.name, { version: row.version, bomRef: row.purl });
  c.purl = row.purl;
  if (row.description) c.description = row.description;
  for (const license of row.licenses) c.licenses.add(licenseFactory.makeFromString(license));
  if (row.vcsUrl) c.externalReferences.add(new CDX.Models.ExternalReference(row.vcsUrl, CDX.Enums.ExternalReferenceType.VCS));
  c.externalReferences.add(new CDX.Models.ExternalReference(row.pypiUrl, CDX.Enums.ExternalReferenceType.Distribution));
  const properties: [string, string][] = [
    ['beachcomber:depth', String(row.depth)],
    ['beachcomber:risk-level', row.level],
    ['beachcomber:maintenance', row.maintenance],
    ['beachcomber:trusted-publishing', row.trustedPublishing == null ? 'unknown' : String(row.trustedPublishing)],
  ];
  for (const [name, value] of properties) c.properties.add(new CDX.Models.Property(name, value));
  return c;
}

/** Whether a decision still speaks: an expiry in the past silences it. */
function current(decision: DecisionRecord | null, now: Date): DecisionRecord | null {
  if (!decision || !decision.expires) return decision;
  return Date.parse(decision.expires) > now.getTime() ? decision : null;
}

function analysisOf(decision: DecisionRecord): CDX.Models.Vulnerability.Analysis {
  const detail = describeDecision(decision) ?? undefined;
  if (decision.justification) {
    return new V.Analysis({ state: CDX.Enums.Vulnerability.AnalysisState.NotAffected, justification: decision.justification as CDX.Enums.Vulnerability.AnalysisJustification, detail });
  }
  const analysis = new V.Analysis({ state: CDX.Enums.Vulnerability.AnalysisState.Exploitable, detail });
  analysis.response.add(CDX.Enums.Vulnerability.AnalysisResponse.WillNotFix);
  return analysis;
}

function vulnerability(advisory: Advisory, target: CDX.Models.Component, decision: DecisionRecord | null): CDX.Models.Vulnerability.Vulnerability {
  const v = new V.Vulnerability({
    id: advisory.id,
    bomRef: `${advisory.id}@${target.bomRef.value ?? target.name}`,
    source: new V.Source({ name: 'OSV', url: advisory.url }),
    description: advisory.summary || undefined,
  });
  for (const alias of advisory.aliases) v.references.add(new V.Reference(alias, new V.Source({ url: `https://osv.dev/vulnerability/${alias}` })));
  const severity = SEVERITY[advisory.severity.level] ?? CDX.Enums.Vulnerability.Severity.Unknown;
  v.ratings.add(new V.Rating({ severity, method: ratingMethod(advisory), ...(advisory.severity.score != null ? { score: advisory.severity.score } : {}), ...(advisory.severity.vector ? { vector: advisory.severity.vector } : {}) }));
  if (advisory.published && !Number.isNaN(Date.parse(advisory.published))) v.published = new Date(advisory.published);
  if (advisory.modified && !Number.isNaN(Date.parse(advisory.modified))) v.updated = new Date(advisory.modified);
  if (advisory.fixedAbove) v.recommendation = `Upgrade to ${advisory.fixedAbove} or later.`;
  const applies = decision && (!decision.advisory || decision.advisory === advisory.id || advisory.aliases.includes(decision.advisory));
  if (applies && decision.action === 'accept') v.analysis = analysisOf(decision);
  else if (applies) v.recommendation = `Team decision: ${describeDecision(decision)}`;
  v.affects.add(new V.Affect(target.bomRef));
  return v;
}

/** `project` names the BOM's subject; the dependency graph follows its snapshot's paths. */
export function inventoryCycloneDx(entries: readonly InventoryEntry[], project: string | null, now: Date): string {
  const bom = new CDX.Models.Bom();
  bom.metadata.timestamp = now;
  bom.metadata.tools.components.add(new CDX.Models.Component(CDX.Enums.ComponentType.Application, 'beachcomber-server', { version: ourVersion }));
  const root = new CDX.Models.Component(CDX.Enums.ComponentType.Application, project ?? 'all projects', { bomRef: 'project' });
  bom.metadata.component = root;
  const byName = new Map<string, CDX.Models.Component>();
  const components = entries.map((entry) => {
    const c = component(entry);
    bom.components.add(c);
    if (!byName.has(entry.row.name)) byName.set(entry.row.name, c);
    if (entry.row.direct) root.dependencies.add(c.bomRef);
    for (const a of entry.assessment.advisories) bom.vulnerabilities.add(vulnerability(a, c, current(entry.decision, now)));
    return c;
  });
  if (project != null) addEdges(entries, components, byName);
  const serializer = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(CDX.Spec.Spec1dot6));
  return serializer.serialize(bom, { sortLists: true });
}

/** Parent → child edges from consecutive names on the introduced-through paths (one project). */
function addEdges(entries: readonly InventoryEntry[], components: readonly CDX.Models.Component[], byName: ReadonlyMap<string, CDX.Models.Component>): void {
  entries.forEach((entry, i) => {
    for (const path of entry.paths) {
      const parent = path.length >= 2 ? byName.get(path[path.length - 2]!) : undefined;
      if (parent && parent !== components[i]) parent.dependencies.add(components[i]!.bomRef);
    }
  });
}
