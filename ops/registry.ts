// The operator registry: data, keyed by (domain, op type), each entry valid from its `since`
// opset until the next entry's. The supported-op table in the docs is generated from it.
import type { OpDefinition } from './types.js';

export class OpRegistry {
  private readonly byKey = new Map<string, OpDefinition[]>();

  private static key(domain: string, opType: string): string {
    return `${domain}::${opType}`;
  }

  register(...defs: OpDefinition[]): this {
    for (const def of defs) {
      const k = OpRegistry.key(def.domain, def.opType);
      const list = this.byKey.get(k) ?? [];
      if (list.some((d) => d.since === def.since)) {
        throw new Error(`duplicate registration of ${def.domain || 'ai.onnx'}.${def.opType} since opset ${def.since}`);
      }
      list.push(def);
      list.sort((a, b) => a.since - b.since);
      this.byKey.set(k, list);
    }
    return this;
  }

  /** The definition in force at `opset`: the newest with since <= opset. */
  resolve(domain: string, opType: string, opset: number): OpDefinition | undefined {
    const list = this.byKey.get(OpRegistry.key(domain, opType));
    if (!list) return undefined;
    let found: OpDefinition | undefined;
    for (const d of list) if (d.since <= opset) found = d;
    return found;
  }

  /** The opset versions where the op's definition changes, oldest first; [] for an op not here. */
  sinceVersions(domain: string, opType: string): number[] {
    return (this.byKey.get(OpRegistry.key(domain, opType)) ?? []).map((d) => d.since);
  }

  /** Human-readable version ranges for an op, e.g. "1-5, 6-12, 13+". */
  versions(domain: string, opType: string): string {
    const list = this.byKey.get(OpRegistry.key(domain, opType)) ?? [];
    return list.map((d, i) => (i + 1 < list.length ? `${d.since}-${list[i + 1].since - 1}` : `${d.since}+`)).join(', ');
  }

  entries(): { domain: string; opType: string; versions: number[] }[] {
    return [...this.byKey.values()].map((list) => ({
      domain: list[0].domain,
      opType: list[0].opType,
      versions: list.map((d) => d.since),
    }));
  }
}
