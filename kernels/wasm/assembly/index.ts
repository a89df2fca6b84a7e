// The module's exports: every kernel the JavaScript side calls. Memory is imported (the
// JavaScript side owns allocation, see kernels/wasm/wasm-heap.ts); nothing here allocates.
export { gemm_pack_a, gemm_pack_b, gemm_packed_a_size, gemm_packed_b_size } from './gemm-pack';
export { gemm_set_epilogue, gemm_packed, gemm_packed_range } from './gemm';
export { im2col_pack_b } from './im2col';
export { dwconv_3x3, dwconv_3x3_range, dwconv_3x3_scratch_size } from './depthwise';
export { maxpool_2d, avgpool_2d, global_avgpool } from './pool';
export { binary_f32, binary_channel_f32, unary_f32 } from './elementwise';
export { softmax_rows, layer_norm_rows } from './normalization';
export {
  i8_gemm_pack_a, i8_gemm_pack_b, i8_gemm_packed_a_size, i8_gemm_packed_b_size, i8_gemm_packed, i8_gemm_packed_range,
  f32_min_max,
} from './int8-gemm';
export { quantize_8, dequantize_8 } from './quantize';
export { i8_im2col_pack_b, i8_im2col_scratch_size } from './int8-im2col';
export { i8_depthwise, i8_depthwise_scratch_size } from './int8-depthwise';
export { i8_requantize, i8_requantize_cols, i32_scale_bias_cols } from './int8-requantize';
export {
  nbits_packed_weights_size, nbits_packed_params_size, nbits_gemm_scratch_size, nbits_pack_weights, nbits_pack_params, nbits_gemv,
  nbits_gemm_range,
} from './nbits-gemm';

/** First byte past the module's static data: the JavaScript heap starts here. */
export function heap_base(): usize {
  return __heap_base;
}
