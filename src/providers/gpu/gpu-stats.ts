// Where GPU-bound nodes ran: on the device, or back on the host (and why kernels failed).
export class GpuStats {
  gpuRuns = 0;
  readonly hostRuns = new Map<string, number>();
  readonly failures = new Map<string, string>();

  countHost(opType: string): void {
    this.hostRuns.set(opType, (this.hostRuns.get(opType) ?? 0) + 1);
  }
}
