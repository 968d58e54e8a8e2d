/**
 * Local HTTPS/HTTP servers on 127.0.0.1 (port 0) with ready-made good and hostile
 * handlers, for fetcher and jwks_uri tests.
 *
 *   const pki = await getTestPki();
 *   const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
 *   const server = await startHttpsServer({ cert: leaf.chainPem, key: leaf.keyPem, handler: json({ keys: [] }) });
 *   await fetcher.fetch(server.url('/jwks.json'));
 *   await server.close();   // destroys every socket, so tests never hang
 *
 * Handlers: json, text, status, html, redirect, redirectLoop, redirectChain, hugeBody,
 * gzipBomb, encoded, drip, neverAnswer, slowHeaders, perRequest (replicas that disagree),
 * route (by path). `startBlackholeServer()` accepts TCP and never speaks (no TLS handshake).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';

/** Per-request facts handed to a handler. */
export interface HandlerContext {
  /** 0-based index of this request on this server. */
  requestIndex: number;
}

/** A request handler. */
export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, ctx: HandlerContext) => void;

/** A running test server. */
export interface TestServer {
  /** Absolute URL of `path` on this server (`https://localhost:PORT/path` by default). */
  url(path?: string): string;
  /** `https://localhost:PORT`. */
  origin: string;
  port: number;
  /** Requests received so far. */
  readonly requestCount: number;
  /** TCP connections accepted so far. */
  readonly connectionCount: number;
  /** Stops listening and destroys all sockets. */
  close(): Promise<void>;
}

/** Options of {@link startHttpsServer}. */
export interface HttpsServerOptions {
  /** PEM: leaf plus intermediates. */
  cert: string;
  key: string;
  handler: Handler;
  /** Host name used in `url()`. Default `localhost` (the test certs cover it and 127.0.0.1). */
  hostname?: string;
}

