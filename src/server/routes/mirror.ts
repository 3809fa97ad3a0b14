/** The OSV mirror: its state, a sync on demand, and an upload of all.zip or JSON lines. */
import type { Handlers, ServerContext } from '../context';
import { HttpError } from '../http/errors';

function uploadKind(contentType: string | undefined): 'zip' | 'jsonl' {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/zip') return 'zip';
  if (type === 'application/x-ndjson') return 'jsonl';
  throw new HttpError(415, 'unsupported-media-type', 'send an all.zip as application/zip, or OSV records one per line as application/x-ndjson');
}

export function mirrorHandlers(ctx: ServerContext): Handlers {
  return {
    mirrorStatus: async () => ctx.mirror.status(),
    syncMirror: async () => ctx.mirror.sync(),
    importMirror: async (request) => {
      const kind = uploadKind(request.headers['content-type']);
      if (!Buffer.isBuffer(request.body)) throw new HttpError(400, 'bad-request', 'the upload is empty');
      const report = await ctx.mirror.importBytes(request.body, kind, `upload by ${request.auth?.name ?? 'unknown'}`);
      request.log.info({ kind, written: report.written, skipped: report.skipped, status: report.status }, 'mirror import');
      return report;
    },
  };
}
