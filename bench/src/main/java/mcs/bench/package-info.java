/**
 * {@code mcs bench}: a plain benchmark harness (no timed tests) over the runtime's training,
 * inference, compression and start-up, optionally beside the same workloads in PyTorch, and over
 * the interpreter's sweep engine. May use the runtime and the interpreter.
 */
package mcs.bench;
