/**
 * How builtin functions are declared and called. Each builtin is declared once as a
 * {@link mcs.interpreter.builtin.BuiltinSpec} (name, one-line doc, typed
 * {@link mcs.interpreter.builtin.Param}s with defaults, allowed symbols and ranges, result type)
 * with a body; that one declaration drives argument binding and its error messages
 * ({@link mcs.interpreter.builtin.Binder}), {@code help}
 * ({@link mcs.interpreter.builtin.HelpText}),
 * and, through the public {@link mcs.interpreter.builtin.Builtins} registry, REPL completion and
 * a notebook kernel's inspect. Uses the value package, the grammar's spans and the runtime's
 * progress and cancellation types.
 */
package mcs.interpreter.builtin;
