// Runs in Deno and Bun: imports the package from the module given first (the browser bundle,
// or the Node build's entry), loads each model given as `model.onnx=input.f32=d0,d1,...` from
// bytes, runs it, and prints the first outputs and where the nodes ran as one JSON line.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

const args = typeof Deno !== 'undefined' ? Deno.args : process.argv.slice(2);
const ort = await import(pathToFileURL(args[0]).href);
const results = [];
for (const spec of args.slice(1)) {
  const [modelPath, inputPath, dims] = spec.split('=');
  const session = await ort.InferenceSession.create(new Uint8Array(await readFile(modelPath)));
  const bytes = await readFile(inputPath);
  const input = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', input, dims.split(',').map(Number)) });
  const t = out[session.outputNames[0]];
  const placement = {};
  for (const p of session.nodePlacement) placement[p.provider] = (placement[p.provider] ?? 0) + 1;
  results.push({ dims: [...t.dims], data: Array.from(t.data), placement });
  await session.release();
}
console.log(JSON.stringify(results));
// the Node build's worker threads would keep the process alive
if (typeof Deno !== 'undefined') Deno.exit(0);
else process.exit(0);
