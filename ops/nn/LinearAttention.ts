import type { Tensor } from '../../data/tensor.js';
import { InvalidInputError } from '../../data/errors.js';
import { defineOp } from '../define.js';
import { type FloatArray, allocFloat, floatData } from '../helpers/float-data.js';
import { fromCompute, optionalTensorInput, tensorInput } from '../helpers/values.js';

const RULES = ['linear', 'gated', 'delta', 'gated_delta'] as const;

function rank3(t: Tensor, what: string, batch?: number, seq?: number): void {
  if (t.dims.length !== 3 || (batch !== undefined && (t.dims[0] !== batch || t.dims[1] !== seq))) {
    throw new InvalidInputError(`${what} must have shape [${batch ?? 'B'}, ${seq ?? 'T'}, ...], got [${t.dims}]`);
  }
}

/**
 * Linear attention as a recurrence over a per-KV-head state S (d_k x d_v), token by token:
 *   gated rules:  S <- exp(g_t) * S             (g_t per head, or per key dimension)
 *   delta rules:  v_t <- beta_t * (v_t - S^T k_t)
 *   always:       S <- S + k_t (x) v_t,   o_t = scale * q_t^T S   for each query head of the group
 * with q_num_heads / kv_num_heads query heads sharing each KV head's state. Inputs are packed
 * [B, T, heads * d]; the state is [B, kv_heads, d_k, d_v].
 */
