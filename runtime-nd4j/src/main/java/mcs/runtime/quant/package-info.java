/**
 * Quantisation arithmetic over plain {@code float[]} tensors, following ONNX QuantizeLinear /
 * DequantizeLinear, ONNX Runtime's scale and zero-point rules and TFLite's int8 scheme:
 * {@link mcs.runtime.quant.QuantSpec} (int8/uint8/int4/uint4, symmetric or asymmetric, per
 * tensor or per channel), {@link mcs.runtime.quant.Quantizer} (quantise, dequantise, int32
 * bias), {@link mcs.runtime.quant.WeightQuantizer} (specs for weights),
 * {@link mcs.runtime.quant.Observer}s that calibrate activation ranges (min-max, percentile,
 * MSE, entropy), {@link mcs.runtime.quant.FakeQuant} with the straight-through estimator for
 * quantisation-aware training, and the {@link mcs.runtime.quant.Float16} and
 * {@link mcs.runtime.quant.BFloat16} conversions.
 *
 * <p>A pure numeric library: it uses only the JDK and
 * {@link mcs.runtime.InvalidInputException} for a user's bad settings or data; it knows nothing
 * of models, ND4J or the language.
 */
package mcs.runtime.quant;
