/** The wire contract of the Beachcomber backend, shared by the server, the extension and the CLI. */
export * from './assessment';
export * from './common';
export * from './decisions';
export * from './health';
export * from './inventory';
export * from './mirror';
export * from './projects';
export * from './routes';
export * from './tokens';
