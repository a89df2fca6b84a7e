// Evaluated with the package: in env.wasm.proxy's worker (the page's bundle loaded again by
// name), loads the serving side; anywhere else it does nothing and loads nothing.
import { inProxyWorker } from './proxy-script.js';

if (inProxyWorker()) void import('./proxy-worker.js');
