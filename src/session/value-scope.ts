// Run-time values of one graph, falling back to the enclosing graph's values for names a
// subgraph reads from outer scope.
import type { OnnxValue } from '../../data/tensor.js';
import type { ValueScope } from '../../ops/types.js';

export class GraphScope implements ValueScope {
  private readonly values = new Map<string, OnnxValue>();

  constructor(private readonly parent?: ValueScope, private readonly constants?: ReadonlyMap<string, OnnxValue>) {}

  get(name: string): OnnxValue | undefined {
    if (this.values.has(name)) return this.values.get(name);
    if (this.constants?.has(name)) return this.constants.get(name);
    return this.parent?.get(name);
  }

  has(name: string): boolean {
    return this.values.has(name) || (this.constants?.has(name) ?? false) || (this.parent?.has(name) ?? false);
  }

  set(name: string, value: OnnxValue): void {
    this.values.set(name, value);
  }

  delete(name: string): void {
    this.values.delete(name);
  }
}
