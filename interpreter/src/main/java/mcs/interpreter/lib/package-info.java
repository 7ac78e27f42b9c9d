/**
 * The standard builtins of mcs, declared once each with their spec and body and collected by
 * {@link mcs.interpreter.lib.StandardLibrary}: data, models, layers, training, pruning,
 * metrics and the rest. Bodies translate checked arguments into calls of the runtime
 * ({@code mcs.runtime}); they never print except through their call context.
 */
package mcs.interpreter.lib;
