/**
 * `beachcomber-server`: the shared risk backend. `serve` (the default) starts it; the other
 * subcommands manage tokens, the OSV mirror and the schema. See `beachcomber-server --help`.
 */
import { configFrom, parse, USAGE } from './commands/args';
import { migrateCommand, mirrorCommand, openApiCommand, tokenCommand } from './commands/commands';
import type { ServerConfig } from './config';
import { startServer } from './server';
import { productionDeps } from './wiring';

async function serve(config: ServerConfig): Promise<number> {
  const server = await startServer(config, productionDeps(config));
  server.app.log.info({ url: server.url, store: server.ctx.store.kind }, 'beachcomber-server listening');
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string): void => {
      server.app.log.info({ signal }, 'shutting down');
      void server.stop().then(resolve, resolve);
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  const { command, values } = parse(argv);
  if (values['help']) {
    process.stdout.write(USAGE);
    return 0;
  }
  const config = configFrom(values, process.env);
  const [name = 'serve', ...rest] = command;
  switch (name) {
    case 'serve':
      return serve(config);
    case 'migrate':
      return migrateCommand(config, process.stdout);
    case 'token':
      return tokenCommand(config, rest, { role: values['role'] as string | undefined, name: values['name'] as string | undefined }, process.stdout);
    case 'mirror':
      return mirrorCommand(config, productionDeps(config), rest, process.stdout);
    case 'openapi':
      return openApiCommand(process.stdout);
    default:
      process.stderr.write(`unknown command ${name}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`beachcomber-server: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
