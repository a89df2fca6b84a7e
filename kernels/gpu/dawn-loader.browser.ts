// Browsers have navigator.gpu or no WebGPU at all: there is no Dawn to load.
export async function loadDawn(): Promise<unknown> {
  return undefined;
}
