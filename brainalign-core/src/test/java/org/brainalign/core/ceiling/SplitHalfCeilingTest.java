package org.brainalign.core.ceiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.brainalign.core.metric.VectorMetrics;
import org.brainalign.core.random.NumpyRandomState;
import org.junit.jupiter.api.Test;

class SplitHalfCeilingTest {

    /**
     * Subjects see item value t_i plus independent noise of s.d. σ. The split-half correlation of two
     * half-means is 1 / (1 + 2σ²/S), and Spearman–Brown turns it into the reliability of the mean of
     * all S subjects, 1 / (1 + σ²/S).
     */
    @Test
    void spearmanBrownRecoversTheReliabilityOfTheMean() {
        int subjects = 40;
        int items = 2000;
        double sigma = 3;
        NumpyRandomState rng = new NumpyRandomState(7);
        double[] truth = rng.randn(items);
        double[][] data = new double[subjects][items];
        for (int s = 0; s < subjects; s++) {
            for (int i = 0; i < items; i++) {
                data[s][i] = (s + i) % 13 == 0 ? Double.NaN : truth[i] + sigma * rng.standardNormal();
            }
        }
        Ceiling c = SplitHalfCeiling.bsl().compute(data);
        double expected = 1 / (1 + sigma * sigma / (subjects * 12.0 / 13));
        assertThat(c.value()).isCloseTo(expected, within(0.02));
        assertThat(c.lower()).isLessThanOrEqualTo(c.value());
        assertThat(c.upper()).isGreaterThanOrEqualTo(c.value());
        assertThat(c.source()).contains("Spearman-Brown");
    }

    @Test
    void vectorMetricsFollowBsl() {
        var r = VectorMetrics.pearsonrAbs(new double[] {1, 2, 3, Double.NaN}, new double[] {3, 2, 1, 5});
        assertThat(r.value()).isCloseTo(1.0, within(1e-12));
        assertThat(r.note()).contains("signed r -1").contains("1 non-finite dropped");
        var acc = VectorMetrics.accuracy(List.of("a", "b", "c", "d"), List.of("a", "x", "c", "y"));
        assertThat(acc.value()).isEqualTo(0.5);
    }
}
