// SessionOptions.preferredOutputLocation: which outputs a run leaves on the gpu provider's device
// instead of downloading them. The decision is made once, at create(); see session-options.ts
// for what each location means here.
import { InvalidInputError } from '../../data/errors.js';
import type { DataLocation } from '../../data/tensor.js';
import type { SessionOptions } from './session-options.js';

const ON_HOST = new Set<DataLocation>(['cpu', 'cpu-pinned']);
const KNOWN = new Set<DataLocation>(['cpu', 'cpu-pinned', 'gpu-buffer', 'ml-tensor', 'texture']);

function checked(location: unknown, what: string): DataLocation {
  if (typeof location !== 'string' || !KNOWN.has(location as DataLocation)) {
    throw new InvalidInputError(`${what} must be 'cpu' or 'gpu-buffer', got ${String(location)}`, 'preferredOutputLocation', "'cpu' | 'gpu-buffer'", String(location));
  }
  if (location === 'texture') {
    throw new InvalidInputError(`${what} 'texture' is not supported (as in onnxruntime-web): use 'gpu-buffer' or 'cpu'`, 'preferredOutputLocation', "'cpu' | 'gpu-buffer'", 'texture');
  }
  return location as DataLocation;
}

/**
 * The outputs to keep on the device. `hasGpu`: whether the session's gpu provider started; without
 * it, outputs asked for on 'gpu-buffer' (or 'ml-tensor', as WebNN falls back) come back on the CPU,
 * with one warning at logSeverityLevel 2 and below.
 */
export function outputsOnDevice(
  preferred: SessionOptions['preferredOutputLocation'], outputs: readonly { name: string; type?: string }[], hasGpu: boolean, logSeverityLevel: number,
): ReadonlySet<string> {
  const outputNames = outputs.map((o) => o.name);
  if (preferred === undefined) return new Set();
  const byName = new Map<string, DataLocation>();
  if (typeof preferred === 'string' || typeof preferred !== 'object' || preferred === null) {
    const location = checked(preferred, 'preferredOutputLocation');
    for (const name of outputNames) byName.set(name, location);
  } else {
    for (const [name, location] of Object.entries(preferred)) {
      if (!outputNames.includes(name)) {
        throw new InvalidInputError(`preferredOutputLocation names "${name}", which is not an output of this model. Outputs: ${outputNames.join(', ')}`, name);
      }
      byName.set(name, checked(location, `preferredOutputLocation["${name}"]`));
    }
  }
  const offHost = [...byName].filter(([, l]) => !ON_HOST.has(l));
  // the gpu provider holds float32 tensors only
  const float32 = (name: string) => (outputs.find((o) => o.name === name)?.type ?? 'float32') === 'float32';
  const keep = new Set(offHost.filter(([n, l]) => l === 'gpu-buffer' && float32(n)).map(([n]) => n));
  const onCpu = offHost.filter(([n]) => !hasGpu || !keep.has(n));
  if (onCpu.length && logSeverityLevel <= 2) {
    const why = ([n, l]: [string, DataLocation]) => (l !== 'gpu-buffer' ? 'no WebNN here' : !hasGpu ? 'no gpu provider in this session' : `${outputs.find((o) => o.name === n)?.type}, not float32`);
    console.warn(`onnx-ts: preferredOutputLocation: returning on the CPU ${onCpu.map((e) => `"${e[0]}" (${why(e)})`).join(', ')}`);
  }
  return hasGpu ? keep : new Set();
}
