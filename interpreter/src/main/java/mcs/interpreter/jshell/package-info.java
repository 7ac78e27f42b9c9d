/**
 * {@code %java}: Java snippets run by JShell in the same JVM, with the session's values reachable
 * through {@link mcs.interpreter.jshell.Mcs}.
 */
package mcs.interpreter.jshell;
