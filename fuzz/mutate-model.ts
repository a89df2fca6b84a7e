// Mutations of a model: raw bytes (flips, truncation, insertion) and decoded structure
// (absurd dims, wrong types, cycles, bad attributes, hostile external-data paths, deep
// nesting, memory bombs). Each returns new model bytes; the caller writes them to disk.
import fs from 'node:fs';
import path from 'node:path';
import { ModelProtoType } from '../graph/proto/onnx-reflection.js';
import type { Prng } from './prng.js';
import { HOSTILE_FLOATS, HOSTILE_INTS } from './make-feeds.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = any;

export interface CaseDir {
  /** Folder holding model.onnx and the files it may legitimately read. */
  dir: string;
  /** A file outside `dir` that no model may read. */
  secret: string;
}

export const BYTE_MUTATIONS = ['flip-bytes', 'truncate', 'insert-bytes'] as const;
export const STRUCTURE_MUTATIONS = [
  'huge-dims', 'negative-dims', 'dims-mismatch', 'bad-dtype', 'bad-op-type', 'cycle', 'undefined-input',
  'duplicate-output', 'bad-attribute-type', 'bad-attribute-length', 'huge-attribute', 'bad-opset',
  'external-data', 'deep-nesting', 'memory-bomb', 'no-outputs', 'input-shape', 'huge-values-initializer',
] as const;
export type Mutation = (typeof BYTE_MUTATIONS)[number] | (typeof STRUCTURE_MUTATIONS)[number];

export function mutateBytes(bytes: Uint8Array, kind: (typeof BYTE_MUTATIONS)[number], rng: Prng): Uint8Array {
  const out = Uint8Array.from(bytes);
  if (out.length === 0) return out;
  switch (kind) {
    case 'flip-bytes': {
      const n = 1 + rng.int(8);
      for (let i = 0; i < n; i++) out[rng.int(out.length)] ^= 1 << rng.int(8);
      return out;
    }
    case 'truncate':
      return out.subarray(0, rng.int(out.length));
    case 'insert-bytes': {
      const at = rng.int(out.length);
      const junk = Uint8Array.from({ length: 1 + rng.int(16) }, () => rng.int(256));
      const grown = new Uint8Array(out.length + junk.length);
      grown.set(out.subarray(0, at));
      grown.set(junk, at);
      grown.set(out.subarray(at), at + junk.length);
      return grown;
    }
  }
}

const HUGE = [2 ** 31, 2 ** 40, 1e15, 2 ** 53 + 2, 9.2e18];

function decode(bytes: Uint8Array): Obj {
  return ModelProtoType.toObject(ModelProtoType.decode(bytes), { longs: Number, defaults: false });
}

function encode(m: Obj): Uint8Array {
  return ModelProtoType.encode(ModelProtoType.fromObject(m)).finish();
}

function allNodes(g: Obj): Obj[] {
  return g?.node ?? [];
}

function elementCount(t: Obj): number {
  return (t.dims ?? []).reduce((a: number, b: number) => a * Number(b), 1);
}

function int64Const(name: string, values: number[]): Obj {
  return { name, dims: [values.length], dataType: 7, int64Data: values };
}

