// The runtime's own import graph, read from the sources: every relative import and export of
// every file under the runtime's folders, type-only ones included (a type is still something a
// reader must go and find).
import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** The floors, bottom first: a file may import its own floor or one below, never one above. */
export const FLOORS: readonly { name: string; holds: (file: string) => boolean }[] = [
  { name: 'data', holds: (f) => f.startsWith('data/') },
  { name: 'graph', holds: (f) => f.startsWith('graph/') },
  { name: 'ops', holds: (f) => f.startsWith('ops/') },
  { name: 'kernels', holds: (f) => f.startsWith('kernels/') },
  { name: 'providers', holds: (f) => f.startsWith('src/providers/') },
  { name: 'session', holds: (f) => f.startsWith('src/session/') },
  { name: 'api', holds: (f) => f.startsWith('src/') },
];

export function floorOf(file: string): number {
  return FLOORS.findIndex((floor) => floor.holds(file));
}

const SOURCE_EXT = /\.(ts|mts|mjs)$/;
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]+)\1/gm;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'assembly' && entry.name !== 'node_modules') out.push(...walk(rel));
    } else if (SOURCE_EXT.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(rel);
    }
  }
  return out;
}

/** Every runtime source file (the AssemblyScript sources compile apart and are left out). */
export function runtimeFiles(): string[] {
  return ['data', 'graph', 'ops', 'kernels', 'src'].flatMap(walk).sort();
}

/** The repository-relative files `file` imports, resolved from `.js` specifiers to their `.ts` sources. */
export function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
  const targets: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const joined = path.posix.normalize(path.posix.join(path.posix.dirname(file), match[2]));
    const source = [joined, joined.replace(/\.js$/, '.ts'), joined.replace(/\.mjs$/, '.mts')]
      .find((candidate) => fs.existsSync(path.join(repoRoot, candidate)));
    targets.push(source ?? joined);
  }
  return targets;
}

/** One cycle in the graph (as a path that returns to its start), or undefined. */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return undefined;
}
