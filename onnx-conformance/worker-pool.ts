// A small pool of long-lived worker processes, each running many jobs one at a time. A job
// that hangs past the timeout, takes more memory than the cap, or kills its process is
// reported as a timeout or crash and its worker replaced; the other jobs go on.
import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { residentMiB } from './process-memory.js';
import type { RunMessage, WorkerMessage } from './worker-protocol.js';

export interface PoolOptions {
  /** Worker entry point: a .ts file run through tsx (or .js), calling serveJobs(). */
  script: string;
  args?: string[];
  size: number;
  timeoutMs: number;
  /** Per-worker cap: V8 heap limit, and resident memory where /proc can be read. */
  memoryMiB: number;
}

export type JobOutcome<R> =
  | { kind: 'done'; result: R }
  | { kind: 'timeout' | 'crash'; message: string; ms: number; note?: unknown };

type Failure = { kind: 'timeout' | 'crash'; message: string };

/** The workers could not start, or rejected their configuration: no job can run. */
export class PoolStartError extends Error {}

interface Task<J, R> {
  id: number;
  job: J;
  resolve(o: JobOutcome<R>): void;
  reject(e: Error): void;
  note?: unknown;
  startedAt?: number;
}

interface Slot<J, R> {
  child: ChildProcess;
  ready: boolean;
  /** Killed by the pool (timeout, memory, recycling), so its exit is no start failure. */
  retired: boolean;
  task?: Task<J, R>;
  timer?: NodeJS.Timeout;
  /** Recent stdout/stderr of the worker, to explain a crash. */
  output: string;
}

const MAX_START_FAILURES = 3;
const MEMORY_POLL_MS = 200;
/** A worker whose resident memory stays above this share of the cap after a job is replaced. */
const RECYCLE_SHARE = 0.6;

