package org.brainalign.core.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The counting median scan of the bootstrap agrees with materialising each resample. */
class BootstrapTwinTest {
    @Test
    void fastResampleAggregateEqualsThePlainOne() {
        Random r = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int splits = 1 + r.nextInt(5);
            int neuroids = 2 + r.nextInt(40);
            double[][] m = new double[splits][neuroids];
            for (double[] row : m) {
                for (int j = 0; j < neuroids; j++) {
                    row[j] = r.nextInt(10) == 0 ? Double.NaN : Math.round(r.nextGaussian() * 4) / 4.0;
                }
            }
            int[] idx = new int[neuroids];
            int[] counts = new int[neuroids];
            for (int i = 0; i < neuroids; i++) {
                idx[i] = r.nextInt(neuroids);
                counts[idx[i]]++;
            }
            double plain = Bootstrap.resampleAggregatePlain(m, idx);
            double fast = Bootstrap.resampleAggregate(m, counts);
            if (Double.isNaN(plain)) {
                assertThat(fast).isNaN();
            } else {
                assertThat(fast).isCloseTo(plain, within(1e-12));
            }
        }
    }
}
