package org.brainalign.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.brainalign.app.drivesuppress.Encoder;
import org.brainalign.app.drivesuppress.EncoderStudy;
import org.brainalign.app.drivesuppress.SearchOutputs;
import org.brainalign.app.drivesuppress.SentenceFeatures;
import org.brainalign.app.plot.Figure;
import org.brainalign.app.plot.LayerChart;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.data.DataCatalog;
import org.brainalign.benchmarks.drivesuppress.BaselineSet;
import org.brainalign.benchmarks.drivesuppress.Corpus;
import org.brainalign.benchmarks.drivesuppress.CorpusSearch;
import org.brainalign.benchmarks.drivesuppress.PaperData;
import org.brainalign.benchmarks.drivesuppress.RidgeEncoding;
import org.brainalign.benchmarks.drivesuppress.SentenceFilter;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.subject.Subject;
import org.brainalign.models.registry.ModelRegistry;
import org.brainalign.models.registry.OpenedModel;
import org.brainalign.models.subject.ContextWindow;
import org.brainalign.models.subject.Pooling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brainalign drive-suppress}: the study of Tuckute et al. 2024 on the real baseline responses —
 * {@code fit} an encoding model from a model's sentence features to the language network's response,
 * {@code search} corpora for the sentences it predicts to drive or suppress the network most.
 */
@Command(name = "drive-suppress", mixinStandardHelpOptions = true,
        description = "Tuckute et al. 2024: fit an encoder on the 1,000 real baseline responses, then search corpora for "
                + "sentences predicted to drive or suppress the language network.",
        subcommands = {DriveSuppressCommand.Fit.class, DriveSuppressCommand.Search.class, DriveSuppressValidate.class})
public final class DriveSuppressCommand {

