package mcs.runtime.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import mcs.runtime.InvalidInputException;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    /** tfmot PolynomialDecay, written out independently of the implementation. */
    private static double tfmot(double s0, double s1, long begin, long end, double power, long step) {
        double p = Math.min(1.0, Math.max(0.0, (double) (step - begin) / (end - begin)));
        return s1 + (s0 - s1) * Math.pow(1 - p, power);
    }

    @Test
    void polynomialDecayMatchesTfmotFormula() {
        PolynomialDecay s = new PolynomialDecay(0.0, 0.8, 0, 1000, 3, 100);
        assertThat(s.sparsityAt(0, 5000)).isEqualTo(0.0);
        assertThat(s.sparsityAt(500, 5000)).isCloseTo(0.7, within(1e-12));
        assertThat(s.sparsityAt(1000, 5000)).isCloseTo(0.8, within(1e-12));
        assertThat(s.sparsityAt(4000, 5000)).isCloseTo(0.8, within(1e-12));
        for (long step : new long[] {100, 250, 333, 900}) {
            assertThat(s.sparsityAt(step, 5000))
                    .isCloseTo(tfmot(0.0, 0.8, 0, 1000, 3, step), within(1e-12));
        }
        PolynomialDecay shifted = new PolynomialDecay(0.2, 0.9, 200, 1200, 2, 50);
        assertThat(shifted.sparsityAt(100, 9999)).isCloseTo(0.2, within(1e-12));
        assertThat(shifted.sparsityAt(700, 9999))
                .isCloseTo(tfmot(0.2, 0.9, 200, 1200, 2, 700), within(1e-12))
                .isCloseTo(0.9 - 0.7 * 0.25, within(1e-12));
    }

    @Test
    void polynomialDecayEndDefaultsToLastStepAndUpdatesThere() {
        PolynomialDecay s = new PolynomialDecay(0.0, 0.8, 0, -1, 3, 100);
        assertThat(s.sparsityAt(467, 935)).isCloseTo(tfmot(0, 0.8, 0, 935, 3, 467), within(1e-12));
        assertThat(s.updatesAt(0, 935)).isTrue();
        assertThat(s.updatesAt(900, 935)).isTrue();
        assertThat(s.updatesAt(901, 935)).isFalse();
        assertThat(s.updatesAt(935, 935)).isTrue();
        assertThat(s.sparsityAt(935, 935)).isEqualTo(0.8);
    }

    @Test
    void constantSparsityPrunesEveryFrequencyStepsInItsWindow() {
        ConstantSparsity s = new ConstantSparsity(0.5, 100, 400, 100);
        assertThat(s.updatesAt(0, 1000)).isFalse();
        assertThat(s.updatesAt(100, 1000)).isTrue();
        assertThat(s.updatesAt(150, 1000)).isFalse();
        assertThat(s.updatesAt(400, 1000)).isTrue();
        assertThat(s.updatesAt(500, 1000)).isFalse();
        assertThat(s.sparsityAt(123, 1000)).isEqualTo(0.5);
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new ConstantSparsity(1.5, 0, -1, 100))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new PolynomialDecay(0, 0.5, 10, 5, 3, 100))
                .hasMessageContaining("end");
        assertThatThrownBy(() -> new PolynomialDecay(0.6, 0.5, 0, -1, 3, 100))
                .hasMessageContaining("initial");
        assertThatThrownBy(() -> new ConstantSparsity(0.5, 0, -1, 0))
                .hasMessageContaining("frequency");
    }
}
