// One model run on the wasm provider and on the JavaScript reference ('js'), for specs that
// compare the two: the outputs of each, and where each node ran.
import { InferenceSession, type OnnxValue } from '../../src/index.js';

export async function runBoth(model: Uint8Array, feeds: Record<string, OnnxValue>) {
  const results = [];
  for (const ep of ['wasm', 'js']) {
    const s = await InferenceSession.create(model, { executionProviders: [ep] });
    results.push({ out: await s.run(feeds), placement: s.nodePlacement });
    await s.release();
  }
  return results;
}
