// A fuzz worker process: runs cases sent by the parent until it disconnects.
import os from 'node:os';
import path from 'node:path';
import { serveJobs } from '../onnx-conformance/worker-protocol.js';
import { findCorpus } from './corpus.js';
import { type FuzzJob, type FuzzResult, runFuzzCase } from './run-case.js';

const env = { corpus: findCorpus().files, workDir: path.join(os.tmpdir(), `onnx-ts-fuzz-${process.pid}`) };
await serveJobs<FuzzJob, FuzzResult>((job, ctx) => runFuzzCase(job, env, (n) => ctx.note(n)));
