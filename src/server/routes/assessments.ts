/**
 * POST /v1/assessments. The answer is assembled from per-package JSON that was serialised once,
 * by the route's own response schema, when the assessment was computed: a warm request for 700
 * packages is a lookup and a string join.
 */
import { assessedPackageSchema, type AssessRequest } from '../../protocol/assessment';
import { mirrorSummarySchema } from '../../protocol/mirror';
import type { AssessmentEntry, Handlers, ServerContext } from '../context';

/** The raw records behind the answer's advisories, each once, by id. */
function recordsJson(ctx: ServerContext, entries: readonly AssessmentEntry[]): string {
  const ids = new Set(entries.flatMap((e) => e.recordIds));
  return JSON.stringify(Object.fromEntries(ctx.assessor.records(ids).map((r) => [r.id, r])));
}

export function assessmentHandlers(ctx: ServerContext): Handlers {
  return {
    assess: async (request, reply) => {
      const { packages, include } = request.body as AssessRequest;
      const answer = await ctx.assessor.assess(packages);
      const items = answer.entries.map((entry) => (entry.json ??= reply.serializeInput(entry.item as unknown as Record<string, unknown>, assessedPackageSchema)));
      const mirror = reply.serializeInput(answer.mirror as unknown as Record<string, unknown>, mirrorSummarySchema);
      const records = include?.includes('records') ? `,"records":${recordsJson(ctx, answer.entries)}` : '';
      return reply.type('application/json; charset=utf-8').send(`{"assessments":[${items.join(',')}],"mirror":${mirror}${records}}`);
    },
  };
}
