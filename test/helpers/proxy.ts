/**
 * A small real HTTP proxy on 127.0.0.1 for tests: CONNECT tunnelling (HTTPS targets) and
 * absolute-URI forwarding (plain-HTTP targets), counting both, and optionally requiring a
 * Proxy-Authorization header (407 otherwise, as Squid answers).
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface TestProxyOptions {
  /** `user:password` that the proxy demands as Basic Proxy-Authorization. */
  readonly auth?: string;
}

export class TestProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  url = '';
  /** Absolute-URI requests forwarded. */
  forwarded = 0;
  /** CONNECT tunnels opened. */
  tunnels = 0;
  /** Requests refused with 407. */
  refused = 0;
  /** `host:port` of every target, in order. */
  readonly targets: string[] = [];
  /** The Proxy-Authorization header of every request ('' when absent). */
  readonly authorizations: string[] = [];

  constructor(private readonly options: TestProxyOptions = {}) {}

  async start(): Promise<this> {
    const server = createServer((req, res) => this.forward(req, res));
    server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => this.tunnel(req, socket, head));
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get requests(): number {
    return this.forwarded + this.tunnels;
  }

  private allowed(req: IncomingMessage): boolean {
    const header = req.headers['proxy-authorization'] ?? '';
    this.authorizations.push(header);
    if (!this.options.auth) return true;
    return header === `Basic ${Buffer.from(this.options.auth).toString('base64')}`;
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    if (!req.url?.startsWith('http://')) {
      res.writeHead(400).end('not a proxy request');
      return;
    }
    if (!this.allowed(req)) {
      this.refused++;
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    this.forwarded++;
    const target = new URL(req.url);
    this.targets.push(target.host);
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  }

  private tunnel(req: IncomingMessage, socket: Socket, head: Buffer): void {
    if (!this.allowed(req)) {
      this.refused++;
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.tunnels++;
    const [host, port] = (req.url ?? '').split(':');
    this.targets.push(req.url ?? '');
    const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    this.sockets.add(upstream);
    upstream.on('close', () => this.sockets.delete(upstream));
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  }
}
