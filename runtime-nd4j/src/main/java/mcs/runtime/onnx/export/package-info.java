/**
 * Export of mcs models to ONNX ({@link mcs.runtime.onnx.export.OnnxExport}): float32, or int8
 * in the QDQ format that ONNX Runtime runs. The ONNX protobuf is written field by field with
 * protobuf-java's {@code CodedOutputStream} (no generated classes).
 *
 * <p>Uses the model and quantisation packages of the runtime and protobuf-java; knows nothing
 * of the language, and nothing of ONNX import.
 */
package mcs.runtime.onnx.export;
