/**
 * The Node HTTP server around the app: one log record per request (method, path, status,
 * milliseconds), and a graceful stop. `close()` stops accepting connections at once, lets the
 * requests in flight finish (their responses say `Connection: close`), closes idle keep-alive
 * connections as they go quiet, and after `graceMs` cuts whatever is still open.
 */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  ms: number;
}

export interface NodeServer {
  readonly port: number;
  /** `http://localhost:PORT` for a wildcard host, else `http://HOST:PORT`. */
  readonly url: string;
  /** Requests being answered now. */
  inFlight(): number;
  close(): Promise<void>;
}

export function listenNode(opts: {
  port: number;
  host: string;
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  graceMs: number;
  onRequest?: (r: RequestRecord) => void;
}): Promise<NodeServer> {
  let inFlight = 0;
  let closing = false;
  const server = createServer((req, res) => {
    const start = process.hrtime.bigint();
    inFlight++;
    if (closing) res.setHeader('connection', 'close');
    res.once('close', () => {
      inFlight--;
      opts.onRequest?.({
        method: req.method ?? '',
        path: (req.url ?? '').split('?')[0] ?? '',
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - start) / 1e4) / 100,
      });
      if (closing) server.closeIdleConnections();
    });
    opts.handle(req, res);
  });
  // Longer than a reverse proxy's idle keep-alive (nginx 60 s upstream keepalive_timeout,
  // most load balancers 60 s), so the proxy, not this node, closes an idle connection: never
  // a request sent on a socket this side is just closing.
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      const bound = (server.address() as AddressInfo).port;
      const shown = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host;
      let closed: Promise<void> | undefined;
      resolve({
        port: bound,
        url: `http://${shown.includes(':') ? `[${shown}]` : shown}:${bound}`,
        inFlight: () => inFlight,
        close: () =>
          (closed ??= new Promise<void>((done, fail) => {
            closing = true;
            const cut = setTimeout(() => server.closeAllConnections(), opts.graceMs);
            cut.unref();
            server.close((e) => {
              clearTimeout(cut);
              if (e) fail(e);
              else done();
            });
            server.closeIdleConnections();
          })),
      });
    });
  });
}
