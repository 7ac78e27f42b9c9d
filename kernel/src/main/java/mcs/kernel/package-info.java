/**
 * A Jupyter kernel for mcs: the messaging protocol v5.3 over ZeroMQ (JeroMQ), with its five
 * channels (shell, control, stdin, iopub, heartbeat), HMAC-SHA256 signatures checked on every
 * message, and the requests a notebook makes: execute (with rich output: tables as HTML, plots
 * as PNG, training progress as an updating display), complete, inspect, is_complete, history,
 * comm_info, interrupt and shutdown. {@link mcs.kernel.KernelMain} runs it from a connection
 * file; {@link mcs.kernel.KernelInstaller} writes its kernelspec; {@link mcs.kernel.KernelCommand}
 * is what {@code mcs kernel ...} calls. Uses the interpreter's {@code Session} and builtin
 * registry, the grammar (for is_complete), JeroMQ, Gson and SLF4J; never writes to stdout.
 */
package mcs.kernel;
