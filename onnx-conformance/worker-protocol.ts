// Messages between the pool (parent) and a worker process, and the worker side's job loop.

/** parent → worker */
export interface RunMessage<J> { type: 'run'; id: number; job: J }

/** worker → parent */
export type WorkerMessage<R> =
  | { type: 'ready' }
  /** The worker cannot run any job (bad configuration): the pool stops. */
  | { type: 'fatal'; message: string }
  /** Partial facts about the running job, kept by the pool for a timeout or crash report. */
  | { type: 'note'; id: number; note: unknown }
  | { type: 'result'; id: number; result: R };

export interface JobContext {
  /** Tell the parent something worth keeping should this job hang or crash. */
  note(value: unknown): void;
}

function send<R>(m: WorkerMessage<R>): void {
  process.send?.(m);
}

/**
 * Runs in a worker process: announces readiness, then runs one job per 'run' message, in
 * order. `setup` may throw to reject the configuration (reported once as 'fatal'). The worker
 * exits when the parent disconnects, so no worker outlives its run.
 */
export async function serveJobs<J, R>(handler: (job: J, ctx: JobContext) => Promise<R>, setup?: () => Promise<void> | void): Promise<void> {
  if (!process.send) throw new Error('serveJobs must run in a process forked with an IPC channel');
  process.on('disconnect', () => process.exit(0));
  try {
    await setup?.();
  } catch (e) {
    send({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
    process.disconnect();
    return;
  }
  let chain = Promise.resolve();
  process.on('message', (m: RunMessage<J>) => {
    if (m?.type !== 'run') return;
    const ctx: JobContext = { note: (note) => send({ type: 'note', id: m.id, note }) };
    chain = chain.then(async () => send({ type: 'result', id: m.id, result: await handler(m.job, ctx) }));
  });
  send({ type: 'ready' });
}
