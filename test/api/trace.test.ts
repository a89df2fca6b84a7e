// TRACE and kin, as onnxruntime-common exports them: timeline marks only while env.trace is on.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TRACE, TRACE_EVENT_BEGIN, TRACE_EVENT_END, TRACE_FUNC_BEGIN, TRACE_FUNC_END, env } from '../../src/index.js';

const original = (console as { timeStamp?: unknown }).timeStamp;
/** console.timeStamp, which not every console has, as a mock. */
function stamps() {
  const mock = vi.fn();
  (console as { timeStamp?: unknown }).timeStamp = mock;
  return mock;
}

afterEach(() => {
  (console as { timeStamp?: unknown }).timeStamp = original;
  vi.restoreAllMocks();
  delete env.trace;
  delete env.wasm.trace;
});

describe('TRACE', () => {
  it('does nothing while tracing is off', () => {
    const stamp = stamps();
    const time = vi.spyOn(console, 'time').mockImplementation(() => {});
    TRACE('CPU', 'x');
    TRACE_FUNC_BEGIN();
    TRACE_EVENT_BEGIN('e');
    expect(stamp).not.toHaveBeenCalled();
    expect(time).not.toHaveBeenCalled();
  });

  it('needs no console.timeStamp', () => {
    (console as { timeStamp?: unknown }).timeStamp = undefined;
    env.trace = true;
    expect(() => TRACE('CPU', 'x')).not.toThrow();
  });

  it('marks the timeline with env.trace, or env.wasm.trace where env.trace is unset', () => {
    const stamp = stamps();
    const time = vi.spyOn(console, 'time').mockImplementation(() => {});
    const timeEnd = vi.spyOn(console, 'timeEnd').mockImplementation(() => {});
    env.wasm.trace = true;
    TRACE('GPU', 'upload');
    expect(stamp).toHaveBeenLastCalledWith('GPU::onnx-ts::upload');
    function loadWeights() {
      TRACE_FUNC_BEGIN('shard 1');
      TRACE_FUNC_END();
    }
    loadWeights();
    expect(stamp).toHaveBeenCalledWith(expect.stringMatching(/^CPU::onnx-ts::FUNC_BEGIN::.*loadWeights::shard 1$/));
    expect(stamp).toHaveBeenLastCalledWith(expect.stringMatching(/^CPU::onnx-ts::FUNC_END::.*loadWeights$/));
    TRACE_EVENT_BEGIN('run');
    TRACE_EVENT_END('run');
    expect(time).toHaveBeenCalledWith('onnx-ts::run');
    expect(timeEnd).toHaveBeenCalledWith('onnx-ts::run');
    env.trace = false;
    TRACE('CPU', 'off again');
    expect(stamp).not.toHaveBeenCalledWith('CPU::onnx-ts::off again');
  });
});
