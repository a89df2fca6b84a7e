// Turns a GPU kernel into an op definition the session can bind: the CPU reference kernel of
// the same op and version validates attributes the same way and runs whatever the GPU path
// declines (other dtypes, empty or oversized tensors, unusual attributes), on downloaded inputs.
import type { KernelInput, OpContext, OpDefinition } from '../../../ops/types.js';
import { GpuTensor, downloadTensor } from '../../../kernels/gpu/gpu-tensor.js';
import { Tensor } from '../../../data/tensor.js';
import { OnnxError } from '../../../data/errors.js';
import type { GpuRuntime } from '../../../kernels/gpu/gpu-runtime.js';
import { type GpuKernelSpec, MAX_GPU_ELEMENTS } from '../../../kernels/gpu/kernel-spec.js';
import { constantInput } from '../../../ops/helpers/constant-inputs.js';
import type { GpuStats } from './gpu-stats.js';

/** Counts of where GPU-bound nodes actually ran, by op type. */
export interface GpuEnv {
  runtime: GpuRuntime;
  stats: GpuStats;
  /** Warning sink for kernels that failed to compile or run (they fall back to the CPU). */
  warn(message: string): void;
}

/** Per-node device I/O: uploads host inputs (keeping constant ones resident), runs kernels, frees temporaries. */
export class NodeIO {
  private readonly resident = new Map<number, { host: Tensor; device: GpuTensor }>();
  private temps: GpuTensor[] = [];
  private lastPlan?: { signature: string; plan: unknown };

  constructor(private readonly runtime: GpuRuntime, private readonly isConstant: (slot: number) => boolean) {}

  /** Input `slot` (a float32 tensor) on the device. */
  async input(t: Tensor, slot: number): Promise<GpuTensor> {
    if (t instanceof GpuTensor) return t;
    const cached = this.resident.get(slot);
    if (cached && cached.host === t) return cached.device;
    const device = await this.runtime.upload(t.data as Float32Array, t.dims);
    if (this.isConstant(slot)) {
      // weights: uploaded on the first run, reused while the session holds the same tensor
      cached?.device.dispose();
      this.resident.set(slot, { host: t, device });
    } else {
      this.temps.push(device);
    }
    return device;
  }

  /**
   * The node's kernel plan for input shapes `signature`, made once: shapes rarely change between
   * runs, and the plan (generated source) is what the runtime's kernel cache is keyed by.
   */
  plan<T>(signature: string, make: () => T): T {
    if (this.lastPlan?.signature !== signature) this.lastPlan = { signature, plan: make() };
    return this.lastPlan.plan as T;
  }

  /** Host values uploaded for this run only. */
  async values(values: Float32Array, dims: readonly number[]): Promise<GpuTensor> {
    return this.temp(await this.runtime.upload(values, dims));
  }

  run(spec: GpuKernelSpec, args: readonly GpuTensor[], dims: readonly number[]): Promise<GpuTensor> {
    return this.runtime.run(spec, args, dims);
  }

  /** Marks an intermediate to be freed when the node finishes. */
  temp(t: GpuTensor): GpuTensor {
    this.temps.push(t);
    return t;
  }

  finish(): void {
    for (const t of this.temps) t.dispose();
    this.temps = [];
  }
}

/** Outputs, or undefined to run the CPU reference kernel instead. */
export type GpuKernel = (inputs: KernelInput[], io: NodeIO) => Promise<Tensor[] | undefined>;

/** Builds the GPU kernel of a node, or undefined when its attributes are CPU-only. */
export type GpuOpFactory = (ctx: OpContext) => GpuKernel | undefined;

/** A float32 tensor the GPU kernels can address (non-empty, float indices exact). */
export function isGpuFloat(v: KernelInput): v is Tensor {
  return v instanceof Tensor && v.type === 'float32' && v.size > 0 && v.size <= MAX_GPU_ELEMENTS;
}

function hostInput(v: KernelInput): KernelInput | Promise<KernelInput> {
  return v instanceof Tensor && v.location !== 'cpu' ? downloadTensor(v) : v;
}

export function gpuDefinition(cpuDef: OpDefinition, factory: GpuOpFactory, env: GpuEnv): OpDefinition {
  return {
    opType: cpuDef.opType,
    domain: cpuDef.domain,
    since: cpuDef.since,
    create(ctx) {
      const cpu = cpuDef.create(ctx);
      let gpu = factory(ctx);
      const isConstant = (slot: number) => {
        // constant initializers are the same tensors every run: the device copy can stay resident
        return constantInput(ctx, slot) !== undefined;
      };
      const io = new NodeIO(env.runtime, isConstant);
      return async (inputs, rt) => {
        if (gpu) {
          try {
            const out = await gpu(inputs, io);
            if (out) {
              env.stats.gpuRuns++;
              return out;
            }
          } catch (e) {
            if (e instanceof OnnxError) throw e;
            // a kernel the device cannot compile or run: this node stays on the CPU from now on
            const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0];
            env.stats.failures.set(ctx.node.name || ctx.node.opType, msg);
            env.warn(`gpu: ${ctx.node.opType} node "${ctx.node.name}" failed on the GPU (${msg}); running it on the CPU`);
            gpu = undefined;
          } finally {
            io.finish();
          }
        }
        env.stats.countHost(ctx.node.opType);
        rt.fellBack?.();
        const host = await Promise.all(inputs.map(hostInput));
        return cpu(host, rt);
      };
    },
  };
}
