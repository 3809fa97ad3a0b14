/**
 * POST /v1/assessments. The answer is assembled from per-package JSON that was serialised once,
 * by the route's own response schema, and kept as UTF-8 bytes: a warm request for 700 packages is
 * a lookup and one copy of bytes, with no string to build and encode again.
 */
import { assessedPackageSchema, type AssessRequest } from '../../protocol/assessment';
import { mirrorSummarySchema } from '../../protocol/mirror';
import type { AssessmentEntry, Handlers, ServerContext } from '../context';

const OPEN = Buffer.from('{"assessments":[');
const COMMA = Buffer.from(',');

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
      const parts: Buffer[] = [OPEN];
      answer.entries.forEach((entry, i) => {
        if (i > 0) parts.push(COMMA);
        parts.push((entry.json ??= Buffer.from(reply.serializeInput(entry.item as unknown as Record<string, unknown>, assessedPackageSchema), 'utf8')));
      });
      const mirror = reply.serializeInput(answer.mirror as unknown as Record<string, unknown>, mirrorSummarySchema);
      const records = include?.includes('records') ? `,"records":${recordsJson(ctx, answer.entries)}` : '';
      parts.push(Buffer.from(`],"mirror":${mirror}${records}}`, 'utf8'));
      return reply.type('application/json; charset=utf-8').send(Buffer.concat(parts));
    },
  };
}
