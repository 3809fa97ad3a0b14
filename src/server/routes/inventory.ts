/** GET /v1/inventory?project=&format=json|csv|cyclonedx. */
import type { Inventory, InventoryFormat } from '../../protocol/inventory';
import { now, type Handlers, type ServerContext } from '../context';
import { notFound } from '../http/errors';
import { inventoryCsv } from '../inventory/csv';
import { inventoryCycloneDx } from '../inventory/cyclonedx';
import { inventoryEntries } from '../inventory/rows';

/** A file name safe in a Content-Disposition header, from a project id like "apache/airflow". */
function fileName(project: string | null, extension: string): string {
  const base = (project ?? 'all-projects').replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${base}-inventory.${extension}`;
}

export function inventoryHandlers(ctx: ServerContext): Handlers {
  return {
    inventory: async (request, reply) => {
      const query = request.query as { project?: string; format?: InventoryFormat };
      const project = query.project ?? null;
      if (project != null) {
        const found = await ctx.store.query('SELECT 1 FROM projects WHERE id = $1', [project]);
        if (found.length === 0) throw notFound(`no project ${project}`);
      }
      const entries = await inventoryEntries(ctx.store, ctx.assessor, project);
      const format = query.format ?? 'json';
      if (format === 'csv') {
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName(project, 'csv')}"`).send(inventoryCsv(entries.map((e) => e.row)));
      }
      if (format === 'cyclonedx') {
        return reply.type('application/vnd.cyclonedx+json; version=1.6').header('content-disposition', `attachment; filename="${fileName(project, 'cdx.json')}"`).send(inventoryCycloneDx(entries, project, now(ctx)));
      }
      const inventory: Inventory = { project, generated: now(ctx).toISOString(), rows: entries.map((e) => e.row) };
      return inventory;
    },
  };
}
