// Concat: one thread per output element picks the input its position along the axis falls in.
import { type GpuKernelSpec, divmod, kernelSource } from './kernel-spec.js';

/** Most inputs one Concat kernel binds (WebGPU's default limit is 8 storage buffers per stage, one being the output). */
export const MAX_CONCAT_INPUTS = 6;

/** Concat of inputs viewed as [outer, lengths[k], inner] along their middle axis. */
export function planConcat(outer: number, lengths: readonly number[], inner: number): GpuKernelSpec {
  const total = lengths.reduce((p, d) => p + d, 0);
  const args = lengths.map((_, k) => `a${k}`);
  const picks: string[] = [];
  let start = 0;
  lengths.forEach((len, k) => {
    const read = `a${k}[(o * ${len} + j - ${start}) * ${inner} + inn]`;
    picks.push(k === lengths.length - 1 ? `return ${read};` : `if (j < ${start + len}) { return ${read}; }`);
    start += len;
  });
  const body = ['const i = this.thread.x;', divmod('rest', 'inn', 'i', inner), divmod('o', 'j', 'rest', total), ...picks];
  return {
    key: `concat:${outer}:${lengths.join(',')}:${inner}`,
    source: kernelSource(args, body.join('\n  ')),
    outputSize: outer * total * inner,
    loopMax: 0,
  };
}

