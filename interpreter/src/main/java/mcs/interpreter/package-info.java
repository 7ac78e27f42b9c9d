/**
 * Runs mcs programs. {@link mcs.interpreter.Session} is the public facade the REPL, script
 * runner and notebook kernel use: it parses a text, runs its statements against the session's
 * variables, prints through an {@link mcs.interpreter.Output} and reports a
 * {@link mcs.interpreter.Result} with diagnostics and an exit code. Evaluation itself
 * (statements, expressions, calls, pipelines, recipes, members) is package-private. Uses the
 * grammar's AST, the value, builtin and lib packages, and the runtime's cancellation.
 */
package mcs.interpreter;
