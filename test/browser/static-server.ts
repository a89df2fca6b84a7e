// A local server on 127.0.0.1 for the browser test: the same files under /plain/ and under
// /isolated/, the latter with the COOP/COEP headers that make a page crossOriginIsolated.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticFile { body: Uint8Array | string; type: string }

export interface StaticServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  close(): Promise<void>;
}

const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/** Serves `files` on 127.0.0.1:`port` (0: any free port). */
export async function serveStatic(files: ReadonlyMap<string, StaticFile>, port = 0): Promise<StaticServer> {
  const server = http.createServer((req, res) => {
    const match = /^\/(plain|isolated)\/([^?]*)/.exec(req.url ?? '');
    const file = match && files.get(match[2]);
    if (!match || !file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`no ${req.url}`);
      return;
    }
    res.writeHead(200, {
      'Content-Type': file.type, 'Cache-Control': 'no-store',
      ...(match[1] === 'isolated' ? ISOLATION_HEADERS : {}),
    }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
