// A Cloudflare Worker, run by workerd: the request's body is a model's bytes followed by its
// first input as raw float32 (x-model-bytes: the model's length, x-input-dims: the input's
// dims); the answer is the first output and where the nodes ran, as JSON, or the error as text.
import * as ort from './onnx-ts.mjs';

export default {
  async fetch(request) {
    try {
      const body = new Uint8Array(await request.arrayBuffer());
      const modelBytes = Number(request.headers.get('x-model-bytes'));
      const dims = request.headers.get('x-input-dims').split(',').map(Number);
      const session = await ort.InferenceSession.create(body.slice(0, modelBytes));
      const input = new Float32Array(body.slice(modelBytes).buffer);
      const out = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', input, dims) });
      const t = out[session.outputNames[0]];
      const placement = {};
      for (const p of session.nodePlacement) placement[p.provider] = (placement[p.provider] ?? 0) + 1;
      await session.release();
      return Response.json({ dims: [...t.dims], data: Array.from(t.data), placement });
    } catch (e) {
      return new Response(String(e?.stack ?? e), { status: 500 });
    }
  },
};
