package org.brainalign.core.topography;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Moran's I, the Gaussian smoother and region growing on hand-computable maps. */
class TopographyTest {

    @Test
    void moransIOfAColumnGradientOnThreeByThreeIsSixteenFortyFifths() {
        // z = −1, 0, 1 by column. Left column: corners see (−1, 0, 0) → mean −1/3, the edge cell sees
        // (−1, −1, 0, 0, 0) → −2/5; so Σ z·mean = 2·(1/3 + 2/5 + 1/3) = 32/15 over Σ z² = 6.
        double[][] map = {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}};
        assertThat(MoransI.queen(map)).isCloseTo(16.0 / 45, within(1e-15));
    }

    @Test
    void moransIOfACheckerboardAndOfStripes() {
        // Rook-alternating stripes on 2 × 2: every cell's 3 queen neighbours hold (−z, z, −z) → mean −z/3 → I = −1/3.
        assertThat(MoransI.queen(new double[][] {{1, -1}, {1, -1}})).isCloseTo(-1.0 / 3, within(1e-15));
        // A constant map has no variance.
        assertThat(MoransI.queen(new double[][] {{2, 2}, {2, 2}})).isNaN();
        // Leaving out a NaN cell: the 1 × 3 map (1, NaN, 3) has no links left.
        assertThat(MoransI.queen(new double[][] {{1, Double.NaN, 3}})).isNaN();
    }

    @Test
    void smoothingAUnitImpulseGivesTheUnnormalisedGaussian() {
        int side = 7;
        double fwhm = 2;
        double sigma = fwhm / Math.sqrt(8 * Math.log(2));
        double[][] impulse = new double[side][side];
        impulse[3][3] = 1;
        double[][] out = new GaussianSmoothing(side, fwhm).apply(impulse);
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                double d2 = (r - 3) * (r - 3) + (c - 3) * (c - 3);
                assertThat(out[r][c]).isCloseTo(Math.exp(-d2 / (2 * sigma * sigma)) / (2 * Math.PI * sigma * sigma), within(1e-15));
            }
        }
        // at FWHM/2 from the centre the kernel is half its peak
        double[][] line = new GaussianSmoothing(5, 2).apply(new double[][] {{0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, {0, 0, 1, 0, 0},
            {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}});
        assertThat(line[2][3] / line[2][2]).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void regionGrowingFollowsTheHighestNeighbourAndDropsSmallClusters() {
        double[][] t = {
            {5.0, 4.0, -1.0, 0.5},
            {3.0, -2.0, -1.0, 2.0},
            {Double.NaN, -1.0, 0.2, 1.5},
        };
        List<Clusters.Cluster> all = Clusters.grow(t, 1, 0, 1);
        // seed 5.0 → 4.0 → 3.0 (NaN and negatives never join); next seed 2.0 → 1.5 → 0.5 → 0.2
        assertThat(all).hasSize(2);
        assertThat(all.get(0).cells()).containsExactly(0, 1, 4);
        assertThat(all.get(0).meanValue()).isCloseTo(4.0, within(1e-15));
        assertThat(all.get(1).cells()).containsExactly(7, 11, 3, 10);
        assertThat(Clusters.grow(t, 1, 0, 4)).hasSize(1).first().satisfies(c -> assertThat(c.size()).isEqualTo(4));
        assertThat(Clusters.grow(t, 6, 0, 1)).isEmpty();
        assertThat(Clusters.labels(all, 12)).containsExactly(1, 1, 0, 2, 1, 0, 0, 2, 0, 0, 2, 2);
    }
}
