/**
 * {@code mcs bench}: a plain benchmark harness (no timed tests) over the runtime's training,
 * inference, compression and start-up, optionally beside the same workloads in PyTorch. May use
 * the runtime only.
 */
package mcs.bench;
