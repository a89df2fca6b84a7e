import { defineOp } from '../define.js';
import { readScalar, tensorFromNumbers, tensorInput } from '../helpers/values.js';
import { dataTypeFromCode } from '../../data/dtype.js';
import { InvalidInputError } from '../../data/errors.js';
import { checkedOutputShape } from '../helpers/output-shape.js';

const hzToMel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number) => 700 * (10 ** (mel / 2595) - 1);

// Triangular filters, [dft_length/2 + 1, num_mel_bins]: filter i rises from mel point i to
// i+1 and falls to i+2; the points are equally spaced in mel and snapped to DFT bins.
export const MelWeightMatrix = [
  defineOp('MelWeightMatrix', 17, (ctx) => {
    const code = ctx.attrs.int('output_datatype', 1);
    const type = dataTypeFromCode(code);
    if (!type || type === 'string' || type === 'bool' || type.startsWith('complex')) {
      throw ctx.attrs.error(`output_datatype ${code} is not a numeric type`, 'output_datatype');
    }
    return (inputs) => {
      const melBins = readScalar(tensorInput(inputs, 0, 'num_mel_bins'));
      const dftLength = readScalar(tensorInput(inputs, 1, 'dft_length'));
      const sampleRate = readScalar(tensorInput(inputs, 2, 'sample_rate'));
      const lowHz = readScalar(tensorInput(inputs, 3, 'lower_edge_hertz'));
      const highHz = readScalar(tensorInput(inputs, 4, 'upper_edge_hertz'));
      if (!(melBins > 0) || !(dftLength > 0) || !(sampleRate > 0)) {
        throw new InvalidInputError(`MelWeightMatrix: num_mel_bins, dft_length and sample_rate must be positive, got ${melBins}, ${dftLength}, ${sampleRate}`);
      }
      if (!(lowHz >= 0 && lowHz < highHz && highHz <= sampleRate / 2)) {
        throw new InvalidInputError(`MelWeightMatrix: need 0 <= lower_edge_hertz < upper_edge_hertz <= sample_rate/2, got ${lowHz} and ${highHz}`);
      }
      const specBins = Math.floor(dftLength / 2) + 1;
      checkedOutputShape([specBins, melBins], 'float64', 'MelWeightMatrix'); // computed in float64
      const lowMel = hzToMel(lowHz);
      // the step divides the range by num_mel_bins + 2 points, as the reference implementation does
      const melStep = (hzToMel(highHz) - lowMel) / (melBins + 2);
      const points = new Int32Array(melBins + 2);
      for (let i = 0; i < points.length; i++) {
        const hz = melToHz(i * melStep + lowMel);
        points[i] = Math.floor(((dftLength + 1) * hz) / sampleRate);
      }
      const out = new Float64Array(specBins * melBins);
      const set = (bin: number, mel: number, v: number) => {
        if (bin >= 0 && bin < specBins) out[bin * melBins + mel] = v;
      };
      for (let i = 0; i < melBins; i++) {
        const [lo, center, hi] = [points[i], points[i + 1], points[i + 2]];
        if (center === lo) set(center, i, 1);
        else for (let j = lo; j <= center; j++) set(j, i, (j - lo) / (center - lo));
        for (let j = center; j < hi; j++) set(j, i, (hi - j) / (hi - center));
      }
      return [tensorFromNumbers(type, out, [specBins, melBins])];
    };
  }),
];
