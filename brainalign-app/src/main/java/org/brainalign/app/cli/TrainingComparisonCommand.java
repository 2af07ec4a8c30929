package org.brainalign.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.brainalign.app.Main;
import org.brainalign.app.leaderboard.Leaderboard;
import org.brainalign.app.leaderboard.Report;
import org.brainalign.app.store.ResultsStore;
import org.brainalign.models.llama2c.Llama2cCheckpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brainalign trained-vs-untrained}: Schrimpf et al. (2021)'s comparison for one architecture.
 * The trained model directory and its untrained twin ({@code untrained:<dir>@seed}: same config and
 * tokenizer, freshly initialised weights — for a {@code brainalign train} run with the run's seed,
 * exactly its step-0 weights) are scored on the same benchmarks layer by layer, plus next-word
 * prediction on a text; both go into one results store, and the command prints the per-layer
 * comparison with each model's word perplexity and draws it (one panel per benchmark and a
 * score-vs-perplexity scatter).
 */
@Command(name = "trained-vs-untrained", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a trained model and its untrained twin (same architecture and tokenizer, initial weights) on the"
                + " same benchmarks, per layer, with each model's next-word perplexity; print and plot the comparison."})
public final class TrainingComparisonCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Trained model: a HuggingFace directory or a llama2.c checkpoint.")
    Path model;
    @Option(names = "--benchmark", required = true, split = ",", description = "Benchmarks to compare on (see 'brainalign benchmarks').")
    List<String> benchmarks;
    @Option(names = "--perplexity-text",
            description = "Text for next-word prediction (word perplexity and accuracy), e.g. held-out text the model did not "
                    + "train on; causal models only (leave it out for a bidirectional model such as BERT).")
    Path perplexityText;
    @Option(names = "--untrained-seed", description = "Seed of the untrained twin (default: the training run's seed from"
            + " training/run.json, else 0).")
    Long untrainedSeed;
    @Option(names = "--simulated", description = "Use simulated recordings for neural benchmarks (see 'score --simulated').")
    boolean simulated;
    @Option(names = "--out", required = true, description = "Output directory: results.db, comparison.png, comparison.csv.")
    Path out;
    @Mixin
    ProgressOptions progressOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        boolean llama2c = Llama2cCheckpoint.isCheckpointName(model);
        if (!llama2c && !Files.isRegularFile(model.resolve("config.json"))) {
            throw new IllegalArgumentException("--model " + model + ": neither a HuggingFace model directory (no config.json) "
                    + "nor a llama2.c checkpoint (*.bin)");
        }
        if (perplexityText != null && !Files.isRegularFile(perplexityText)) {
            throw new IllegalArgumentException("--perplexity-text " + perplexityText + ": no such file");
        }
        long seed = untrainedSeed != null ? untrainedSeed : llama2c ? 0 : runSeed(model);
        Files.createDirectories(out);
        Path store = out.resolve("results.db");
        String twin = "untrained:" + model + "@" + seed;
        List<String> all = new ArrayList<>(benchmarks);
        if (perplexityText != null) {
            all.add("nextword:" + perplexityText);
        }
        for (String ref : List.of(twin, model.toString())) {
            List<String> args = new ArrayList<>(List.of("score", "--model", ref, "--benchmark", String.join(",", all), "--store",
                    store.toString(), "--resume"));
            if (simulated) {
                args.add("--simulated");
            }
            if (!progressOptions.show()) {
                args.add("--no-progress");
            }
            stdout.println("== " + ref);
            stdout.flush();
            int rc = Main.commandLine().setOut(stdout).setErr(spec.commandLine().getErr()).execute(args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("scoring " + ref + " failed (exit " + rc + "); see the message above");
            }
        }
        try (ResultsStore results = ResultsStore.open(store)) {
            String fileName = model.toAbsolutePath().normalize().getFileName().toString();
            String trainedId = llama2c ? fileName.substring(0, fileName.length() - ".bin".length()) : fileName;
            String twinId = "untrained:" + trainedId + "@" + seed;
            ResultsStore.ModelKey trained = latest(results, trainedId);
            ResultsStore.ModelKey untrained = latest(results, twinId);
            printComparison(results, untrained, trained, stdout);
            Path png = out.resolve("comparison.png");
            Report.write(results, png);
            stdout.println("plot " + png + ", store " + store);
        }
        return 0;
    }

    /** The seed of a {@code brainalign train} run (training/run.json), else 0. */
    private static long runSeed(Path dir) {
        Path run = dir.resolve("training").resolve("run.json");
        if (!Files.isRegularFile(run)) {
            return 0;
        }
        try {
            return org.brainalign.core.json.StrictJson.parse(run.toString(), Files.readString(run)).getAsJsonObject()
                    .getAsJsonObject("options").get("seed").getAsLong();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; pass --untrained-seed", e);
        } catch (Exception e) {
            throw new IllegalArgumentException(run + ": cannot read the run's seed (" + e.getMessage() + "); pass --untrained-seed", e);
        }
    }

    private static ResultsStore.ModelKey latest(ResultsStore store, String id) {
        List<ResultsStore.ModelKey> keys = new java.util.ArrayList<>(store.models(false));
        keys.addAll(store.models(true));
        List<ResultsStore.ModelKey> mine = keys.stream().filter(k -> k.model().equals(id)).toList();
        if (mine.isEmpty()) {
            throw new IllegalStateException(store.file() + " has no scores for " + id);
        }
        ResultsStore.ModelKey last = mine.getLast();
        return new ResultsStore.ModelKey(last.model(), last.checkpoint()); // real-data key; printComparison adds the simulated rows
    }

    private void printComparison(ResultsStore store, ResultsStore.ModelKey untrained, ResultsStore.ModelKey trained,
                                 PrintWriter stdout) throws java.io.IOException {
        Map<String, Map<String, double[]>> rows = new LinkedHashMap<>(); // benchmark → layer → {untrained, trained}
        for (int m = 0; m < 2; m++) {
            ResultsStore.ModelKey key = m == 0 ? untrained : trained;
            for (boolean sim : new boolean[] {false, true}) {
                // Scores on simulated recordings are listed, labelled, beside the real ones, never merged with them.
                for (ResultsStore.LayerRow r : store.layerRows(new ResultsStore.ModelKey(key.model(), key.checkpoint(), sim))) {
                    String benchmark = sim ? "[SIMULATED] " + r.benchmark() : r.benchmark();
                    double[] pair = rows.computeIfAbsent(benchmark, k -> new LinkedHashMap<>())
                            .computeIfAbsent(r.layer(), k -> new double[] {Double.NaN, Double.NaN});
                    pair[m] = r.normalized();
                }
            }
        }
        double pplUntrained = store.perplexity(untrained);
        double pplTrained = store.perplexity(trained);
        StringBuilder csv = new StringBuilder("benchmark,layer,untrained,trained,difference\n");
        stdout.printf(Locale.ROOT, "%nTrained vs untrained (%s vs %s)%n", trained.model(), untrained.model());
        stdout.printf(Locale.ROOT, "%-28s %-26s %10s %10s %10s%n", "benchmark", "layer", "untrained", "trained", "Δ");
        int better = 0;
        int compared = 0;
        for (var b : rows.entrySet()) {
            double[] sum = new double[2];
            int[] n = new int[2];
            double[] best = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (var l : b.getValue().entrySet()) {
                double u = l.getValue()[0];
                double t = l.getValue()[1];
                stdout.printf(Locale.ROOT, "%-28s %-26s %10.4f %10.4f %+10.4f%n", b.getKey(), l.getKey(), u, t, t - u);
                csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s%n", Leaderboard.csvCell(b.getKey()),
                        Leaderboard.csvCell(l.getKey()), u, t, t - u));
                for (int m = 0; m < 2; m++) {
                    double v = l.getValue()[m];
                    if (!Double.isNaN(v)) {
                        sum[m] += v;
                        n[m]++;
                        best[m] = Math.max(best[m], v);
                    }
                }
            }
            if (!b.getKey().startsWith("nextword:") && n[0] > 0 && n[1] > 0) {
                double meanU = sum[0] / n[0];
                double meanT = sum[1] / n[1];
                compared++;
                better += best[1] > best[0] ? 1 : 0; // the best layer: the summary the leaderboard ranks
                stdout.printf(Locale.ROOT, "%-28s mean over %s: untrained %.4f, trained %.4f; best: untrained %.4f, trained %.4f%n",
                        b.getKey(), b.getValue().size() == 1 ? "its one score" : b.getValue().size() + " layers/sub-scores", meanU,
                        meanT, best[0], best[1]);
            }
        }
        if (perplexityText == null) {
            stdout.printf(Locale.ROOT, "word perplexity: not measured (no --perplexity-text)%n");
            stdout.printf(Locale.ROOT, "training raised the best-layer score on %d of %d benchmark(s)%n", better, compared);
        } else {
            stdout.printf(Locale.ROOT, "word perplexity: untrained %.1f, trained %.1f%n", pplUntrained, pplTrained);
            stdout.printf(Locale.ROOT, "training %s word perplexity and raised the best-layer score on %d of %d benchmark(s)%n",
                    pplTrained < pplUntrained ? "lowered" : "did not lower", better, compared);
        }
        Files.writeString(out.resolve("comparison.csv"), csv.toString());
    }
}
