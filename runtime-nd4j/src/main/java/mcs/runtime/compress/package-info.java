/**
 * Model-level compression transforms built on the tensor algorithms of {@code cluster} and
 * {@code quant}: choosing which tensors of a model to transform, calibrating activations on data,
 * and recording what was done in the model's history. Uses {@code model}, {@code train} (for
 * calibration forward passes), {@code cluster} and {@code quant}.
 */
package mcs.runtime.compress;
