package mcs.runtime.cluster;

/** Assigns each weight to its nearest centroid and packs the indices into a {@link Codebook}. */
final class Encoder {

    private Encoder() {
    }

    /**
     * Encodes {@code weights} with {@code centroids} (ascending). With {@code reserveZero}, a
     * centroid 0 is inserted in order, exact zeros take it and no other weight does.
     */
    static Codebook encode(float[] weights, float[] centroids, boolean reserveZero) {
        int q = centroids.length;
        int zeroIndex = -1;
        float[] all = centroids;
        if (reserveZero) {
            zeroIndex = 0;
            while (zeroIndex < q && centroids[zeroIndex] < 0f) {
                zeroIndex++;
            }
            all = new float[q + 1];
            System.arraycopy(centroids, 0, all, 0, zeroIndex);
            System.arraycopy(centroids, zeroIndex, all, zeroIndex + 1, q - zeroIndex);
        }
        Locator at = new Locator(centroids);
        int n = weights.length;
        if (all.length <= 256) {
            byte[] idx = new byte[n];
            for (int i = 0; i < n; i++) {
                idx[i] = (byte) indexOf(weights[i], at, reserveZero, zeroIndex);
            }
            return new Codebook(all, idx, null, zeroIndex);
        }
        char[] idx = new char[n];
        for (int i = 0; i < n; i++) {
            idx[i] = (char) indexOf(weights[i], at, reserveZero, zeroIndex);
        }
        return new Codebook(all, null, idx, zeroIndex);
    }

    private static int indexOf(float x, Locator at, boolean reserveZero, int zeroIndex) {
        if (reserveZero && x == 0f) {
            return zeroIndex;
        }
        int j = at.nearest(x);
        return reserveZero && j >= zeroIndex ? j + 1 : j;
    }

    /**
     * Finds the nearest centroid fast: a table over a uniform grid between the smallest and the
     * largest centroid gives a guess, and a short walk across the midpoints corrects it, so the
     * answer is exact and the common case is one lookup with predictable branches (about 4x
     * faster than a binary search on 25 M weights).
     */
    private static final class Locator {
        private final double[] mids;
        private final int cells;
        private final int[] guess;
        private final double low;
        private final double cellsPerUnit;

        Locator(float[] centroids) {
            int q = centroids.length;
            mids = new double[Math.max(q - 1, 0)];
            for (int j = 0; j < mids.length; j++) {
                mids[j] = 0.5 * ((double) centroids[j] + centroids[j + 1]);
            }
            cells = Math.min(1 << 18, Math.max(1 << 12, 4 * q));
            guess = new int[cells];
            low = q == 0 ? 0 : centroids[0];
            double span = q == 0 ? 0 : (double) centroids[q - 1] - low;
            cellsPerUnit = span > 0 ? cells / span : 0;
            for (int g = 0; g < cells && span > 0; g++) {
                guess[g] = Encoder.nearest(low + (g + 0.5) / cellsPerUnit, mids);
            }
        }

        int nearest(double x) {
            int g = (int) ((x - low) * cellsPerUnit);
            int j = guess[Math.max(0, Math.min(cells - 1, g))];
            while (j > 0 && x <= mids[j - 1]) {
                j--;
            }
            while (j < mids.length && x > mids[j]) {
                j++;
            }
            return j;
        }
    }

    /** The first cluster j with {@code x <= mids[j]} (nearest centroid, ties to the lower). */
    static int nearest(double x, double[] mids) {
        int lo = 0, hi = mids.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x <= mids[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
