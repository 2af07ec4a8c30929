package org.brainalign.app.topo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.brainalign.benchmarks.topography.TopoContrast;
import org.brainalign.core.stats.FalseDiscovery;
import org.brainalign.core.stats.WelchTest;
import org.brainalign.core.topography.Clusters;
import org.brainalign.core.topography.GaussianSmoothing;
import org.brainalign.core.topography.MoransI;
import org.brainalign.models.tokenizer.TextTokenizer;
import org.brainalign.models.train.TrainableGpt2;
import org.brainalign.models.train.UnitGrid;

/**
 * TopoLM's topography analysis of one model: each stimulus's spatial outputs (every block's
 * attention and MLP output before the residual add) averaged over its tokens and laid on the unit
 * grid; optionally smoothed (Gaussian, FWHM in grid units); a Welch t per grid cell between the
 * contrast's two groups; Benjamini–Hochberg FDR over all outputs' cells together; Moran's I
 * (queen) of each output's t-map; and region-growing clusters on the FDR-significant cells.
 */
public final class TopoMaps {

    /** Analysis settings: smoothing FWHM (NaN for none), FDR level, and the cluster rule. */
    public record Settings(double fwhm, double q, double clusterSeed, double clusterGrow, int clusterMinSize) {
        public boolean smoothed() {
            return !Double.isNaN(fwhm);
        }
    }

    /** One output's result: t, p and q per grid cell ([row][column]), Moran's I, and clusters. */
    public record OutputMap(String name, double[][] t, double[][] p, double[][] q, double moransI,
                            List<Clusters.Cluster> clusters) {
    }

    /** One contrast's maps over all spatial outputs. */
    public record ContrastMaps(TopoContrast contrast, int groupA, int groupB, List<OutputMap> outputs) {

        /** Mean Moran's I over outputs (NaN entries skipped). */
        public double meanMoransI() {
            return outputs.stream().mapToDouble(OutputMap::moransI).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
        }
    }

    private final TrainableGpt2 model;
    private final TextTokenizer tokenizer;
    private final List<UnitGrid> grids;
    private final NDManager manager;
    private final Map<String, double[][]> cache = new HashMap<>(); // text → [output][unit] mean activation

    public TopoMaps(TrainableGpt2 model, TextTokenizer tokenizer, List<UnitGrid> grids, NDManager manager) {
        if (grids.size() != model.spatialNames().size()) {
            throw new IllegalArgumentException(grids.size() + " unit grids for " + model.spatialNames().size() + " spatial outputs");
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.grids = grids;
        this.manager = manager;
    }

    /** Maps {@code groups} under {@code settings}. */
    public ContrastMaps analyse(TopoContrast.Groups groups, Settings settings) {
        List<double[][]> a = groups.a().stream().map(this::responses).toList();
        List<double[][]> b = groups.b().stream().map(this::responses).toList();
        int outputs = grids.size();
        int side = grids.getFirst().side();
        GaussianSmoothing smoother = settings.smoothed() ? new GaussianSmoothing(side, settings.fwhm()) : null;
        List<WelchTest> tests = new ArrayList<>();
        for (int o = 0; o < outputs; o++) {
            tests.add(WelchTest.of(cells(a, o, smoother), cells(b, o, smoother)));
        }
        int cellsPerMap = side * side;
        double[] allP = new double[outputs * cellsPerMap];
        for (int o = 0; o < outputs; o++) {
            System.arraycopy(tests.get(o).p(), 0, allP, o * cellsPerMap, cellsPerMap);
        }
        double[] allQ = FalseDiscovery.benjaminiHochberg(allP);
        List<OutputMap> maps = new ArrayList<>();
        for (int o = 0; o < outputs; o++) {
            double[][] t = grid(tests.get(o).t(), side, 0);
            double[][] p = grid(tests.get(o).p(), side, 0);
            double[][] q = grid(allQ, side, o * cellsPerMap);
            double[][] significant = new double[side][side];
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    significant[r][c] = q[r][c] < settings.q() ? t[r][c] : Double.NaN;
                }
            }
            maps.add(new OutputMap(model.spatialNames().get(o), t, p, q, MoransI.queen(t),
                    Clusters.grow(significant, settings.clusterSeed(), settings.clusterGrow(), settings.clusterMinSize())));
        }
        return new ContrastMaps(groups.contrast(), a.size(), b.size(), maps);
    }

    /** Per stimulus, output {@code o}'s activations placed by cell (and smoothed), as rows × cells. */
    private double[][] cells(List<double[][]> responses, int o, GaussianSmoothing smoother) {
        UnitGrid grid = grids.get(o);
        int side = grid.side();
        double[][] rows = new double[responses.size()][];
        for (int i = 0; i < rows.length; i++) {
            double[][] map = grid.toGrid(responses.get(i)[o]);
            if (smoother != null) {
                map = smoother.apply(map);
            }
            double[] flat = new double[side * side];
            for (int r = 0; r < side; r++) {
                System.arraycopy(map[r], 0, flat, r * side, side);
            }
            rows[i] = flat;
        }
        return rows;
    }

    private static double[][] grid(double[] flat, int side, int offset) {
        double[][] g = new double[side][side];
        for (int r = 0; r < side; r++) {
            System.arraycopy(flat, offset + r * side, g[r], 0, side);
        }
        return g;
    }

    /** The token-averaged spatial outputs of {@code text}: [output][unit]. */
    private double[][] responses(String text) {
        return cache.computeIfAbsent(text, s -> {
            long[] ids = tokenizer.encode(s).ids();
            if (ids.length == 0) {
                throw new IllegalArgumentException("stimulus '" + s + "' has no tokens");
            }
            if (ids.length > model.config().maxPositions()) {
                throw new IllegalArgumentException("stimulus '" + s + "' has " + ids.length + " tokens, more than the model's "
                        + model.config().maxPositions() + " positions; map a model with a longer context");
            }
            JniUtils.setGradMode(false);
            try (NDManager scope = manager.newSubManager()) {
                List<NDArray> spatial = model.forward(scope, new long[][] {ids}).spatial();
                double[][] out = new double[spatial.size()][];
                for (int o = 0; o < out.length; o++) {
                    NDArray x = spatial.get(o);                                                       // [1, T, C]
                    float[] mean = x.reshape(-1, x.getShape().get(2)).mean(new int[] {0}).toFloatArray(); // [C]
                    out[o] = new double[mean.length];
                    for (int u = 0; u < mean.length; u++) {
                        out[o][u] = mean[u];
                    }
                }
                return out;
            }
        });
    }
}
