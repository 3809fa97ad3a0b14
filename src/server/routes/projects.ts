/** Project snapshots, and which projects use a package. */
import { normalizeName } from '../../core/versions';
import type { SnapshotInput } from '../../protocol/projects';
import { now, type Handlers, type ServerContext } from '../context';
import { notFound } from '../http/errors';
import { deleteProject, getSnapshot, listProjects, packageUsage, putSnapshot } from '../projects/repo';

export function projectHandlers(ctx: ServerContext): Handlers {
  return {
    listProjects: async () => ({ projects: await listProjects(ctx.store) }),
    getSnapshot: async (request) => {
      const { id } = request.params as { id: string };
      const snapshot = await getSnapshot(ctx.store, id);
      if (!snapshot) throw notFound(`no project ${id}`);
      return snapshot;
    },
    putSnapshot: async (request) => {
      const { id } = request.params as { id: string };
      return putSnapshot(ctx.store, id, request.body as SnapshotInput, request.auth?.name ?? '', now(ctx));
    },
    deleteProject: async (request, reply) => {
      const { id } = request.params as { id: string };
      if (!(await deleteProject(ctx.store, id))) throw notFound(`no project ${id}`);
      return reply.code(204).send();
    },
    packageUsage: async (request) => packageUsage(ctx.store, normalizeName((request.params as { name: string }).name)),
  };
}
