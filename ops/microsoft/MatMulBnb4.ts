import { InvalidInputError } from '../../data/errors.js';
import { MICROSOFT_DOMAIN } from '../../data/domains.js';
import { defineOp } from '../define.js';
import { computeView, fromCompute, tensorInput } from '../helpers/values.js';
import { FP4, NF4, dequantizeBnb4 } from './bnb4-weights.js';
import { constantInputs } from '../helpers/constant-inputs.js';
import { matmulTransposedB } from './matmul-transposed-b.js';

// Y = A @ W^T with W [N, K] in bitsandbytes' FP4 or NF4 format (bnb4-weights.ts). Constant
// weights are dequantized once at create time. training_mode changes nothing at inference;
// transB = 0 (W stored [K, N]) is not a layout onnxruntime runs either, so it is refused.
export const MatMulBnb4 = [
  defineOp('MatMulBnb4', 1, (ctx) => {
    const { attrs } = ctx;
    const K = attrs.required('K', attrs.int('K'));
    const N = attrs.required('N', attrs.int('N'));
    const blockSize = attrs.required('block_size', attrs.int('block_size'));
    const quantType = attrs.required('quant_type', attrs.int('quant_type'));
    attrs.int('training_mode', 0);
    if (!(K > 0) || !(N > 0)) throw attrs.error(`K and N must be positive, got K=${K}, N=${N}`);
    if (blockSize < 16 || (blockSize & (blockSize - 1)) !== 0) {
      throw attrs.error(`block_size must be a power of two of at least 16, got ${blockSize}`, 'block_size');
    }
    if (quantType !== FP4 && quantType !== NF4) throw attrs.error(`quant_type must be 0 (FP4) or 1 (NF4), got ${quantType}`, 'quant_type');
    if (attrs.int('transB', 1) !== 1) throw attrs.error('only transB=1 (B holding N rows of K) is supported', 'transB');
    const fixed = constantInputs(ctx, [1, 2]);
    const fixedWeights = fixed && fixed[0] && fixed[1]
      ? dequantizeBnb4(fixed[0], fixed[1], N, K, blockSize, quantType, (m, input) => attrs.error(m, input))
      : undefined;

    return (inputs) => {
      const a = tensorInput(inputs, 0, 'A');
      if (a.type !== 'float32' && a.type !== 'float16') throw new InvalidInputError(`MatMulBnb4: A must be float32 or float16, got ${a.type}`, 'A');
      if (a.dims.length === 0 || a.dims[a.dims.length - 1] !== K) {
        throw new InvalidInputError(`MatMulBnb4: A of shape [${a.dims}] must end in K=${K}`, 'A', `[..., ${K}]`, `[${a.dims}]`);
      }
      const w = fixedWeights ?? dequantizeBnb4(
        tensorInput(inputs, 1, 'B'), tensorInput(inputs, 2, 'absmax'), N, K, blockSize, quantType,
        (m, input) => new InvalidInputError(`MatMulBnb4: ${m}`, input),
      );
      const M = a.size / K;
      const y = new Float32Array(M * N);
      matmulTransposedB(computeView(a) as Float32Array, 0, M, K, w, N, undefined, y, 0);
      return [fromCompute(a.type, y, [...a.dims.slice(0, -1), N])];
    };
  }, MICROSOFT_DOMAIN),
];
