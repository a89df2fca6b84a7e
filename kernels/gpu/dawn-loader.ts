// Dawn (the `webgpu` package), Node's WebGPU: a native module, so browser bundles get
// dawn-loader.browser.ts instead (package.json "browser" field) and use their own navigator.gpu.
export async function loadDawn(): Promise<unknown> {
  return import('webgpu');
}
