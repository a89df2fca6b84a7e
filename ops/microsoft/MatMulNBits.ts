import { InvalidInputError } from '../../data/errors.js';
import type { Tensor } from '../../data/tensor.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { outputF32 } from '../helpers/output-data.js';
import { computeView, fromCompute, optionalTensorInput, tensorInput } from '../helpers/values.js';
import { constantInputs } from '../helpers/constant-inputs.js';
import { matmulTransposedB } from './matmul-transposed-b.js';
import { type NBitsInputs, dequantizeNBits, nbitsLayout } from './nbits-weights.js';

// Y = A @ dequantize(B)^T + bias, B block-quantized to 2, 4 or 8 bits (see nbits-weights.ts).
// A, scales, bias and Y share one float type (float32 or float16, computed in float32, as
// onnxruntime's CPU kernel does). Weights that are initializers are dequantized once, here at
// create time; others on every run. accuracy_level only picks onnxruntime's kernels, so it is
// read for validity and otherwise ignored.
export const MatMulNBits = [
  defineOp('MatMulNBits', 1, (ctx) => {
    const { attrs } = ctx;
    const K = attrs.required('K', attrs.int('K'));
    const N = attrs.required('N', attrs.int('N'));
    const bits = attrs.int('bits', 4);
    const blockSize = attrs.required('block_size', attrs.int('block_size'));
    attrs.int('accuracy_level', 0);
    if (!(K > 0) || !(N > 0)) throw attrs.error(`K and N must be positive, got K=${K}, N=${N}`);
    if (bits !== 2 && bits !== 4 && bits !== 8) throw attrs.error(`bits must be 2, 4 or 8, got ${bits}`, 'bits');
    if (blockSize < 16 || (blockSize & (blockSize - 1)) !== 0) {
      throw attrs.error(`block_size must be a power of two of at least 16, got ${blockSize}`, 'block_size');
    }
    const layout = nbitsLayout(K, N, bits, blockSize);
    const weightsOf = (w: (Tensor | undefined)[]): NBitsInputs => ({ b: w[0]!, scales: w[1]!, zeroPoints: w[2], gIdx: w[3] });
    const fixed = constantInputs(ctx, [1, 2, 3, 4]);
    const fixedWeights = fixed && fixed[0] && fixed[1]
      ? dequantizeNBits(layout, weightsOf(fixed), (m, input) => attrs.error(m, input))
      : undefined;
    const runFault = (m: string, input: string) => new InvalidInputError(`MatMulNBits: ${m}`, input);

    return (inputs, rt) => {
      const a = tensorInput(inputs, 0, 'A');
      if (a.type !== 'float32' && a.type !== 'float16') throw new InvalidInputError(`MatMulNBits: A must be float32 or float16, got ${a.type}`, 'A');
      if (a.dims.length === 0 || a.dims[a.dims.length - 1] !== K) {
        throw new InvalidInputError(`MatMulNBits: A of shape [${a.dims}] must end in K=${K}`, 'A', `[..., ${K}]`, `[${a.dims}]`);
      }
      const w = fixedWeights ?? dequantizeNBits(layout, weightsOf([
        tensorInput(inputs, 1, 'B'), tensorInput(inputs, 2, 'scales'), optionalTensorInput(inputs, 3), optionalTensorInput(inputs, 4),
      ]), runFault);
      const scalesType = (fixedWeights ? fixed![1]! : tensorInput(inputs, 2, 'scales')).type;
      if (scalesType !== a.type) throw new InvalidInputError(`MatMulNBits: scales (${scalesType}) must have A's type (${a.type})`, 'scales');
      const biasT = optionalTensorInput(inputs, 5);
      if (biasT && (biasT.type !== a.type || biasT.size !== N)) {
        throw new InvalidInputError(`MatMulNBits: bias must be ${a.type} of N=${N} values, got ${biasT.type} [${biasT.dims}]`, 'bias');
      }
      const M = a.size / K;
      const outDims = [...a.dims.slice(0, -1), N];
      const av = computeView(a) as Float32Array;
      const bias = biasT ? (computeView(biasT) as Float32Array) : undefined;
      const y = a.type === 'float32' ? outputF32(rt, 0, M * N) : new Float32Array(M * N);
      matmulTransposedB(av, 0, M, K, w, N, bias, y, 0);
      return [fromCompute(a.type, y, outDims)];
    };
  }, MICROSOFT_DOMAIN),
];
