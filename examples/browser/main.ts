// The example page: a dropped .onnx file is loaded into an InferenceSession; the page shows its
// inputs, outputs, opsets and operator counts, runs it on random inputs (or a picked image for
// image-shaped ones) with the chosen provider and thread count, and shows the outputs, the
// latency and, from the profiler, where and how long each node ran.
import { InferenceSession, type OnnxValue, Tensor } from 'onnx-ts';
import { imageSize, imageTensor, randomTensor } from './feeds.js';
import { nodeRows } from './profile-table.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('status');

let modelBytes: Uint8Array | undefined;
let modelName = '';
let session: InferenceSession | undefined;
/** The options `session` was created with, so a changed provider or thread count makes a new one. */
let sessionKey = '';
const pickedImages = new Map<string, File>();

function say(text: string, error = false): void {
  status.textContent = text;
  status.className = error ? 'error' : '';
}

function fillTable(table: HTMLElement, head: string[], rows: (string | number)[][]): void {
  table.replaceChildren();
  const tr = table.appendChild(document.createElement('tr'));
  for (const h of head) tr.appendChild(document.createElement('th')).textContent = h;
  for (const row of rows) {
    const r = table.appendChild(document.createElement('tr'));
    for (const cell of row) {
      const td = r.appendChild(document.createElement('td'));
      td.textContent = String(cell);
      if (typeof cell === 'number') td.className = 'num';
    }
  }
}

const shapeText = (m: InferenceSession.ValueMetadata) => (m.isTensor ? `[${m.shape.join(', ')}]` : '(not a tensor)');

function options(): InferenceSession.SessionOptions {
  const provider = $<HTMLSelectElement>('provider').value;
  const threads = Math.max(1, Math.floor(Number($<HTMLInputElement>('threads').value) || 1));
  return { executionProviders: [provider], intraOpNumThreads: threads };
}

async function currentSession(): Promise<InferenceSession> {
  const key = JSON.stringify(options());
  if (session && key === sessionKey) return session;
  await session?.release();
  session = undefined;
  session = await InferenceSession.create(modelBytes!, options());
  sessionKey = key;
  return session;
}

function showModel(s: InferenceSession): void {
  fillTable($('inputs'), ['name', 'type', 'shape'], s.inputMetadata.map((m) => [m.name, m.type ?? '', shapeText(m)]));
  fillTable($('outputs-meta'), ['name', 'type', 'shape'], s.outputMetadata.map((m) => [m.name, m.type ?? '', shapeText(m)]));
  fillTable($('opsets'), ['domain', 'version'], [...s.model.opsets].map(([d, v]) => [d || 'ai.onnx', v]));
  const counts = new Map<string, number>();
  for (const n of s.model.graph.nodes) {
    const op = n.domain ? `${n.domain}.${n.opType}` : n.opType;
    counts.set(op, (counts.get(op) ?? 0) + 1);
  }
  fillTable($('op-counts'), ['operator', 'nodes'], [...counts].sort((a, b) => b[1] - a[1]));
  // one file picker per image-shaped input; the others get random values
  const feeds = $('feeds');
  feeds.replaceChildren();
  pickedImages.clear();
  for (const m of s.inputMetadata) {
    const size = imageSize(m);
    const line = feeds.appendChild(document.createElement('div'));
    if (!size) {
      line.textContent = `${m.name}: random values`;
      continue;
    }
    line.append(`${m.name}: random values, or an image (resized to ${size.width} x ${size.height}) `);
    const input = line.appendChild(document.createElement('input'));
    Object.assign(input, { type: 'file', accept: 'image/*', id: `image-${m.name}` });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) pickedImages.set(m.name, file);
      else pickedImages.delete(m.name);
    });
  }
  $('model-info').hidden = false;
}