/** Applies a structural mutation; returns undefined when the model has nothing to mutate that way. */
export function mutateStructure(bytes: Uint8Array, kind: (typeof STRUCTURE_MUTATIONS)[number], rng: Prng, where: CaseDir): Uint8Array | undefined {
  const m = decode(bytes);
  const g = m.graph;
  if (!g) return undefined;
  const inits: Obj[] = g.initializer ?? [];
  const nodes = allNodes(g);
  switch (kind) {
    case 'huge-dims': case 'negative-dims': case 'dims-mismatch': case 'bad-dtype': {
      if (inits.length === 0) return undefined;
      const t = rng.pick(inits);
      if (kind === 'huge-dims') t.dims = [rng.pick(HUGE), rng.pick(HUGE), ...(t.dims ?? [])];
      else if (kind === 'negative-dims') t.dims = [-1 - rng.int(5), ...(t.dims ?? []).slice(1)];
      else if (kind === 'dims-mismatch') t.dims = [...(t.dims ?? []), 2 + rng.int(5)];
      else t.dataType = rng.pick([0, 27, 99, -1, 14, 8, 23]);
      break;
    }
    case 'bad-op-type': {
      if (nodes.length === 0) return undefined;
      const n = rng.pick(nodes);
      n.opType = rng.pick(['', 'NotAnOp', 'Conv', 'Loop', 'If', 'Reshape', 'Gather', 'Scan', 'Attention']);
      break;
    }
    case 'cycle': {
      if (nodes.length < 1) return undefined;
      const i = rng.int(nodes.length);
      const j = i + rng.int(nodes.length - i);
      const later = nodes[j].output?.[0];
      if (!later || !nodes[i].input?.length) return undefined;
      nodes[i].input[rng.int(nodes[i].input.length)] = later;
      break;
    }
    case 'undefined-input': {
      const n = nodes.find((x: Obj) => x.input?.length);
      if (!n) return undefined;
      n.input[rng.int(n.input.length)] = `missing_${rng.int(1000)}`;
      break;
    }
    case 'duplicate-output': {
      if (nodes.length < 2) return undefined;
      const a = rng.pick(nodes), b = rng.pick(nodes);
      if (!a.output?.length || !b.output?.length) return undefined;
      b.output[0] = a.output[0];
      break;
    }
    case 'bad-attribute-type': case 'bad-attribute-length': case 'huge-attribute': {
      const withAttrs = nodes.filter((x: Obj) => x.attribute?.length);
      if (withAttrs.length === 0) return undefined;
      const a = rng.pick(rng.pick(withAttrs).attribute as Obj[]);
      if (kind === 'bad-attribute-type') {
        const t = rng.pick([1, 2, 3, 6, 7, 8]);
        a.type = t;
        delete a.ints; delete a.floats; delete a.i; delete a.f; delete a.s; delete a.strings;
        if (t === 1) a.f = rng.next() * 10; else if (t === 2) a.i = rng.int(10) - 5;
        else if (t === 3) a.s = new TextEncoder().encode('bogus');
        else if (t === 6) a.floats = [1.5]; else if (t === 7) a.ints = [1, 2, 3, 4, 5, 6, 7];
        else a.strings = [new TextEncoder().encode('x')];
      } else if (kind === 'bad-attribute-length') {
        a.type = 7;
        a.ints = Array.from({ length: rng.int(9) }, () => rng.int(4));
      } else {
        if (a.ints) a.ints = a.ints.map(() => rng.pick([2 ** 31, -(2 ** 31), 1e12, -7]));
        else if (a.i !== undefined) a.i = rng.pick([2 ** 31, -(2 ** 31), 1e12, -7]);
        else a.f = rng.pick([1e38, -1e38, NaN, Infinity]);
      }
      break;
    }
    case 'bad-opset':
      m.opsetImport = [{ domain: rng.pick(['', 'ai.onnx', 'com.unknown']), version: rng.pick([0, -1, 99999, 2 ** 40]) }];
      break;
    case 'external-data': {
      if (inits.length === 0) return undefined;
      const t = rng.pick(inits);
      const raw: Uint8Array = t.rawData ?? new Uint8Array(0);
      fs.writeFileSync(path.join(where.dir, 'inside.bin'), raw);
      const link = path.join(where.dir, 'link.bin');
      try { fs.symlinkSync(where.secret, link); } catch { /* exists */ }
      const location = rng.pick(['inside.bin', '../secret.bin', where.secret, 'link.bin', 'a/../../secret.bin', 'sub/../inside.bin', '/etc/passwd', 'nope.bin', 'C:\\secret.bin']);
      delete t.rawData; delete t.floatData; delete t.int64Data; delete t.int32Data; delete t.doubleData;
      t.dataLocation = 1;
      t.externalData = [
        { key: 'location', value: location },
        { key: 'offset', value: String(rng.pick([0, 0, 3, 2 ** 40, -5])) },
        ...(rng.int(2) ? [{ key: 'length', value: String(rng.pick([raw.length, raw.length + 1, 0, 2 ** 50])) }] : []),
      ];
      break;
    }
    case 'deep-nesting': {
      // wrap the graph in If nodes, deeper than the subgraph limit allows
      let body: Obj = { ...g, name: 'inner' };
      const depth = rng.pick([20, 40, 200]);
      for (let d = 0; d < depth; d++) {
        body = {
          name: `level${d}`,
          node: [{ opType: 'If', input: ['cond'], output: (g.output ?? []).map((o: Obj) => o.name), attribute: [
            // only one branch nests, so the model grows linearly with depth
            { name: 'then_branch', type: 5, g: body }, { name: 'else_branch', type: 5, g: { ...g, name: `flat${d}` } },
          ] }],
          output: g.output,
        };
      }
      m.graph = { ...body, input: [...(g.input ?? []), { name: 'cond', type: { tensorType: { elemType: 9, shape: { dim: [] } } } }], initializer: g.initializer };
      break;
    }
    case 'memory-bomb': {
      const shape = [rng.pick([1e6, 2 ** 20, 1e9]), rng.pick([1e6, 2 ** 20, 1e4]), rng.pick([1e6, 1, 1e3])];
      m.graph = {
        name: 'bomb',
        initializer: [int64Const('shape', shape)],
        node: [{ opType: rng.pick(['ConstantOfShape', 'ConstantOfShape', 'Expand']), input: ['shape'], output: ['y'] }],
        output: [{ name: 'y', type: { tensorType: { elemType: 1 } } }],
      };
      if (m.graph.node[0].opType === 'Expand') {
        m.graph.initializer.push({ name: 'one', dims: [1], dataType: 1, floatData: [1] });
        m.graph.node[0].input = ['one', 'shape'];
      }
      m.opsetImport = [{ domain: '', version: 17 }];
      break;
    }
    case 'huge-values-initializer': {
      // small int or float constants (initializers and Constant values) are shapes, repeats,
      // pads, scales and counts: make one of them hostile
      const constants = [...inits, ...nodes.flatMap((n: Obj) => (n.attribute ?? []).filter((a: Obj) => a.t).map((a: Obj) => a.t))]
        .filter((t: Obj) => [1, 6, 7].includes(t.dataType) && elementCount(t) > 0 && elementCount(t) <= 8);
      if (constants.length === 0) return undefined;
      const t = rng.pick(constants);
      const n = elementCount(t);
      const pick = (xs: readonly number[]) => Array.from({ length: n }, (_, i) => (i === 0 || rng.int(3) === 0 ? rng.pick(xs) : 2));
      delete t.rawData; delete t.floatData; delete t.int64Data; delete t.int32Data;
      if (t.dataType === 1) t.floatData = pick(HOSTILE_FLOATS);
      else if (t.dataType === 6) t.int32Data = pick(HOSTILE_INTS).map((v) => Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, v)));
      else t.int64Data = pick(HOSTILE_INTS);
      break;
    }
    case 'no-outputs':
      g.output = rng.int(2) ? [] : [{ name: 'never_made', type: { tensorType: { elemType: 1 } } }];
      break;
    case 'input-shape': {
      const inp = (g.input ?? []).find((i: Obj) => i.type?.tensorType?.shape?.dim?.length);
      if (!inp) return undefined;
      const dims = inp.type.tensorType.shape.dim;
      dims[rng.int(dims.length)] = { dimValue: rng.pick([0, 1, 7, 2 ** 31]) };
      break;
    }
  }
  return encode(m);
}
