import type { OpDefinition } from '../types.js';
import { ArgMax } from './ArgMax.js';
import { ArgMin } from './ArgMin.js';
import { CenterCropPad } from './CenterCropPad.js';
import { Col2Im } from './Col2Im.js';
import { Compress } from './Compress.js';
import { Concat } from './Concat.js';
import { Constant } from './Constant.js';
import { ConstantOfShape } from './ConstantOfShape.js';
import { CumProd } from './CumProd.js';
import { CumSum } from './CumSum.js';
import { DepthToSpace } from './DepthToSpace.js';
import { Expand } from './Expand.js';
import { EyeLike } from './EyeLike.js';
import { Flatten } from './Flatten.js';
import { Gather } from './Gather.js';
import { GatherElements } from './GatherElements.js';
import { GatherND } from './GatherND.js';
import { NonZero } from './NonZero.js';
import { OneHot } from './OneHot.js';
import { Pad } from './Pad.js';
import { Range } from './Range.js';
import { Reshape } from './Reshape.js';
import { Resize } from './Resize.js';
import { ReverseSequence } from './ReverseSequence.js';
import { Scatter } from './Scatter.js';
import { ScatterElements } from './ScatterElements.js';
import { ScatterND } from './ScatterND.js';
import { Shape } from './Shape.js';
import { Size } from './Size.js';
import { Slice } from './Slice.js';
import { SpaceToDepth } from './SpaceToDepth.js';
import { Split } from './Split.js';
import { Squeeze } from './Squeeze.js';
import { TensorScatter } from './TensorScatter.js';
import { Tile } from './Tile.js';
import { TopK } from './TopK.js';
import { Transpose } from './Transpose.js';
import { Trilu } from './Trilu.js';
import { Unique } from './Unique.js';
import { Unsqueeze } from './Unsqueeze.js';
import { Upsample } from './Upsample.js';

export const tensorOps: OpDefinition[] = [
  ...ArgMax, ...ArgMin, ...CenterCropPad, ...Col2Im, ...Compress, ...Concat, ...Constant,
  ...ConstantOfShape, ...CumProd, ...CumSum, ...DepthToSpace, ...Expand, ...EyeLike, ...Flatten,
  ...Gather, ...GatherElements, ...GatherND, ...NonZero, ...OneHot, ...Pad, ...Range, ...Reshape,
  ...Resize, ...ReverseSequence, ...Scatter, ...ScatterElements, ...ScatterND, ...Shape, ...Size,
  ...Slice, ...SpaceToDepth, ...Split, ...Squeeze, ...TensorScatter, ...Tile, ...TopK,
  ...Transpose, ...Trilu, ...Unique, ...Unsqueeze, ...Upsample,
];
