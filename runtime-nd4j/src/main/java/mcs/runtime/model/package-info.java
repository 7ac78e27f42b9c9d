/**
 * Models as immutable values: layer specifications, shape inference, named parameter tensors
 * with their compression state (pruning masks), and the reference architectures. Uses no ND4J.
 */
package mcs.runtime.model;
