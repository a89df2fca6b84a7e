import type { OpDefinition } from '../types.js';
import { Bernoulli } from './Bernoulli.js';
import { Multinomial } from './Multinomial.js';
import { RandomNormal } from './RandomNormal.js';
import { RandomNormalLike } from './RandomNormalLike.js';
import { RandomUniform } from './RandomUniform.js';
import { RandomUniformLike } from './RandomUniformLike.js';

export const randomOps: OpDefinition[] = [
  ...RandomNormal, ...RandomUniform, ...RandomNormalLike, ...RandomUniformLike, ...Bernoulli, ...Multinomial,
];
