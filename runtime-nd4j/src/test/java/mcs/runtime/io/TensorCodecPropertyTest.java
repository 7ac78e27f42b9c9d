package mcs.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mcs.runtime.cluster.CentroidInit;
import mcs.runtime.cluster.Clustering;
import mcs.runtime.cluster.Codebook;
import mcs.runtime.model.Clusters;
import mcs.runtime.model.Precision;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;
import mcs.runtime.quant.QuantSpec;
import mcs.runtime.quant.WeightQuantizer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Random tensors in every compression state read back bit for bit. */
class TensorCodecPropertyTest {

    @Property(tries = 200)
    void everyStateRoundTripsExactly(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 5) int state) {
        Random r = new Random(seed);
        Tensor t = randomState(r, state);
        byte[] block = TensorCodec.encode(t);
        Tensor back = TensorCodec.decode(block, 0, block.length, t.name(), t.role(), t.shape());
        assertThat(TensorCodec.sameState(t, back)).as("%s state %d: %s", t, state,
                describe(t)).isTrue();
    }

    /**
     * Damaged blocks (behind a valid checksum, as a hostile file would have them) decode to
     * some tensor of the right shape or fail with InvalidInputException, nothing else.
     */
    @Property(tries = 200)
    void damagedBlocksFailCleanly(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 5) int state) {
        Random r = new Random(seed);
        Tensor t = randomState(r, state);
        byte[] block = TensorCodec.encode(t);
        for (int i = 0; i < 20; i++) {
            byte[] bad = block.clone();
            int len = r.nextInt(4) == 0 ? r.nextInt(bad.length + 1) : bad.length;
            for (int f = 0; f <= r.nextInt(3); f++) {
                bad[r.nextInt(bad.length)] ^= (byte) (1 + r.nextInt(255));
            }
            try {
                Tensor back = TensorCodec.decode(bad, 0, len, t.name(), t.role(), t.shape());
                assertThat(back.shape()).isEqualTo(t.shape());
            } catch (mcs.runtime.InvalidInputException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    /** A random tensor: 0 plain, 1 fp16/bf16, 2 quantised, 3-5 clustered (plain/quant/fp16). */
    static Tensor randomState(Random r, int state) {
        int rank = 1 + r.nextInt(4);
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = 1 + r.nextInt(rank == 1 ? 300 : 9);
        }
        int n = (int) TensorCodec.count(shape);
        float[] v = new float[n];
        double zeros = r.nextDouble() < 0.3 ? r.nextDouble() : 0;
        double scale = Math.pow(10, r.nextInt(7) - 4);
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble() < zeros ? (r.nextBoolean() ? 0f : -0f)
                    : (float) (scale * r.nextGaussian());
        }
        Tensor t = Tensor.of("t.kernel", TensorRole.KERNEL, shape, v);
        if (r.nextBoolean()) {
            boolean[] mask = new boolean[n];
            double keep = r.nextDouble();
            for (int i = 0; i < n; i++) {
                mask[i] = r.nextDouble() < keep;
            }
            t = t.withMask(mask);
        }
        int axis = r.nextBoolean() ? QuantSpec.PER_TENSOR : r.nextInt(rank);
        if (state == 1) {
            return t.withPrecision(r.nextBoolean() ? Precision.FP16 : Precision.BF16);
        }
        if (state == 2) {
            return t.withQuant(randomSpec(r, t, axis));
        }
        if (state >= 3) {
            t = t.withClusters(randomClusters(r, t, axis));
            if (state == 4) {
                return t.withQuant(t.refitCentroids(randomSpec(r, t, axis)));
            }
            if (state == 5) {
                return t.withPrecision(r.nextBoolean() ? Precision.FP16 : Precision.BF16);
            }
        }
        return t;
    }

    private static QuantSpec randomSpec(Random r, Tensor t, int axis) {
        int bits = r.nextBoolean() ? 8 : 4;
        boolean signed = r.nextBoolean();
        boolean symmetric = r.nextBoolean();
        return axis < 0 ? WeightQuantizer.perTensor(t.values(), bits, signed, symmetric)
                : WeightQuantizer.perChannel(t.values(), t.shape(), axis, bits, signed,
                        symmetric);
    }

    private static Clusters randomClusters(Random r, Tensor t, int axis) {
        int k = 2 + r.nextInt(r.nextBoolean() ? 15 : 300);
        boolean keepZeros = r.nextBoolean();
        CentroidInit init = CentroidInit.values()[r.nextInt(CentroidInit.values().length)];
        if (axis < 0) {
            return new Clusters(axis, List.of(Clustering.cluster(t.values(), k, init, keepZeros,
                    r.nextLong())));
        }
        Codebook[] books = Clustering.clusterPerChannel(t.values(), t.shape(), axis, k, init,
                keepZeros, r.nextLong());
        return new Clusters(axis, new ArrayList<>(List.of(books)));
    }

    private static String describe(Tensor t) {
        return "mask=" + t.hasMask() + " clusters=" + t.clusters() + " quant=" + t.quant()
                + " precision=" + t.precision();
    }
}
