// What env.wasm.proxy sends between a page and its worker (src/proxy/proxy-wire.ts): values
// come back equal, a caller's feeds are copied (never detached), and an error comes back as
// its own typed class with its message and fields.
import { describe, expect, it } from 'vitest';
import { ExecutionError, InvalidInputError, SessionReleasedError, Tensor } from '../../src/index.js';
import { errorFromWire, errorToWire, fromWire, toWire } from '../../src/proxy/proxy-wire.js';

/** Through a structured clone, as postMessage would, transferring what toWire listed. */
function across<T>(v: T, transfer: ArrayBuffer[]): T {
  return structuredClone(v, { transfer });
}

describe('proxy wire', () => {
  it("copies a caller's tensors and transfers the worker's own", () => {
    const feed = new Tensor('float32', Float32Array.from([1, 2, 3, 4]), [2, 2]);
    const transfer: ArrayBuffer[] = [];
    const back = fromWire(across(toWire(feed, transfer, false), transfer)) as Tensor;
    expect(back.dims).toEqual([2, 2]);
    expect(Array.from(back.data as Float32Array)).toEqual([1, 2, 3, 4]);
    expect((feed.data as Float32Array).length).toBe(4); // not detached

    const output = new Tensor('int64', BigInt64Array.from([5n, -6n]), [2]);
    const sent: ArrayBuffer[] = [];
    const wire = toWire(output, sent, true);
    expect(sent[0]).toBe((output.data as BigInt64Array).buffer);
    const got = fromWire(across(wire, sent)) as Tensor;
    expect(got.type).toBe('int64');
    expect(Array.from(got.data as BigInt64Array)).toEqual([5n, -6n]);
  });

  it('carries sequences, maps, strings and null', () => {
    const value = [new Tensor('string', ['a', 'b'], [2]), null];
    const map = new Map([[1, new Tensor('float32', Float32Array.from([0.5]), [1])]]);
    const seq = fromWire(across(toWire(value, [], false), [])) as unknown[];
    expect((seq[0] as Tensor).data).toEqual(['a', 'b']);
    expect(seq[1]).toBeNull();
    const m = fromWire(across(toWire(map, [], false), [])) as Map<number, Tensor>;
    expect(Array.from(m.get(1)!.data as Float32Array)).toEqual([0.5]);
  });

  it('re-creates errors as their own classes, with message and fields', () => {
    const cases: Error[] = [
      new InvalidInputError('input "x" has dims [3], expected [1,3]', 'x', '[1,3]', '[3]'),
      new ExecutionError('Conv failed', 'conv_1', 'Conv'),
      new SessionReleasedError(),
      new TypeError('not a tensor'),
    ];
    for (const e of cases) {
      const back = errorFromWire(across(errorToWire(e), []));
      expect(back).toBeInstanceOf(e.constructor);
      expect(back.name).toBe(e.name);
      expect(back.message).toBe(e.message);
      expect({ ...back }).toEqual({ ...e });
    }
    const plain = errorFromWire({ name: 'SomethingElse', message: 'm', fields: {} });
    expect(plain.constructor).toBe(Error);
    expect(plain.message).toBe('m');
  });
});