// tsx's "." export is its ESM loader; resolved from here so the cwd does not matter
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export class WorkerPool<J, R> {
  private readonly queue: Task<J, R>[] = [];
  private readonly slots = new Set<Slot<J, R>>();
  private nextId = 0;
  private startFailures = 0;
  private fatal?: PoolStartError;
  private closing = false;
  private memoryPoll?: NodeJS.Timeout;

  constructor(private readonly options: PoolOptions) {}

  run(job: J): Promise<JobOutcome<R>> {
    if (this.fatal) return Promise.reject(this.fatal);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.pump();
    });
  }

  /** Stops every worker; jobs still queued are rejected. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.memoryPoll);
    for (const t of this.queue.splice(0)) t.reject(new Error('worker pool closed'));
    const exits = [...this.slots].map((s) => new Promise<void>((done) => {
      if (s.child.exitCode !== null || s.child.signalCode !== null) return done();
      s.child.once('exit', () => done());
      s.child.kill('SIGKILL');
    }));
    await Promise.all(exits);
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.ready && !slot.task) this.assign(slot, this.queue.shift()!);
    }
    while (this.queue.length > this.startingCount() && this.slots.size < this.options.size && !this.closing) this.spawn();
  }

  private startingCount(): number {
    let n = 0;
    for (const s of this.slots) if (!s.ready) n++;
    return n;
  }

  private spawn(): void {
    const { script, args = [], memoryMiB } = this.options;
    const child = fork(script, args, {
      execArgv: ['--import', tsxLoader, `--max-old-space-size=${memoryMiB}`],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    const slot: Slot<J, R> = { child, ready: false, retired: false, output: '' };
    this.slots.add(slot);
    const keep = (chunk: Buffer) => { slot.output = (slot.output + chunk.toString('utf8')).slice(-4000); };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('message', (m: WorkerMessage<R>) => this.onMessage(slot, m));
    child.on('error', (e) => { slot.output += `\n${e.message}`; });
    // 'close' rather than 'exit': it waits for the output pipes, so a crash report has the last words
    child.on('close', (code, signal) => this.onExit(slot, code, signal));
  }

  private onMessage(slot: Slot<J, R>, m: WorkerMessage<R>): void {
    switch (m.type) {
      case 'ready':
        slot.ready = true;
        this.startFailures = 0;
        this.pump();
        return;
      case 'fatal':
        this.fail(new PoolStartError(`worker rejected its configuration: ${m.message}`));
        return;
      case 'note':
        if (slot.task?.id === m.id) slot.task.note = m.note;
        return;
      case 'result': {
        const task = slot.task;
        if (task?.id !== m.id) return;
        this.finish(slot, { kind: 'done', result: m.result });
        const rss = residentMiB(slot.child.pid!);
        // a worker that kept a lot of memory would push the next job over the cap
        if (rss !== undefined && rss > this.options.memoryMiB * RECYCLE_SHARE) this.retire(slot);
        else this.pump();
      }
    }
  }

  private onExit(slot: Slot<J, R>, code: number | null, signal: NodeJS.Signals | null): void {
    this.slots.delete(slot);
    if (slot.task) this.finish(slot, { kind: 'crash', message: describeExit(code, signal, slot.output, this.options.memoryMiB) });
    if (this.closing || this.fatal) return;
    if (!slot.ready && !slot.retired) {
      this.startFailures++;
      if (this.startFailures >= MAX_START_FAILURES) {
        this.fail(new PoolStartError(`worker process failed to start ${this.startFailures} times; last output:\n${slot.output.trim() || `(none; ${describeStatus(code, signal)})`}`));
        return;
      }
    }
    this.pump();
  }

  private assign(slot: Slot<J, R>, task: Task<J, R>): void {
    slot.task = task;
    task.startedAt = performance.now();
    slot.output = '';
    slot.timer = setTimeout(() => {
      this.finish(slot, { kind: 'timeout', message: `no result after ${this.options.timeoutMs} ms` });
      this.retire(slot);
    }, this.options.timeoutMs);
    this.watchMemory();
    try {
      slot.child.send({ type: 'run', id: task.id, job: task.job } satisfies RunMessage<J>);
    } catch {
      // the channel is already closed: the exit handler reports this job as a crash
    }
  }

  private finish(slot: Slot<J, R>, outcome: Failure | { kind: 'done'; result: R }): void {
    const task = slot.task;
    if (!task) return;
    clearTimeout(slot.timer);
    slot.task = undefined;
    if (outcome.kind === 'done') return task.resolve(outcome);
    const ms = Math.round(performance.now() - (task.startedAt ?? performance.now()));
    task.resolve({ ...outcome, ms, ...(task.note === undefined ? {} : { note: task.note }) });
  }

  /** Kills a worker; its exit handler replaces it when there is work left. */
  private retire(slot: Slot<J, R>): void {
    slot.ready = false;
    slot.retired = true;
    slot.child.kill('SIGKILL');
  }

  private watchMemory(): void {
    if (this.memoryPoll) return;
    this.memoryPoll = setInterval(() => {
      for (const slot of this.slots) {
        if (!slot.task) continue;
        const rss = residentMiB(slot.child.pid!);
        if (rss !== undefined && rss > this.options.memoryMiB) {
          this.finish(slot, { kind: 'crash', message: `memory cap exceeded: ${Math.round(rss)} MiB resident, cap ${this.options.memoryMiB} MiB` });
          this.retire(slot);
        }
      }
    }, MEMORY_POLL_MS);
    this.memoryPoll.unref();
  }

  private fail(error: PoolStartError): void {
    if (this.fatal) return;
    this.fatal = error;
    for (const t of this.queue.splice(0)) t.reject(error);
    for (const s of this.slots) {
      s.task?.reject(error);
      s.task = undefined;
      clearTimeout(s.timer);
      s.child.kill('SIGKILL');
    }
  }
}

function describeStatus(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

/** One line for a worker that died mid-job: the telling line of its output, and how it ended. */
function describeExit(code: number | null, signal: NodeJS.Signals | null, output: string, memoryMiB: number): string {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.some((l) => /heap out of memory|Reached heap limit/.test(l))) {
    return `out of memory: V8 heap limit of ${memoryMiB} MiB reached (${describeStatus(code, signal)})`;
  }
  const telling = [...lines].reverse().find((l) => /^(\w*Error\b|FATAL|Uncaught|Segmentation|Aborted)/.test(l)) ?? lines.at(-1);
  return `worker died (${describeStatus(code, signal)})${telling ? `: ${telling.slice(0, 300)}` : ''}`;
}
