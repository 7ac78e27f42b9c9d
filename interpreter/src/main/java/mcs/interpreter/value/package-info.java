/**
 * The values of mcs programs: a sealed {@link mcs.interpreter.value.Value} and its immutable
 * kinds (numbers, strings, symbols, lists, models, datasets and splits, layers, recipes, tables,
 * builtin functions, and nothing). Each value shows itself in one line (a table in several).
 * Uses the runtime's model and data types and nothing else of mcs.
 */
package mcs.interpreter.value;
