// The Node.js host: the file system, os figures, process.env, AsyncLocalStorage and zlib. Browser
// bundles get host.browser.ts instead (package.json "browser" field).
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Host, HostFiles } from './host-types.js';

const files: HostFiles = {
  readFile: (file) => fs.readFileSync(file),
  writeFile: (file, bytes) => fs.writeFileSync(file, bytes),
  realpath: (file) => fs.realpathSync(file),
  stat: (file) => {
    const st = fs.statSync(file);
    return { isFile: st.isFile(), links: st.nlink, size: st.size };
  },
  readRange: (file, offset, length) => {
    const out = new Uint8Array(length);
    const fd = fs.openSync(file, 'r');
    try {
      let done = 0;
      while (done < length) {
        const n = fs.readSync(fd, out, done, length - done, offset + done);
        if (n <= 0) throw new Error(`${file} ended after ${offset + done} bytes`);
        done += n;
      }
    } finally {
      fs.closeSync(fd);
    }
    return out;
  },
  join: (...parts) => path.join(...parts),
  relative: (from, to) => path.relative(from, to),
  isAbsolute: (file) => path.isAbsolute(file),
  dirname: (file) => path.dirname(file),
  resolve: (file) => path.resolve(file),
};

export const host: Host = {
  kind: 'node',
  files,
  totalMemoryBytes: () => os.totalmem(),
  availableParallelism: () => os.availableParallelism(),
  env: (name) => process.env[name],
  numberSlot: () => {
    const store = new AsyncLocalStorage<number>();
    return { run: (value, fn) => store.run(value, fn), get: () => store.getStore() };
  },
  deflate: (bytes) => zlib.deflateSync(bytes),
};
