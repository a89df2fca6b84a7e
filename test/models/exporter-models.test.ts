// The exporter-shaped models of test/models/exporter/ (written by scripts/make-exporter-models.ts)
// match onnxruntime-node's outputs, within rtol 1e-3 / atol 1e-4, on the default providers and
// on the JavaScript reference, with graph optimizations on and off. Each model's contrib ops are
// listed here, so a regenerated file that lost (or gained) a fusion shows up as a failure.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeValueFile } from '../../graph/decode-value.js';
import { loadModel } from '../../graph/load-model.js';
import { compareValues } from '../../onnx-conformance/compare.js';
import { InferenceSession, type OnnxValue } from '../../src/index.js';
import { repoPath } from '../data-paths.js';

const ROOT = repoPath('test', 'models', 'exporter');

/** Per model, exactly: its com.microsoft op types, and the ai.onnx ones ORT's fusions and quantizer leave or write (FORMAT_OPS). */
const MODEL_OPS: Record<string, string[]> = {
  // what onnxruntime 1.30 fuses (level 'all', optimizedModelFilePath) in a BERT spelled as
  // torch.onnx writes it, every dim known, and with symbolic dims and tanh GELU
  'pytorch-bert-ort-optimized': [
    'com.microsoft.Attention', 'com.microsoft.EmbedLayerNormalization', 'com.microsoft.Gelu', 'com.microsoft.SkipLayerNormalization',
  ],
  'pytorch-bert-ort-optimized-dynamic': ['ai.onnx.LayerNormalization', 'com.microsoft.Attention', 'com.microsoft.FastGelu'],
  // and in transformers.js's tiny-bert, whose attention and embeddings it does not recognise
  'tiny-bert-ort-optimized': ['com.microsoft.FusedMatMul', 'com.microsoft.Gelu', 'com.microsoft.SkipLayerNormalization'],
  'tiny-bert-ort-optimized-dynamic': ['ai.onnx.LayerNormalization', 'com.microsoft.BiasGelu', 'com.microsoft.FusedMatMul'],
  'genai-decoder': [
    'ai.onnx.SimplifiedLayerNormalization', 'com.microsoft.GatherBlockQuantized', 'com.microsoft.GroupQueryAttention',
    'com.microsoft.MatMulNBits', 'com.microsoft.SkipSimplifiedLayerNormalization',
  ],
  'tiny-bert-q8': ['ai.onnx.DynamicQuantizeLinear', 'ai.onnx.LayerNormalization', 'ai.onnx.MatMulInteger'],
};
const FORMAT_OPS = new Set(['SimplifiedLayerNormalization', 'LayerNormalization', 'DynamicQuantizeLinear', 'MatMulInteger']);

const TOLERANCE = { rtol: 1e-3, atol: 1e-4 };
const PROVIDERS: [string, string[] | undefined][] = [['default', undefined], ['js', ['js']]];
const LEVELS = ['all', 'disabled'] as const;

const modelFile = (name: string) => path.join(ROOT, name, 'model.onnx');

function readSet(dir: string, prefix: 'input_' | 'output_'): OnnxValue[] {
  return fs.readdirSync(dir).filter((f) => f.startsWith(prefix))
    .sort((a, b) => Number(a.slice(prefix.length, -3)) - Number(b.slice(prefix.length, -3)))
    .map((f) => decodeValueFile(fs.readFileSync(path.join(dir, f))));
}

function dataSets(name: string): string[] {
  return fs.readdirSync(path.join(ROOT, name)).filter((d) => d.startsWith('test_data_set_')).sort();
}

function feedsOf(session: InferenceSession, inputs: OnnxValue[]): Record<string, OnnxValue> {
  return Object.fromEntries(session.inputNames.map((n, i) => [n, inputs[i]]));
}

describe('exporter-shaped models match onnxruntime-node', () => {
  it('are all here, each with its data sets, and small', () => {
    expect(fs.readdirSync(ROOT).sort()).toEqual(Object.keys(MODEL_OPS).sort());
    for (const name of Object.keys(MODEL_OPS)) {
      expect(dataSets(name).length, name).toBeGreaterThan(0);
      expect(fs.statSync(modelFile(name)).size, name).toBeLessThan(300 * 1024);
    }
    expect(dataSets('genai-decoder')).toEqual(['test_data_set_0', 'test_data_set_1']);
  });

  for (const [name, ops] of Object.entries(MODEL_OPS)) {
    it(`${name} holds its exporter's ops`, () => {
      const g = loadModel(new Uint8Array(fs.readFileSync(modelFile(name)))).graph;
      const found = new Set(g.nodes.filter((n) => n.domain !== '' || FORMAT_OPS.has(n.opType)).map((n) => `${n.domain || 'ai.onnx'}.${n.opType}`));
      expect([...found].sort()).toEqual(ops);
    });

    for (const [provider, executionProviders] of PROVIDERS) for (const level of LEVELS) {
      it(`${name} (${provider} provider, optimization ${level})`, async () => {
        const session = await InferenceSession.create(modelFile(name), { executionProviders, graphOptimizationLevel: level });
        try {
          for (const set of dataSets(name)) {
            const dir = path.join(ROOT, name, set);
            const expected = readSet(dir, 'output_');
            const out = await session.run(feedsOf(session, readSet(dir, 'input_')));
            expect(session.outputNames.length).toBe(expected.length);
            session.outputNames.forEach((n, i) => expect(compareValues(out[n], expected[i], TOLERANCE, `${set} ${n}`)).toBeUndefined());
          }
        } finally {
          await session.release();
        }
      });
    }
  }

  it('genai-decoder: our own presents, fed back as the next step\'s past, give onnxruntime\'s second step', async () => {
    const session = await InferenceSession.create(modelFile('genai-decoder'));
    try {
      const [prompt, next] = dataSets('genai-decoder').map((s) => path.join(ROOT, 'genai-decoder', s));
      const first = await session.run(feedsOf(session, readSet(prompt, 'input_')));
      const fedBack = readSet(next, 'input_').slice(0, 2);
      // the graph's outputs are logits then present.{i}.key/value, in the order of its past inputs
      const presents = session.outputNames.slice(1).map((n) => first[n]);
      const second = await session.run(feedsOf(session, [...fedBack, ...presents]));
      const expected = readSet(next, 'output_');
      session.outputNames.forEach((n, i) => expect(compareValues(second[n], expected[i], TOLERANCE, n)).toBeUndefined());
    } finally {
      await session.release();
    }
  });
});