async function loadModel(file: File): Promise<void> {
  say(`Loading ${file.name}...`);
  $('results').hidden = true;
  await session?.release();
  session = undefined;
  modelBytes = new Uint8Array(await file.arrayBuffer());
  modelName = file.name;
  const s = await currentSession();
  showModel(s);
  say(`${modelName}: ${s.model.graph.nodes.length} nodes, IR version ${s.model.irVersion}. Pick a provider and run it.`);
}

function firstValues(v: OnnxValue): string {
  if (!(v instanceof Tensor)) return '(not a tensor)';
  const data = v.data as ArrayLike<number | bigint | string>;
  const shown = Array.from({ length: Math.min(8, data.length) }, (_, i) => {
    const x = data[i];
    return typeof x === 'number' ? Number(x.toPrecision(5)) : String(x);
  });
  return shown.join(', ') + (data.length > 8 ? ', ...' : '');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function run(): Promise<void> {
  say(`Running ${modelName}...`);
  const s = await currentSession();
  const feeds: Record<string, Tensor> = {};
  const sources: string[] = [];
  for (const m of s.inputMetadata) {
    const image = pickedImages.get(m.name);
    feeds[m.name] = image ? await imageTensor(m, image) : randomTensor(m);
    sources.push(`${m.name} ${image ? `from ${image.name}` : 'random'}`);
  }
  let start = performance.now();
  const outputs = await s.run(feeds);
  const firstMs = performance.now() - start;
  const times: number[] = [];
  const timedRuns = Math.max(1, Math.floor(Number($<HTMLInputElement>('timed-runs').value) || 1));
  for (let i = 0; i < timedRuns; i++) {
    start = performance.now();
    await s.run(feeds);
    times.push(performance.now() - start);
  }
  s.startProfiling();
  await s.run(feeds);
  const rows = nodeRows(s.endProfiling());

  fillTable($('outputs'), ['name', 'type', 'shape', 'first values'], Object.entries(outputs).map(([name, v]) => [
    name, v instanceof Tensor ? v.type : '', v instanceof Tensor ? `[${v.dims.join(', ')}]` : '', firstValues(v),
  ]));
  const { executionProviders, intraOpNumThreads } = options();
  $('latency').textContent = `Latency: median ${median(times).toFixed(2)} ms over ${timedRuns} runs (first run ${firstMs.toFixed(2)} ms), ` +
    `${String(executionProviders![0])}, ${intraOpNumThreads} thread(s), crossOriginIsolated ${globalThis.crossOriginIsolated}`;
  const total = rows.reduce((n, r) => n + r.micros, 0) || 1;
  fillTable($('profile'), ['node', 'operator', 'provider', 'kernel', 'time (µs)', '%'],
    rows.map((r) => [r.node, r.opType, r.provider, r.kernel, r.micros, Number(((100 * r.micros) / total).toFixed(1))]));
  $('results').hidden = false;
  say(`${modelName}: ran on ${summarize(s)}; inputs: ${sources.join(', ')}.`);
}

/** "wasm: 9 nodes, cpu: 1 node", from the session's node placement. */
function summarize(s: InferenceSession): string {
  const by = new Map<string, number>();
  for (const p of s.nodePlacement) by.set(p.provider, (by.get(p.provider) ?? 0) + 1);
  return [...by].map(([p, n]) => `${p}: ${n} node${n === 1 ? '' : 's'}`).join(', ');
}

/** Runs `task`, showing any failure on the page (errors here are the model's or the input's, not the page's). */
function guarded(task: () => Promise<void>): void {
  task().catch((e: unknown) => say(`${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}`, true));
}

const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const file = e.dataTransfer?.files[0];
  if (file) guarded(() => loadModel(file));
});
$<HTMLInputElement>('model-file').addEventListener('change', (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (file) guarded(() => loadModel(file));
});
$('run').addEventListener('click', () => guarded(run));
$('threads').setAttribute('max', String(navigator.hardwareConcurrency || 16));
$('isolation').textContent = globalThis.crossOriginIsolated
  ? 'This page is cross-origin isolated: the wasm provider can use threads.'
  : 'This page is not cross-origin isolated: the wasm provider runs single-threaded.';
