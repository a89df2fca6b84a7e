// A tiny BERT encoder spelled the way torch.onnx (opset 12) exports Hugging Face's BertModel,
// node for node where onnxruntime's fusions look: LayerNormalization (ORT's own ai.onnx v1
// op at opset 12), the mask as Unsqueeze(1) -> Unsqueeze(2) -> Cast -> Sub(1, m) -> Mul(-10000),
// q/k/v as MatMul -> Add -> Reshape [0, 0, N, H] -> Transpose, scores divided by sqrt(H),
// GELU as x * 0.5 * (1 + erf(x / sqrt 2)). onnxruntime's optimizer turns it into Attention,
// SkipLayerNormalization, BiasGelu / Gelu and so on (scripts/make-exporter-models.ts saves that).
import { Tensor } from '../../data/tensor.js';
import { GraphBuilder, floatAttr } from '../../graph/graph-builder.js';
import type { Dim, Model } from '../../graph/ir.js';
import { SeededRandom } from '../contrib-cases/seeded-random.js';

export const PYTORCH_BERT = { vocab: 40, hidden: 32, heads: 2, layers: 2, ffn: 64, maxPositions: 16, typeVocab: 2 };

class BertBuilder {
  readonly g = new GraphBuilder('torch-jit-export');
  private readonly rng = new SeededRandom(1212);
  private n = 0;

  weight(name: string, dims: number[], scale: number, mean = 0): string {
    const size = dims.reduce((p, d) => p * d, 1);
    return this.g.initializer(name, new Tensor('float32', Float32Array.from({ length: size }, () => mean + this.rng.uniform(-scale, scale)), dims));
  }

  scalar(v: number): string {
    return this.g.initializer(`const_${this.n++}`, new Tensor('float32', [v], []));
  }

  int64(values: number[]): string {
    return this.g.initializer(`const_${this.n++}`, new Tensor('int64', BigInt64Array.from(values.map(BigInt)), [values.length]));
  }

  op(type: string, inputs: string[], attrs: Record<string, number | number[]> = {}): string {
    return this.g.op(type, inputs, attrs);
  }

  linear(x: string, name: string, inDim: number, outDim: number): string {
    const w = this.weight(`${name}.weight`, [inDim, outDim], 1 / Math.sqrt(inDim));
    return this.op('Add', [this.op('MatMul', [x, w]), this.weight(`${name}.bias`, [outDim], 0.05)]);
  }

  layerNorm(x: string, name: string): string {
    const { hidden } = PYTORCH_BERT;
    return this.g.op('LayerNormalization', [x, this.weight(`${name}.weight`, [hidden], 0.1, 1), this.weight(`${name}.bias`, [hidden], 0.1)],
      { axis: -1, epsilon: floatAttr(1e-12) });
  }

  geluErf(x: string): string {
    const erf = this.op('Erf', [this.op('Div', [x, this.scalar(Math.SQRT2)])]);
    return this.op('Mul', [this.op('Mul', [x, this.op('Add', [erf, this.scalar(1)])]), this.scalar(0.5)]);
  }

  /** 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))), as transformers' NewGELUActivation exports. */
  geluTanh(x: string): string {
    const cube = this.op('Mul', [this.scalar(0.044715), this.op('Pow', [x, this.scalar(3)])]);
    const inner = this.op('Mul', [this.scalar(Math.sqrt(2 / Math.PI)), this.op('Add', [x, cube])]);
    return this.op('Mul', [this.op('Mul', [this.scalar(0.5), x]), this.op('Add', [this.scalar(1), this.op('Tanh', [inner])])]);
  }

  heads(x: string, perm: number[]): string {
    const { heads, hidden } = PYTORCH_BERT;
    return this.op('Transpose', [this.op('Reshape', [x, this.int64([0, 0, heads, hidden / heads])])], { perm });
  }
}

/** gelu: 'erf' as BertModel exports it, 'tanh' for models configured with hidden_act gelu_new. */
export function buildPytorchBert(batch: Dim, seq: Dim, gelu: 'erf' | 'tanh' = 'erf'): Model {
  const { vocab, hidden, heads, layers, ffn, maxPositions, typeVocab } = PYTORCH_BERT;
  const b = new BertBuilder();
  const g = b.g;
  const ids = g.input('input_ids', 'int64', [batch, seq]);
  const mask = g.input('attention_mask', 'int64', [batch, seq]);
  const types = g.input('token_type_ids', 'int64', [batch, seq]);
  // position ids: the first `seq` rows of the registered buffer, as BertEmbeddings slices them
  const positionIds = b.op('Slice', [b.g.initializer('embeddings.position_ids', new Tensor('int64', BigInt64Array.from({ length: maxPositions }, (_, i) => BigInt(i)), [1, maxPositions])),
    b.int64([0]), b.op('Unsqueeze', [b.op('Gather', [b.op('Shape', [ids]), b.g.initializer('const_seq_axis', new Tensor('int64', [1n], []))], { axis: 0 })], { axes: [0] }),
    b.int64([1])]);
  const words = b.op('Gather', [b.weight('embeddings.word_embeddings.weight', [vocab, hidden], 1), ids]);
  const positions = b.op('Gather', [b.weight('embeddings.position_embeddings.weight', [maxPositions, hidden], 0.3), positionIds]);
  const tokenTypes = b.op('Gather', [b.weight('embeddings.token_type_embeddings.weight', [typeVocab, hidden], 0.3), types]);
  let x = b.layerNorm(b.op('Add', [b.op('Add', [words, positions]), tokenTypes]), 'embeddings.LayerNorm');

  const extended = b.op('Cast', [b.op('Unsqueeze', [b.op('Unsqueeze', [mask], { axes: [1] })], { axes: [2] })], { to: 1 });
  const maskBias = b.op('Mul', [b.op('Sub', [b.scalar(1), extended]), b.scalar(-10000)]);
  for (let l = 0; l < layers; l++) {
    const p = `encoder.layer.${l}`;
    const q = b.heads(b.linear(x, `${p}.attention.self.query`, hidden, hidden), [0, 2, 1, 3]);
    const k = b.heads(b.linear(x, `${p}.attention.self.key`, hidden, hidden), [0, 2, 3, 1]);
    const v = b.heads(b.linear(x, `${p}.attention.self.value`, hidden, hidden), [0, 2, 1, 3]);
    const scores = b.op('Add', [b.op('Div', [b.op('MatMul', [q, k]), b.scalar(Math.sqrt(hidden / heads))]), maskBias]);
    const context = b.op('MatMul', [b.op('Softmax', [scores], { axis: 3 }), v]);
    const merged = b.op('Reshape', [b.op('Transpose', [context], { perm: [0, 2, 1, 3] }), b.int64([0, 0, hidden])]);
    x = b.layerNorm(b.op('Add', [b.linear(merged, `${p}.attention.output.dense`, hidden, hidden), x]), `${p}.attention.output.LayerNorm`);
    const h = b.linear(x, `${p}.intermediate.dense`, hidden, ffn);
    const activated = gelu === 'erf' ? b.geluErf(h) : b.geluTanh(h);
    x = b.layerNorm(b.op('Add', [b.linear(activated, `${p}.output.dense`, ffn, hidden), x]), `${p}.output.LayerNorm`);
  }
  g.node('Identity', [x], {}, { outputs: ['last_hidden_state'] });
  g.output('last_hidden_state', 'float32', [batch, seq, hidden]);
  return g.model({ '': 12 }, 'pytorch');
}
