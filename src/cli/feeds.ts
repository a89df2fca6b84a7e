// The feeds a command runs a model with: files given with --input, the rest seeded random values.
import type { ValueInfo } from '../../graph/ir.js';
import { type DataType, allocateData } from '../../data/dtype.js';
import { type OnnxValue, Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import type { InferenceSession } from '../inference-session.js';
import { describeValue } from './format-output.js';
import { readInputFile } from './read-input.js';

/** Seeded (the same every time), with symbolic and unknown dimensions taken as 1. */
export function randomFeed(info: ValueInfo): Tensor {
  const t = info.type;
  if (!t || t.kind !== 'tensor') throw new InvalidInputError(`Input "${info.name}" is not a tensor; pass it with --input`, info.name);
  const dims = (t.shape ?? []).map((d) => (typeof d === 'number' && d >= 0 ? d : 1));
  const n = dims.reduce((a, b) => a * b, 1);
  const data = allocateData(t.elemType, n);
  let s = 12345;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < n; i++) {
    const v = next();
    if (data instanceof BigInt64Array || data instanceof BigUint64Array) data[i] = BigInt(Math.floor(v * 10));
    else if (Array.isArray(data)) data[i] = `s${Math.floor(v * 100)}`;
    else if (t.elemType === 'bool') data[i] = v > 0.5 ? 1 : 0;
    else if (t.elemType === 'float32' || t.elemType === 'float64') data[i] = v * 2 - 1;
    else data[i] = Math.floor(v * 10);
  }
  return new Tensor(t.elemType as DataType, data, dims);
}

/** The feeds given with --input NAME=FILE, the rest filled with seeded random values (and said so on stderr). */
export function feedsFor(session: InferenceSession, inputs: readonly string[] = [], defaults?: Record<string, OnnxValue>): Record<string, OnnxValue> {
  const model = session.model;
  const feeds: Record<string, OnnxValue> = { ...defaults };
  for (const spec of inputs) {
    const eq = spec.indexOf('=');
    if (eq < 0) throw new InvalidInputError(`--input needs NAME=FILE, got "${spec}"`);
    feeds[spec.slice(0, eq)] = readInputFile(spec.slice(eq + 1));
  }
  const inits = model.graph.initializers;
  for (const info of model.graph.inputs) {
    if (!(info.name in feeds) && !inits.has(info.name)) {
      feeds[info.name] = randomFeed(info);
      console.error(`input ${info.name}: seeded random ${describeValue('', feeds[info.name]).split('  first')[0].slice(2)}`);
    }
  }
  return feeds;
}
