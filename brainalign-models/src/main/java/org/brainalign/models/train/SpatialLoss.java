package org.brainalign.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.brainalign.models.nn.Ops;

/**
 * TopoLM's spatial smoothness loss (Rathi et al. 2025): for one spatial output laid on a grid,
 * sample S neighbourhoods (all cells within Chebyshev distance &lt; radius of a centre at least
 * radius−1 from the edge); in each, correlate the units' pairwise activation correlations over the
 * N (batch × token) rows with their inverse distances {@code 1 / (1 + euclidean)}; the local loss is
 * {@code ½ · (1 − that correlation)} and the layer's loss their mean. The model's loss adds
 * {@code α × Σ layers}.
 *
 * <p>Because a neighbourhood is always a full (2r−1)² window, its units are gathered in window
 * order and the inverse-distance vector is the same for every neighbourhood; the S selections are
 * one matrix product with a 0/1 selection matrix [C, S·K].
 */
public final class SpatialLoss {

    private final int radius;
    private final int perStep;
    private final double alpha;
    private final List<UnitGrid> grids;
    private final int window;
    private final double[] inverseDistance; // [K·K], row-major over window cells

    /**
     * @param grids one grid per spatial output, in the model's spatial order
     * @param radius Chebyshev radius (TopoLM: 5, a 9 × 9 window)
     * @param perStep neighbourhoods sampled per layer per step (TopoLM: 5)
     * @param alpha weight of the summed layer losses (TopoLM: 2.5)
     */
    public SpatialLoss(List<UnitGrid> grids, int radius, int perStep, double alpha) {
        if (grids.isEmpty()) {
            throw new IllegalArgumentException("spatial loss needs at least one unit grid");
        }
        int side = grids.getFirst().side();
        if (radius < 1 || 2 * radius - 1 > side) {
            throw new IllegalArgumentException("spatial loss radius " + radius + " needs a grid side of at least "
                    + (2 * radius - 1) + "; the grid is " + side + " × " + side);
        }
        if (perStep < 1) {
            throw new IllegalArgumentException("neighbourhoods per step must be ≥ 1, got " + perStep);
        }
        this.radius = radius;
        this.perStep = perStep;
        this.alpha = alpha;
        this.grids = List.copyOf(grids);
        this.window = 2 * radius - 1;
        int k = window * window;
        this.inverseDistance = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double dr = i / window - j / window;
                double dc = i % window - j % window;
                inverseDistance[i * k + j] = 1 / (1 + Math.sqrt(dr * dr + dc * dc));
            }
        }
    }

    public List<UnitGrid> grids() {
        return grids;
    }

    public double alpha() {
        return alpha;
    }

    public int radius() {
        return radius;
    }

    public int perStep() {
        return perStep;
    }

    /** Units per neighbourhood, K = (2·radius − 1)². */
    public int neighbourhoodSize() {
        return window * window;
    }

    /** Number of admissible centres per grid: (side − 2·(radius − 1))². */
    public int centres() {
        int free = grids.getFirst().side() - 2 * (radius - 1);
        return free * free;
    }

    /**
     * Draws S neighbourhoods of grid {@code layer}: for each, the K units in window order (row-major
     * offsets from the window's top-left cell).
     */
    public int[][] sample(int layer, SplittableRandom rng) {
        UnitGrid grid = grids.get(layer);
        int side = grid.side();
        int free = side - 2 * (radius - 1);
        int[] unitAt = grid.unitAtCell();
        int[][] out = new int[perStep][window * window];
        for (int s = 0; s < perStep; s++) {
            int centre = rng.nextInt(free * free);
            int top = centre / free;
            int left = centre % free;
            for (int i = 0; i < window * window; i++) {
                out[s][i] = unitAt[(top + i / window) * side + left + i % window];
            }
        }
        return out;
    }

    /**
     * {@code α × Σ layers} of the layer losses for {@code outputs} (each [B, T, C]) with freshly
     * sampled neighbourhoods; a scalar owned by {@code scope}.
     */
    public NDArray loss(NDManager scope, List<NDArray> outputs, SplittableRandom rng) {
        List<int[][]> neighbourhoods = new java.util.ArrayList<>();
        for (int l = 0; l < grids.size(); l++) {
            neighbourhoods.add(sample(l, rng));
        }
        return loss(scope, outputs, neighbourhoods);
    }

    /** {@code α × Σ layers} of the layer losses with the given neighbourhoods (one S × K array per output). */
    public NDArray loss(NDManager scope, List<NDArray> outputs, List<int[][]> neighbourhoods) {
        if (outputs.size() != grids.size() || neighbourhoods.size() != grids.size()) {
            throw new IllegalArgumentException(outputs.size() + " spatial outputs and " + neighbourhoods.size()
                    + " neighbourhood sets for " + grids.size() + " unit grids");
        }
        NDArray total = null;
        for (int l = 0; l < outputs.size(); l++) {
            NDArray layer = layerLoss(scope, outputs.get(l), neighbourhoods.get(l));
            total = total == null ? layer : total.add(layer);
        }
        return Ops.scale(total, (float) alpha);
    }

    /**
     * The mean local loss over {@code neighbourhoods} (S arrays of K unit indices in window order) of
     * one output [B, T, C] (or [N, C]); a scalar.
     */
    public NDArray layerLoss(NDManager scope, NDArray output, int[][] neighbourhoods) {
        long[] shape = output.getShape().getShape();
        long c = shape[shape.length - 1];
        NDArray rows = output.reshape(-1, c);                                       // [N, C]
        int s = neighbourhoods.length;
        int k = window * window;
        double[] select = new double[(int) c * s * k];
        for (int n = 0; n < s; n++) {
            for (int i = 0; i < k; i++) {
                select[neighbourhoods[n][i] * s * k + n * k + i] = 1;
            }
        }
        NDArray selection = scope.create(select, new Shape(c, (long) s * k)).toType(output.getDataType(), false);
        NDArray picked = rows.matMul(selection).reshape(-1, s, k).transpose(1, 0, 2);  // [S, N, K]
        NDArray centred = picked.sub(picked.mean(new int[] {1}, true));
        NDArray norms = centred.square().sum(new int[] {1}, true).add(1e-12f).sqrt();   // [S, 1, K]
        NDArray z = centred.div(norms);
        NDArray corr = z.transpose(0, 2, 1).matMul(z);                                  // [S, K, K]
        // Pearson correlation, over the strictly lower triangle, of corr with the inverse distances.
        double[] lower = new double[k * k];
        int pairs = 0;
        double meanD = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                lower[i * k + j] = 1;
                meanD += inverseDistance[i * k + j];
                pairs++;
            }
        }
        meanD /= pairs;
        double[] dCentred = new double[k * k];
        double dNorm = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                double v = inverseDistance[i * k + j] - meanD;
                dCentred[i * k + j] = v;
                dNorm += v * v;
            }
        }
        NDArray mask = scope.create(lower, new Shape(1, k, k)).toType(output.getDataType(), false);
        NDArray d = scope.create(dCentred, new Shape(1, k, k)).toType(output.getDataType(), false);
        NDArray corrMean = corr.mul(mask).sum(new int[] {1, 2}, true).mul(scope.create(1f / pairs));      // [S, 1, 1]
        NDArray a = corr.sub(corrMean).mul(mask);
        NDArray r = a.mul(d).sum(new int[] {1, 2}).div(a.square().sum(new int[] {1, 2}).add(1e-12f).sqrt()
                .mul(scope.create((float) Math.sqrt(dNorm))));                                                 // [S]
        return Ops.scale(r.neg().add(1f), 0.5f).mean();
    }
}