function track(server: net.Server, handler: Handler, scheme: 'http' | 'https', hostname: string): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  let requestCount = 0;
  let connectionCount = 0;
  server.on('connection', (socket: net.Socket) => {
    connectionCount += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // Hostile handlers write after the client has gone: ignore those socket errors.
    socket.on('error', () => undefined);
  });
  // The client aborts TLS handshakes it dislikes; that must not crash the test process.
  server.on('tlsClientError', () => undefined);
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const ctx = { requestIndex: requestCount };
    requestCount += 1;
    res.on('error', () => undefined);
    handler(req, res, ctx);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const origin = `${scheme}://${hostname}:${port}`;
      resolve({
        url: (path = '/') => `${origin}${path.startsWith('/') ? path : `/${path}`}`,
        origin,
        port,
        get requestCount() {
          return requestCount;
        },
        get connectionCount() {
          return connectionCount;
        },
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            (server as http.Server).closeAllConnections?.();
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}

/** Starts an HTTPS server on 127.0.0.1, port 0. */
export function startHttpsServer(options: HttpsServerOptions): Promise<TestServer> {
  const server = https.createServer({ cert: options.cert, key: options.key, keepAliveTimeout: 30_000 });
  return track(server, options.handler, 'https', options.hostname ?? 'localhost');
}

/** Starts a plain HTTP server on 127.0.0.1, port 0 (for loopback-http and downgrade tests). */
export function startHttpServer(options: { handler: Handler; hostname?: string }): Promise<TestServer> {
  const server = http.createServer({ keepAliveTimeout: 30_000 });
  return track(server, options.handler, 'http', options.hostname ?? '127.0.0.1');
}

/** A TCP server that accepts and never sends a byte (a TLS handshake never completes). */
export function startBlackholeServer(): Promise<TestServer> {
  const server = net.createServer();
  return track(server, () => undefined, 'https', 'localhost');
}

// ---- handlers ------------------------------------------------------------------

/** 200 with a JSON body. */
export function json(body: unknown, headers: Record<string, string> = {}, statusCode = 200): Handler {
  const payload = JSON.stringify(body);
  return (_req, res) => {
    res.writeHead(statusCode, { 'content-type': 'application/json', ...headers });
    res.end(payload);
  };
}

/** A text body with any content type. */
export function text(body: string, contentType = 'text/plain; charset=utf-8', statusCode = 200): Handler {
  return (_req, res) => {
    res.writeHead(statusCode, { 'content-type': contentType });
    res.end(body);
  };
}

/** A bare status with a short text body. */
export function status(code: number, body = `status ${code}`): Handler {
  return (_req, res) => {
    if (code === 204 || code === 304) {
      res.writeHead(code);
      res.end();
      return;
    }
    res.writeHead(code, { 'content-type': 'text/plain' });
    res.end(body);
  };
}

/** 200 with an HTML page (the classic "login page instead of JSON"). */
export function html(body = '<!doctype html><html><body><h1>Sign in</h1></body></html>'): Handler {
  return text(body, 'text/html; charset=utf-8');
}

/** A redirect to `to` (absolute or relative). */
export function redirect(to: string, code = 302): Handler {
  return (_req, res) => {
    res.writeHead(code, { location: to, 'content-type': 'text/plain' });
    res.end(`see ${to}`);
  };
}

/** `/loop-a` → `/loop-b` → `/loop-a` … (any other path goes to `/loop-a`). */
export function redirectLoop(code = 302): Handler {
  return (req, res) => {
    const to = req.url === '/loop-a' ? '/loop-b' : '/loop-a';
    res.writeHead(code, { location: to });
    res.end();
  };
}

/** `/hop/N` → `/hop/N+1`, endlessly (too many redirects, never a loop). */
export function redirectChain(code = 302): Handler {
  return (req, res) => {
    const n = Number(/^\/hop\/(\d+)/.exec(req.url ?? '')?.[1] ?? '0');
    res.writeHead(code, { location: `/hop/${n + 1}` });
    res.end();
  };
}

/** Streams `bytes` bytes of 'A' (respecting backpressure), no content-length. */
export function hugeBody(bytes: number, contentType = 'application/json'): Handler {
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType });
    let sent = 0;
    const pump = (): void => {
      while (sent < bytes && !res.destroyed) {
        const piece = sent + chunk.length <= bytes ? chunk : chunk.subarray(0, bytes - sent);
        sent += piece.length;
        if (!res.write(piece)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };
}

let bombMember: Buffer | undefined;

/**
 * A gzip body inflating to about `decodedBytes` of zeros: concatenated gzip members
 * of 1 MiB of zeros each (~1 KiB on the wire per MiB), so building it is cheap.
 */
export function gzipBomb(decodedBytes: number): Handler {
  bombMember ??= zlib.gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
  const member = bombMember;
  const members = Math.ceil(decodedBytes / (1024 * 1024));
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    let sent = 0;
    const pump = (): void => {
      while (sent < members && !res.destroyed) {
        sent += 1;
        if (!res.write(member)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };
}

/** `body` encoded with `encoding` (gzip, deflate, deflate-raw sent as "deflate", br), or a custom header value. */
export function encoded(
  body: string | Buffer,
  encoding: 'gzip' | 'deflate' | 'deflate-raw' | 'br',
  headerValue?: string,
): Handler {
  const input = typeof body === 'string' ? Buffer.from(body) : body;
  const data =
    encoding === 'gzip'
      ? zlib.gzipSync(input)
      : encoding === 'deflate'
        ? zlib.deflateSync(input)
        : encoding === 'deflate-raw'
          ? zlib.deflateRawSync(input)
          : zlib.brotliCompressSync(input);
  const header = headerValue ?? (encoding === 'deflate-raw' ? 'deflate' : encoding);
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': header });
    res.end(data);
  };
}

/** Sends headers, then `bytesPerTick` bytes every `intervalMs`, forever. */
export function drip(bytesPerTick = 1, intervalMs = 100): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const timer = setInterval(() => {
      if (res.destroyed) clearInterval(timer);
      else res.write(Buffer.alloc(bytesPerTick, 0x20));
    }, intervalMs);
    res.on('close', () => clearInterval(timer));
  };
}

/** Accepts the request and never answers. */
export const neverAnswer: Handler = () => undefined;

/** Sends the response only after `delayMs` (headers arrive late). */
export function slowHeaders(delayMs: number, then: Handler = json({ ok: true })): Handler {
  return (req, res, ctx) => {
    const timer = setTimeout(() => then(req, res, ctx), delayMs);
    res.on('close', () => clearTimeout(timer));
  };
}

/** The i-th request gets `handlers[i % n]`: replicas behind a balancer that disagree. */
export function perRequest(handlers: Handler[]): Handler {
  return (req, res, ctx) => {
    const handler = handlers[ctx.requestIndex % handlers.length];
    if (handler) handler(req, res, ctx);
    else status(500)(req, res, ctx);
  };
}

/** Dispatches on the path (without query); 404 otherwise. */
export function route(routes: Record<string, Handler>, fallback: Handler = status(404)): Handler {
  return (req, res, ctx) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    (routes[path] ?? fallback)(req, res, ctx);
  };
}