    /** {@code drive-suppress fit}. */
    @Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Fit the encoder: features of each baseline sentence alone, ridge with per-target leave-one-out over "
                    + "alphas 1e-30…1e29, 5-fold KFold(shuffle, seed 0) Pearson r with a bootstrap interval; the final model is "
                    + "fitted on all 1,000 sentences and saved (for --layer all: the layer with the best cross-validated r)."})
    public static final class Fit implements Callable<Integer> {
        @Mixin
        ModelOptions modelOptions;
        @Option(names = "--layer", defaultValue = "all", description = "Layer name, index into the model's layers, or 'all' "
                + "(default ${DEFAULT-VALUE}).")
        String layer;
        @Option(names = "--pool", defaultValue = "last", description = "Sentence representation: last (last token) or mean "
                + "(mean over tokens) (default ${DEFAULT-VALUE}).")
        String pool;
        @Option(names = "--target", defaultValue = "lang_LH_netw", description = "Response column: lang_LH_netw or one fROI "
                + "(default ${DEFAULT-VALUE}).")
        String target;
        @Option(names = "--reference-curve", description = "Draw the paper's GPT2-XL per-layer r (SI6 file, "
                + "leave-one-participant-out) beside ours.")
        boolean referenceCurve;
        @Option(names = "--out", required = true, description = "Output folder: the encoder, layers.csv, layers.png.")
        Path out;
        @Mixin
        DataOptions data;
        @Mixin
        ProgressOptions progressOptions;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter stdout = spec.commandLine().getOut();
            Pooling pooling = Pooling.parse(pool);
            DataSource source = source(data);
            BaselineSet baseline = BaselineSet.load(source, List.of(target));
            try (OpenedModel model = ModelRegistry.open(modelOptions.model, modelOptions.request("all", ContextWindow.defaults()))) {
                List<String> layers = EncoderStudy.layers(layer, model.layers());
                Subject subject = SentenceFeatures.subject(model, layers, pooling);
                List<DMatrix> features;
                try (ConsoleProgress bar = new ConsoleProgress("tuckute2024", progressOptions.show())) {
                    features = SentenceFeatures.extract(subject, baseline.sentences(), (d, t) -> bar.update("sentences", d, t));
                }
                List<EncoderStudy.LayerResult> results = EncoderStudy.crossValidate(layers, features, baseline.responses());
                int best = 0;
                for (int l = 1; l < results.size(); l++) {
                    if (results.get(l).cv().r()[0] > results.get(best).cv().r()[0]) {
                        best = l;
                    }
                }
                stdout.printf("encoder of %s (%s pooling) for %s: ridge, per-target LOO over alphas 1e-30…1e29, %d-fold "
                        + "KFold(shuffle, seed 0) over %d baseline sentences, each alone%n", model.id(), pooling.label(), target,
                        RidgeEncoding.FOLDS, baseline.size());
                int width = Math.max(5, layers.stream().mapToInt(String::length).max().orElse(5));
                stdout.printf("%-" + width + "s  %8s  %18s  %s%n", "layer", "r", "95 % interval", "alpha per fold");
                StringBuilder csv = new StringBuilder("layer,index,r,lo,hi,alphas\n");
                for (int l = 0; l < results.size(); l++) {
                    var cv = results.get(l).cv();
                    String alphas = java.util.Arrays.stream(cv.alphas()).map(a -> String.format(Locale.ROOT, "%.0e", a[0]))
                            .reduce((a, b) -> a + " " + b).orElse("");
                    stdout.printf(Locale.ROOT, "%-" + width + "s  %8.4f  [%7.4f, %7.4f]  %s%s%n", layers.get(l), cv.r()[0],
                            cv.interval()[0].lower(), cv.interval()[0].upper(), alphas, l == best && layers.size() > 1 ? "  <- best" : "");
                    csv.append(String.format(Locale.ROOT, "%s,%d,%.6f,%.6f,%.6f,%s%n", layers.get(l), model.layers().indexOf(layers.get(l)),
                            cv.r()[0], cv.interval()[0].lower(), cv.interval()[0].upper(), alphas));
                }
                Files.createDirectories(out);
                Files.writeString(out.resolve("layers.csv"), csv);
                String ref = modelOptions.model.startsWith("untrained:") && !modelOptions.model.contains("@")
                        ? modelOptions.model + "@" + modelOptions.seed : modelOptions.model;
                Encoder encoder = EncoderStudy.fit(ref, model, layers.get(best), pooling, baseline, features.get(best),
                        results.get(best).cv());
                encoder.save(out.resolve("encoder"));
                stdout.printf(Locale.ROOT, "saved the encoder of %s (r = %.4f, alpha %.0e on all %d sentences) to %s%n",
                        layers.get(best), encoder.cvR()[0], encoder.readout().alphas()[0], baseline.size(), out.resolve("encoder"));
                if (layers.size() > 1) {
                    Path png = out.resolve("layers.png");
                    curve(model.id(), results, referenceCurve ? PaperData.gpt2XlCurve(source, target) : null, target).png(png);
                    stdout.println("wrote " + png + " and " + out.resolve("layers.csv"));
                }
            }
            return 0;
        }

        private static Figure curve(String id, List<EncoderStudy.LayerResult> results, Map<Integer, Double> reference, String target) {
            List<LayerChart.Series> series = new ArrayList<>();
            int n = results.size();
            double[] v = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            for (int l = 0; l < n; l++) {
                v[l] = results.get(l).cv().r()[0];
                lo[l] = results.get(l).cv().interval()[0].lower();
                hi[l] = results.get(l).cv().interval()[0].upper();
            }
            series.add(new LayerChart.Series(id + " (5-fold CV, mean of 5 participants)", results.stream().map(EncoderStudy.LayerResult::layer)
                    .toList(), v, lo, hi));
            List<String> notes = new ArrayList<>(List.of("Pearson r between predicted and measured " + target + " response on held-out "
                    + "baseline sentences; whiskers: 95 % bootstrap interval."));
            if (reference != null) {
                double[] rv = reference.values().stream().mapToDouble(Double::doubleValue).toArray();
                double[] nan = new double[rv.length];
                java.util.Arrays.fill(nan, Double.NaN);
                series.add(new LayerChart.Series("GPT2-XL, Tuckute et al. 2024 (leave-one-participant-out)", reference.keySet().stream()
                        .map(k -> "hidden state " + k).toList(), rv, nan, nan));
                notes.add("Reference: the paper's GPT2-XL r per hidden state (SI6-CV-UID-data.csv, mean over the 5 held-out "
                        + "participants) — a different target (one held-out participant), so lower than a 5-participant mean.");
            }
            return new Figure("Drive/suppress encoder: r per layer", notes, List.of(new LayerChart("Encoding r per layer", "Pearson r",
                    series)), 1);
        }
    }

    /** {@code drive-suppress search}. */
    @Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Search corpora for the sentences the encoder predicts to drive (top N) or suppress (bottom N) the "
                    + "response; resumable (--resume) from the checkpoint it writes every --checkpoint-every sentences."})
    public static final class Search implements Callable<Integer> {
        @Option(names = "--encoder", required = true, description = "Encoder folder from 'drive-suppress fit' (its encoder/).")
        Path encoderDir;
        @Option(names = "--model", description = "The model, when its recorded --model argument does not resolve from here.")
        String model;
        @Option(names = "--corpus", required = true, split = ",", paramLabel = "[text|lines|wordnet|fortunes:]<path>",
                description = "Corpora: a file or folder, optionally prefixed by its format (default text).")
        List<String> corpora;
        @Option(names = "--top", defaultValue = "100", description = "Sentences kept at each end (default ${DEFAULT-VALUE}).")
        int top;
        @Option(names = "--min-words", description = "Fewest words (default: the baseline sentences' fewest).")
        Integer minWords;
        @Option(names = "--max-words", description = "Most words (default: the baseline sentences' most).")
        Integer maxWords;
        @Option(names = "--chunk", defaultValue = "512", description = "Sentences predicted together (default ${DEFAULT-VALUE}).")
        int chunk;
        @Option(names = "--checkpoint-every", defaultValue = "4096", description = "Candidates between checkpoints "
                + "(default ${DEFAULT-VALUE}).")
        long checkpointEvery;
        @Option(names = "--resume", description = "Continue from the checkpoint in --out.")
        boolean resume;
        @Option(names = "--out", required = true, description = "Output folder: drive.csv, suppress.csv, histogram.png, search.json.")
        Path out;
        @Mixin
        DataOptions data;
        @Mixin
        ProgressOptions progressOptions;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Encoder encoder = Encoder.load(encoderDir);
            BaselineSet baseline = BaselineSet.load(source(data), encoder.targets());
            if (!baseline.checksum().equals(encoder.dataChecksum())) {
                throw new IllegalArgumentException("the encoder was fitted on baseline data with checksum " + encoder.dataChecksum()
                        + " but the data directory's Tuckute2024 files have " + baseline.checksum());
            }
            SentenceFilter filter = new SentenceFilter(minWords != null ? minWords : encoder.wordRange()[0],
                    maxWords != null ? maxWords : encoder.wordRange()[1]);
            List<Corpus.Spec> specs = corpora.stream().map(Corpus.Spec::parse).toList();
            String ref = model != null ? model : encoder.model();
            try (OpenedModel opened = ModelRegistry.open(ref, new org.brainalign.models.registry.ModelRequest(java.util.Optional.empty(),
                    0, encoder.layer(), ContextWindow.defaults()))) {
                encoder.requireModel(opened.id(), opened.checkpoint());
                Subject subject = SentenceFeatures.subject(opened, List.of(encoder.layer()), Pooling.parse(encoder.pooling()));
                var result = SearchOutputs.search(encoder, Encoder.checksum(encoderDir), subject, baseline.sentences(), specs, filter,
                        top, chunk, checkpointEvery, out, resume, progressOptions.show(), spec.commandLine().getErr());
                SearchOutputs.write(encoder, result, out, spec.commandLine().getOut());
            }
            return 0;
        }
    }

    static DataSource source(DataOptions data) {
        return new DataSource(data.directory(), DataCatalog.bundled(), false, null);
    }
}
