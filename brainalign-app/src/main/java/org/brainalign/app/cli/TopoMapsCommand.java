package org.brainalign.app.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.brainalign.app.topo.TopoMapPlot;
import org.brainalign.app.topo.TopoMaps;
import org.brainalign.benchmarks.data.DataDirectory;
import org.brainalign.benchmarks.topography.MoranTable;
import org.brainalign.benchmarks.topography.TopoContrast;
import org.brainalign.core.topography.Clusters;
import org.brainalign.models.tokenizer.TextTokenizer;
import org.brainalign.models.tokenizer.Tokenizers;
import org.brainalign.models.train.HfExport;
import org.brainalign.models.train.TrainableGpt2;
import org.brainalign.models.train.UnitGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brainalign topo-maps}: TopoLM's topography analysis of a GPT-2 model directory on the
 * {@code topolm-stimuli} contrasts: per-output t-maps, Moran's I, FDR-corrected clusters, one PNG
 * per output and a Moran's I table in TopoLM's CSV layout.
 */
@Command(name = "topo-maps", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Map contrasts onto a GPT-2 model's unit grids (TopoLM analysis): Welch t per unit, optional Gaussian"
                + " smoothing, Moran's I per output, Benjamini-Hochberg FDR and region-growing clusters.",
                "Writes <out>/moran.csv (TopoLM's eval/moran layout), and per contrast tmaps.csv, clusters.csv and one PNG per"
                        + " output."})
public final class TopoMapsCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "GPT-2 model directory (e.g. from `brainalign train`).")
    Path model;
    @Option(names = "--contrast", split = ",", defaultValue = "fedorenko",
            description = "Contrasts: fedorenko, moseley-noun-verb, moseley-concrete, moseley-abstract, moseley-abstract-concrete,"
                    + " elli-noun-verb, or all (default: ${DEFAULT-VALUE}).")
    List<String> contrasts;
    @Option(names = "--smooth", description = "Smooth each map with a Gaussian before the t-test (TopoLM's smoothed variant).")
    boolean smooth;
    @Option(names = "--fwhm", defaultValue = "2", description = "Smoothing FWHM in grid units (default: ${DEFAULT-VALUE}).")
    double fwhm;
    @Option(names = "--fdr", defaultValue = "0.05", description = "FDR level (default: ${DEFAULT-VALUE}).")
    double fdr;
    @Option(names = "--min-cluster", description = "Smallest cluster kept (default: 25 on a 28×28 grid, scaled by grid area, at least 3).")
    Integer minCluster;
    @Option(names = "--positions-seed", description = "Lay units out at random from this seed instead of reading"
            + " topo_positions.safetensors (for models trained elsewhere).")
    Long positionsSeed;
    @Option(names = "--data-dir", description = "Data directory (default: $BRAINALIGN_DATA).")
    Path dataDir;
    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        List<TopoContrast> chosen = new ArrayList<>();
        for (String c : new LinkedHashSet<>(contrasts)) {
            if (c.equals("all")) {
                chosen.addAll(List.of(TopoContrast.values()));
            } else {
                chosen.add(TopoContrast.byId(c));
            }
        }
        chosen = List.copyOf(new LinkedHashSet<>(chosen));
        DataDirectory data = dataDir != null ? new DataDirectory(dataDir) : DataDirectory.fromEnvironment();
        Path stimuli = data.dataset(TopoContrast.DATASET);
        Files.createDirectories(out);
        try (NDManager manager = NDManager.newBaseManager();
             TrainableGpt2 network = TrainableGpt2.open(model, manager, DataType.FLOAT32);
             TextTokenizer tokenizer = Tokenizers.fromDirectory(model)) {
            int units = network.config().hiddenSize();
            List<UnitGrid> grids = positionsSeed != null
                    ? UnitGrid.layout(units, positionsSeed, network.spatialNames().size())
                    : HfExport.readPositions(model, network.spatialNames(), units);
            int side = grids.getFirst().side();
            int minSize = minCluster != null ? minCluster : Math.max(3, (int) Math.round(25.0 * side * side / 784));
            TopoMaps.Settings settings = new TopoMaps.Settings(smooth ? fwhm : Double.NaN, fdr, 1.0, 0.0, minSize);
            TopoMaps maps = new TopoMaps(network, tokenizer, grids, manager);
            double[][] moran = new double[grids.size()][chosen.size()];
            stdout.printf(Locale.ROOT, "%s: %d spatial outputs on %d × %d grids, %s%n", model, grids.size(), side, side,
                    smooth ? "smoothed (FWHM " + fwhm + ")" : "unsmoothed");
            for (int ci = 0; ci < chosen.size(); ci++) {
                TopoContrast contrast = chosen.get(ci);
                TopoMaps.ContrastMaps result = maps.analyse(contrast.read(stimuli), settings);
                Path dir = out.resolve(contrast.id());
                Files.createDirectories(dir);
                writeMaps(result, dir);
                for (int o = 0; o < result.outputs().size(); o++) {
                    TopoMaps.OutputMap m = result.outputs().get(o);
                    moran[o][ci] = m.moransI();
                    TopoMapPlot.write(m, contrast.id(), fdr, dir.resolve(String.format(Locale.ROOT, "%02d-%s.png", o, m.name())));
                }
                long clusters = result.outputs().stream().mapToLong(m -> m.clusters().size()).sum();
                stdout.printf(Locale.ROOT, "  %-26s %s (%d vs %d): mean Moran's I %.3f, %d cluster(s)%n", contrast.id(),
                        contrast.describe(), result.groupA(), result.groupB(), result.meanMoransI(), clusters);
            }
            MoranTable table = new MoranTable(chosen.stream().map(TopoContrast::column).toList(), moran);
            table.write(out.resolve("moran.csv"));
            stdout.println("Moran's I per output: " + out.resolve("moran.csv") + "; maps under " + out);
        }
        stdout.flush();
        return 0;
    }

    private static void writeMaps(TopoMaps.ContrastMaps result, Path dir) throws IOException {
        try (PrintWriter t = new PrintWriter(Files.newBufferedWriter(dir.resolve("tmaps.csv"), StandardCharsets.UTF_8));
             PrintWriter c = new PrintWriter(Files.newBufferedWriter(dir.resolve("clusters.csv"), StandardCharsets.UTF_8))) {
            t.println("output,name,row,col,t,p,q,cluster");
            c.println("output,name,cluster,size,mean_t");
            for (int o = 0; o < result.outputs().size(); o++) {
                TopoMaps.OutputMap m = result.outputs().get(o);
                int side = m.t().length;
                int[] label = Clusters.labels(m.clusters(), side * side);
                for (int k = 0; k < m.clusters().size(); k++) {
                    Clusters.Cluster cl = m.clusters().get(k);
                    c.printf(Locale.ROOT, "%d,%s,%d,%d,%.6g%n", o, m.name(), k + 1, cl.size(), cl.meanValue());
                }
                for (int r = 0; r < side; r++) {
                    for (int col = 0; col < side; col++) {
                        t.printf(Locale.ROOT, "%d,%s,%d,%d,%.6g,%.6g,%.6g,%d%n", o, m.name(), r, col, m.t()[r][col], m.p()[r][col],
                                m.q()[r][col], label[r * side + col]);
                    }
                }
            }
        }
    }
}
