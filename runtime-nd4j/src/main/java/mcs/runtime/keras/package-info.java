/**
 * Keras import: a full model in {@code .h5}, or a JSON configuration with a weights file, read
 * in pure Java (jhdf for HDF5, Gson for JSON) and turned into an mcs {@link
 * mcs.runtime.model.Model}. Keras is channels-last; mcs is channels-first, so kernels are
 * transposed and a Dense layer after a Flatten of an image gets its rows reordered so that the
 * outputs are the same. Uses only {@code mcs.runtime.model} and the runtime's error type.
 */
package mcs.runtime.keras;
