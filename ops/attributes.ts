// Typed, defaulted access to a node's attributes. A wrong attribute type is the model's
// fault, so it surfaces as InvalidModelError naming the node, op and attribute.
import type { AttributeValue, Graph, Node } from '../graph/ir.js';
import type { Tensor } from '../data/tensor.js';
import { InvalidModelError } from '../data/errors.js';

export class AttributeReader {
  constructor(private readonly node: Node) {}

  has(name: string): boolean {
    return this.node.attributes.has(name);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private get(name: string, kinds: AttributeValue['type'][]): any {
    const a = this.node.attributes.get(name);
    if (!a) return undefined;
    if (!(kinds as string[]).includes(a.type)) {
      throw new InvalidModelError(
        `Node "${this.node.name}" (${this.node.opType}): attribute "${name}" should be ${kinds.join(' or ')}, got ${a.type}`,
        { node: this.node.name, opType: this.node.opType, attribute: name },
      );
    }
    return a.value;
  }

  int(name: string, def: number): number;
  int(name: string): number | undefined;
  int(name: string, def?: number): number | undefined {
    const v = this.get(name, ['int']);
    return v ?? def;
  }

  float(name: string, def: number): number;
  float(name: string): number | undefined;
  float(name: string, def?: number): number | undefined {
    // some exporters write integral float attributes as ints
    const a = this.node.attributes.get(name);
    if (a?.type === 'int') return a.value;
    return this.get(name, ['float']) ?? def;
  }

  string(name: string, def: string): string;
  string(name: string): string | undefined;
  string(name: string, def?: string): string | undefined {
    return this.get(name, ['string']) ?? def;
  }

  ints(name: string, def: number[]): number[];
  ints(name: string): number[] | undefined;
  ints(name: string, def?: number[]): number[] | undefined {
    return this.get(name, ['ints']) ?? def;
  }

  floats(name: string, def: number[]): number[];
  floats(name: string): number[] | undefined;
  floats(name: string, def?: number[]): number[] | undefined {
    const a = this.node.attributes.get(name);
    if (a?.type === 'ints') return a.value;
    return this.get(name, ['floats']) ?? def;
  }

  strings(name: string, def: string[]): string[];
  strings(name: string): string[] | undefined;
  strings(name: string, def?: string[]): string[] | undefined {
    return this.get(name, ['strings']) ?? def;
  }

  tensor(name: string): Tensor | undefined {
    return this.get(name, ['tensor']);
  }

  tensors(name: string): Tensor[] | undefined {
    return this.get(name, ['tensors']);
  }

  graph(name: string): Graph | undefined {
    return this.get(name, ['graph']);
  }

  /** A required attribute: missing is an InvalidModelError. */
  required<T>(name: string, value: T | undefined): T {
    if (value === undefined) {
      throw new InvalidModelError(`Node "${this.node.name}" (${this.node.opType}) is missing required attribute "${name}"`, {
        node: this.node.name, opType: this.node.opType, attribute: name,
      });
    }
    return value;
  }

  /** An InvalidModelError about this node, for checks the op itself makes. */
  error(message: string, attribute?: string): InvalidModelError {
    return new InvalidModelError(`Node "${this.node.name}" (${this.node.opType}): ${message}`, {
      node: this.node.name, opType: this.node.opType, attribute,
    });
  }
}
