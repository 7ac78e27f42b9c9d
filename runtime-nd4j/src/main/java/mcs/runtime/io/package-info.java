/**
 * mcs's compressed model file, {@code .mcz} ({@link mcs.runtime.io.McsFile}): a checksummed
 * container with a JSON header for the layer graph and every tensor in the smallest exact
 * encoding of its compression state, entropy-coded by a small adaptive binary range coder.
 * Uses the model classes, the quantisation and clustering value types, Gson for the header and
 * the JDK; nothing here executes what a file says beyond building the model's own records.
 */
package mcs.runtime.io;
