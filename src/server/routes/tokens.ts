/** Token management for admins, and "who am I" for any token. */
import type { TokenInput } from '../../protocol/tokens';
import { createToken, listTokens, revokeToken } from '../auth/tokens';
import { now, type Handlers, type ServerContext } from '../context';
import { notFound } from '../http/errors';

export function tokenHandlers(ctx: ServerContext): Handlers {
  return {
    whoami: async (request) => ({ name: request.auth?.name ?? '', role: request.auth?.role ?? 'reader' }),
    listTokens: async () => ({ tokens: await listTokens(ctx.store) }),
    createToken: async (request, reply) => {
      const input = request.body as TokenInput;
      const created = await createToken(ctx.store, input.name, input.role, now(ctx));
      request.log.info({ tokenId: created.id, tokenName: created.name, role: created.role, by: request.auth?.name }, 'token created');
      return reply.code(201).send(created);
    },
    revokeToken: async (request) => {
      const { id } = request.params as { id: string };
      const revoked = await revokeToken(ctx.store, id, now(ctx));
      if (!revoked) throw notFound(`no token ${id}`);
      request.log.info({ tokenId: id, by: request.auth?.name }, 'token revoked');
      return revoked;
    },
  };
}
