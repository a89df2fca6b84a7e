// The layering of ARCHITECTURE.md, checked on the sources: no file imports a floor above its
// own, compute kernels import nothing but the data floor, and no import cycle exists.
import { describe, expect, it } from 'vitest';
import { FLOORS, findCycle, floorOf, importsOf, runtimeFiles } from './import-graph.js';

const files = runtimeFiles();
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe('import layering', () => {
  it('finds the runtime sources and their imports', () => {
    expect(files.length).toBeGreaterThan(300);
    expect(graph.get('src/index.ts')?.length).toBeGreaterThan(0);
  });

  it('places every runtime file on a floor', () => {
    expect(files.filter((file) => floorOf(file) < 0)).toEqual([]);
  });

  it('has no import that runs up a floor', () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        if (floorOf(target) > floorOf(file)) {
          upward.push(`${file} (${FLOORS[floorOf(file)].name}) imports ${target} (${FLOORS[floorOf(target)]?.name})`);
        }
      }
    }
    expect(upward).toEqual([]);
  });

  it('keeps kernels to compute routines: they import only the data floor and each other', () => {
    const reaching: string[] = [];
    for (const [file, targets] of graph) {
      if (!file.startsWith('kernels/')) continue;
      for (const target of targets) {
        if (!target.startsWith('kernels/') && !target.startsWith('data/')) reaching.push(`${file} imports ${target}`);
      }
    }
    expect(reaching).toEqual([]);
  });

  it('resolves every relative import to a file', () => {
    expect([...graph].flatMap(([file, targets]) => targets.filter((t) => floorOf(t) < 0).map((t) => `${file} -> ${t}`))).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(findCycle(graph)).toBeUndefined();
  });

  it('detects an upward import and a cycle when there is one', () => {
    expect(floorOf('ops/nn/Conv.ts')).toBeLessThan(floorOf('kernels/cpu/x.ts'));
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['a', ['b']], ['b', []]]))).toBeUndefined();
  });
});
