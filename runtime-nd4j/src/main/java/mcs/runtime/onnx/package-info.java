/**
 * ONNX import: the protobuf read field by field (no generated code), constant folding, each node
 * turned into layers of mcs.runtime.model, and the graph laid out as a sequence with branches.
 * Uses mcs.runtime.model and protobuf-java only.
 */
package mcs.runtime.onnx;