export const LinearAttention = [
  defineOp('LinearAttention', 27, (ctx) => {
    const { attrs } = ctx;
    const qHeads = attrs.required('q_num_heads', attrs.int('q_num_heads'));
    const kvHeads = attrs.required('kv_num_heads', attrs.int('kv_num_heads'));
    if (qHeads <= 0 || kvHeads <= 0 || qHeads % kvHeads !== 0) {
      throw attrs.error(`q_num_heads (${qHeads}) must be a positive multiple of kv_num_heads (${kvHeads})`);
    }
    const rule = attrs.string('update_rule', 'gated_delta');
    if (!(RULES as readonly string[]).includes(rule)) {
      throw attrs.error(`update_rule must be one of ${RULES.join(', ')}, got '${rule}'`, 'update_rule');
    }
    const gating = rule === 'gated' || rule === 'gated_delta';
    const delta = rule === 'delta' || rule === 'gated_delta';
    const scaleAttr = attrs.float('scale', 0);
    return (inputs) => {
      const qT = tensorInput(inputs, 0, 'query');
      const kT = tensorInput(inputs, 1, 'key');
      const vT = tensorInput(inputs, 2, 'value');
      rank3(qT, 'query');
      const [batch, seq] = qT.dims;
      rank3(kT, 'key', batch, seq);
      rank3(vT, 'value', batch, seq);
      if (qT.dims[2] % qHeads !== 0 || kT.dims[2] % kvHeads !== 0 || vT.dims[2] % kvHeads !== 0) {
        throw new InvalidInputError(`query/key/value widths [${qT.dims[2]}, ${kT.dims[2]}, ${vT.dims[2]}] are not divisible by their head counts`);
      }
      const dk = qT.dims[2] / qHeads;
      const dv = vT.dims[2] / kvHeads;
      if (kT.dims[2] !== kvHeads * dk) throw new InvalidInputError(`key must have ${kvHeads * dk} features (kv_num_heads * d_k), got ${kT.dims[2]}`);
      const pastT = optionalTensorInput(inputs, 3);
      const decayT = optionalTensorInput(inputs, 4);
      const betaT = optionalTensorInput(inputs, 5);
      if (gating !== !!decayT) throw new InvalidInputError(`update_rule '${rule}' ${gating ? 'requires' : 'does not take'} the decay input`);
      if (delta !== !!betaT) throw new InvalidInputError(`update_rule '${rule}' ${delta ? 'requires' : 'does not take'} the beta input`);
      if (pastT && (pastT.dims.length !== 4 || pastT.dims.some((d, i) => d !== [batch, kvHeads, dk, dv][i]))) {
        throw new InvalidInputError(`past_state must have shape [${batch}, ${kvHeads}, ${dk}, ${dv}], got [${pastT.dims}]`);
      }
      let decayWidth = 0;
      if (decayT) {
        rank3(decayT, 'decay', batch, seq);
        decayWidth = decayT.dims[2];
        if (decayWidth !== kvHeads && decayWidth !== kvHeads * dk) {
          throw new InvalidInputError(`decay's last dimension must be kv_num_heads (${kvHeads}) or kv_num_heads * d_k (${kvHeads * dk}), got ${decayWidth}`);
        }
      }
      let betaWidth = 0;
      if (betaT) {
        rank3(betaT, 'beta', batch, seq);
        betaWidth = betaT.dims[2];
        if (betaWidth !== kvHeads && betaWidth !== 1) {
          throw new InvalidInputError(`beta's last dimension must be kv_num_heads (${kvHeads}) or 1, got ${betaWidth}`);
        }
      }
      const q = floatData(qT, 'query'), k = floatData(kT, 'key'), v = floatData(vT, 'value');
      const decay: FloatArray | undefined = decayT && floatData(decayT, 'decay');
      const beta: FloatArray | undefined = betaT && floatData(betaT, 'beta');
      const past: FloatArray | undefined = pastT && floatData(pastT, 'past_state');
      const scale = scaleAttr !== 0 ? scaleAttr : 1 / Math.sqrt(dk);
      const group = qHeads / kvHeads;
      const stateType = pastT ? pastT.type : qT.type;
      const out = allocFloat(qT.type, batch * seq * qHeads * dv);
      const present = allocFloat(stateType, batch * kvHeads * dk * dv);
      const s = new Float64Array(dk * dv);
      const vt = new Float64Array(dv);
      for (let b = 0; b < batch; b++) {
        for (let h = 0; h < kvHeads; h++) {
          const stateOff = (b * kvHeads + h) * dk * dv;
          if (past) s.set(past.subarray(stateOff, stateOff + dk * dv));
          else s.fill(0);
          for (let t = 0; t < seq; t++) {
            const bt = b * seq + t;
            const kOff = (bt * kvHeads + h) * dk;
            const vOff = (bt * kvHeads + h) * dv;
            if (decay) {
              for (let d = 0; d < dk; d++) {
                const g = Math.exp(decayWidth === kvHeads ? decay[bt * kvHeads + h] : decay[(bt * kvHeads + h) * dk + d]);
                for (let m = 0; m < dv; m++) s[d * dv + m] *= g;
              }
            }
            for (let m = 0; m < dv; m++) vt[m] = v[vOff + m];
            if (beta) {
              const bv = beta[bt * betaWidth + (betaWidth === 1 ? 0 : h)];
              for (let m = 0; m < dv; m++) {
                let retrieved = 0;
                for (let d = 0; d < dk; d++) retrieved += s[d * dv + m] * k[kOff + d];
                vt[m] = bv * (vt[m] - retrieved);
              }
            }
            for (let d = 0; d < dk; d++) {
              const kd = k[kOff + d];
              for (let m = 0; m < dv; m++) s[d * dv + m] += kd * vt[m];
            }
            for (let qh = h * group; qh < (h + 1) * group; qh++) {
              const qOff = (bt * qHeads + qh) * dk;
              const oOff = (bt * qHeads + qh) * dv;
              for (let m = 0; m < dv; m++) {
                let acc = 0;
                for (let d = 0; d < dk; d++) acc += q[qOff + d] * s[d * dv + m];
                out[oOff + m] = scale * acc;
              }
            }
          }
          for (let i = 0; i < dk * dv; i++) present[stateOff + i] = s[i];
        }
      }
      return [
        fromCompute(qT.type, out, [batch, seq, qHeads * dv]),
        fromCompute(stateType, present, [batch, kvHeads, dk, dv]),
      ];
    };
  }),
];
