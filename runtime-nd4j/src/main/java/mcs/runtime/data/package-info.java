/**
 * Datasets: the IDX file format (gzipped or not), train/test splits held as normalised floats,
 * and finding the files (a user's path, {@code $MCS_DATA}, {@code ~/.cache/mcs}, the Debian
 * package location). Plain Java; uses no ND4J.
 */
package mcs.runtime.data;
