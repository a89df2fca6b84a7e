// `npm run example:browser`: builds the page and serves it on 127.0.0.1, plain and with the
// COOP/COEP headers that make it cross-origin isolated (threads for the wasm provider).
// PORT=8080 picks the port; Ctrl-C stops it.
import { serveStatic } from '../../test/browser/static-server.js';
import { EXAMPLE_DIST, buildExample } from './build.js';

const files = await buildExample();
const server = await serveStatic(files, Number(process.env.PORT) || 0);
console.log(`built ${EXAMPLE_DIST} (${files.size} files)`);
console.log(`threads (COOP/COEP): ${server.origin}/isolated/index.html`);
console.log(`single-threaded:     ${server.origin}/plain/index.html`);
