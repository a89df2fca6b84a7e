// A sequence entry is charged 4 KiB against maxTensorBytes: making a tiny tensor takes as long as
// copying a few KiB, and one kernel is not interrupted, so the bytes limit is what bounds the
// time a SplitToSequence of 2^20 one-element tensors would take (seconds, 20 s on a loaded host).
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../../graph/encode-model.js';
import { GraphBuilder } from '../../graph/graph-builder.js';
import { SEQUENCE_ENTRY_BYTES } from '../../ops/helpers/output-shape.js';
import { InferenceSession, ResourceLimitError, Tensor } from '../../src/index.js';

function splitModel(): Uint8Array {
  const b = new GraphBuilder();
  const n = b.input('n', 'int64', [1]);
  const x = b.op('Expand', [b.initializer('one', new Tensor('float32', [1], [1])), n]);
  b.output(b.op('SequenceLength', [b.op('SplitToSequence', [x])]), 'int64');
  return encodeModel(b.model({ '': 17 }));
}
const length = (n: number) => ({ n: new Tensor('int64', BigInt64Array.of(BigInt(n)), [1]) });

describe('sequence entry budget', () => {
  it('refuses 2^20 entries under a 1 GiB limit at once, and runs a sequence that fits', async () => {
    const s = await InferenceSession.create(splitModel(), { maxTensorBytes: 2 ** 30 });
    const started = performance.now();
    await expect(s.run(length(2 ** 20))).rejects.toThrow(ResourceLimitError);
    expect(performance.now() - started).toBeLessThan(1000);
    const fits = Math.floor(2 ** 30 / SEQUENCE_ENTRY_BYTES / 64);
    const out = await s.run(length(fits));
    expect(Number((Object.values(out)[0] as Tensor).data[0])).toBe(fits);
  });
});
