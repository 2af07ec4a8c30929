package org.brainalign.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The TopoLM spatial loss against a plain loop over its definition (Pearson correlations of unit
 * activations, then their Pearson correlation with 1 / (1 + distance) over unit pairs), and the
 * neighbourhood sampler against the Chebyshev-window definition.
 */
class SpatialLossTest {

    @Test
    void layerLossMatchesTheDefinitionComputedPairByPair() {
        int side = 6;
        int units = side * side;
        UnitGrid grid = UnitGrid.random(units, 42);
        SpatialLoss loss = new SpatialLoss(List.of(grid), 3, 4, 1.0);
        SplittableRandom rng = new SplittableRandom(7);
        int rows = 50;
        double[] x = new double[rows * units];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian() + 0.3 * Math.sin(i % units); // some shared structure across rows
        }
        int[][] hoods = loss.sample(0, new SplittableRandom(3));
        double expected = 0;
        for (int[] hood : hoods) {
            expected += localLoss(x, rows, units, hood, grid);
        }
        expected /= hoods.length;
        try (NDManager m = NDManager.newBaseManager(); NDManager scope = m.newSubManager()) {
            double actual = loss.layerLoss(scope, scope.create(x, new Shape(rows, units)), hoods).getDouble();
            assertThat(actual).as("equal up to the 1e-12 guards in the denominators").isCloseTo(expected, within(1e-9));
            double viaTotal = loss.loss(scope, List.of(scope.create(x, new Shape(2, rows / 2, units))), List.<int[][]>of(hoods)).getDouble();
            assertThat(viaTotal).isCloseTo(expected, within(1e-9));
        }
        assertThat(expected).isBetween(0.0, 1.0);
    }

    /** ½(1 − r) for one neighbourhood, straight from the definition, with positions read from the grid. */
    private static double localLoss(double[] x, int rows, int units, int[] hood, UnitGrid grid) {
        int k = hood.length;
        double[][] corr = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double[] u = column(x, rows, units, hood[a]);
                double[] v = column(x, rows, units, hood[b]);
                corr[a][b] = pearson(u, v);
            }
        }
        int[] cells = grid.cellOfUnit();
        int side = grid.side();
        double[] c = new double[k * (k - 1) / 2];
        double[] d = new double[c.length];
        int n = 0;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < a; b++) {
                double dr = cells[hood[a]] / side - cells[hood[b]] / side;
                double dc = cells[hood[a]] % side - cells[hood[b]] % side;
                c[n] = corr[a][b];
                d[n] = 1 / (1 + Math.sqrt(dr * dr + dc * dc));
                n++;
            }
        }
        return 0.5 * (1 - pearson(c, d));
    }

    private static double[] column(double[] x, int rows, int units, int u) {
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = x[r * units + u];
        }
        return out;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    @Test
    void neighbourhoodsAreFullChebyshevWindowsAwayFromTheEdge() {
        int side = 16;
        UnitGrid grid = UnitGrid.random(side * side, 1);
        SpatialLoss loss = new SpatialLoss(List.of(grid), 5, 50, 2.5);
        assertThat(loss.neighbourhoodSize()).isEqualTo(81);
        assertThat(loss.centres()).isEqualTo(64);
        int[] cells = grid.cellOfUnit();
        for (int[] hood : loss.sample(0, new SplittableRandom(11))) {
            assertThat(Arrays.stream(hood).distinct().count()).isEqualTo(81);
            int minR = Arrays.stream(hood).map(u -> cells[u] / side).min().orElseThrow();
            int minC = Arrays.stream(hood).map(u -> cells[u] % side).min().orElseThrow();
            int centreR = minR + 4;
            int centreC = minC + 4;
            assertThat(centreR).isBetween(4, side - 5);
            assertThat(centreC).isBetween(4, side - 5);
            for (int i = 0; i < 81; i++) {
                // window order: row-major offsets from the top-left cell; all within Chebyshev distance < 5 of the centre
                assertThat(cells[hood[i]]).isEqualTo((minR + i / 9) * side + minC + i % 9);
                assertThat(Math.max(Math.abs(cells[hood[i]] / side - centreR), Math.abs(cells[hood[i]] % side - centreC)))
                        .isLessThan(5);
            }
        }
        assertThatThrownBy(() -> new SpatialLoss(List.of(UnitGrid.random(64, 1)), 5, 5, 2.5))
                .hasMessageContaining("grid side of at least 9");
        assertThatThrownBy(() -> UnitGrid.sideFor(200)).hasMessageContaining("square number of units");
    }
}
