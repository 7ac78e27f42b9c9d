/**
 * The mcs runtime: models, datasets, training and compression on ND4J. A plain Java library
 * with no knowledge of the mcs language, usable from JShell or any Java program.
 * {@link mcs.runtime.InvalidInputException} is the one exception type for a user's mistake.
 */
package mcs.runtime;
