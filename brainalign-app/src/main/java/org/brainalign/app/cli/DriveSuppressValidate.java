package org.brainalign.app.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.brainalign.app.drivesuppress.Encoder;
import org.brainalign.app.drivesuppress.EncoderStudy;
import org.brainalign.app.drivesuppress.SearchOutputs;
import org.brainalign.app.drivesuppress.SentenceFeatures;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.drivesuppress.BaselineSet;
import org.brainalign.benchmarks.drivesuppress.Candidate;
import org.brainalign.benchmarks.drivesuppress.Corpus;
import org.brainalign.benchmarks.drivesuppress.CorpusSearch;
import org.brainalign.benchmarks.drivesuppress.PaperData;
import org.brainalign.benchmarks.drivesuppress.RidgeEncoding;
import org.brainalign.benchmarks.drivesuppress.SentenceFilter;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.metric.Stats;
import org.brainalign.core.split.Split;
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
 * {@code drive-suppress validate}: what can be checked without new scans. The first fold of the
 * paper's KFold (200 sentences) is held out; an encoder fitted on the other 800 predicts them
 * (Pearson r, and the measured response of the top and bottom fifth it ranks), searches the corpora,
 * and its selections' predicted modulation is set beside the blocked experiment's measured one.
 * With {@code --other-model}, an encoder of a second model, fitted on the same 800, scores the first
 * model's selections (cross-model agreement).
 */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"In-silico validation: held-out baseline sentences, predicted modulation of a corpus search beside the "
                + "blocked experiment's measured one, and optionally cross-model agreement."})
final class DriveSuppressValidate implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;
    @Option(names = "--layer", required = true, description = "Layer name or index.")
    String layer;
    @Option(names = "--pool", defaultValue = "last", description = "last or mean (default ${DEFAULT-VALUE}).")
    String pool;
    @Option(names = "--corpus", required = true, split = ",", paramLabel = "[text|lines|wordnet|fortunes:]<path>",
            description = "Corpora to search with the 800-sentence encoder.")
    List<String> corpora;
    @Option(names = "--top", defaultValue = "100", description = "Sentences per selection (default ${DEFAULT-VALUE}).")
    int top;
    @Option(names = "--other-model", description = "A second model for cross-model agreement.")
    String otherModel;
    @Option(names = "--other-layer", description = "Its layer (name or index; default: the same relative depth).")
    String otherLayer;
    @Option(names = "--out", required = true, description = "Output folder: validation.json and the search's files.")
    Path out;
    @Mixin
    DataOptions data;
    @Mixin
    ProgressOptions progressOptions;
    @Spec
    CommandSpec spec;

    private static final String TARGET = "lang_LH_netw";

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        Pooling pooling = Pooling.parse(pool);
        DataSource source = DriveSuppressCommand.source(data);
        BaselineSet all = BaselineSet.load(source, List.of(TARGET));
        Split split = RidgeEncoding.folds(all.size()).getFirst();
        BaselineSet train = all.subset(split.train());
        BaselineSet held = all.subset(split.test());
        JsonObject json = new JsonObject();
        Files.createDirectories(out);
        try (OpenedModel model = ModelRegistry.open(modelOptions.model, modelOptions.request("all", ContextWindow.defaults()))) {
            String name = EncoderStudy.layers(layer, model.layers()).getFirst();
            double depth = (double) model.layers().indexOf(name) / Math.max(1, model.layers().size() - 1);
            Encoder encoder = fitOn(model, name, pooling, train, all, modelOptions.model);
            Subject subject = SentenceFeatures.subject(model, List.of(name), pooling);
            double[] heldPredicted = SentenceFeatures.predict(subject, encoder.readout(), 0, held.sentences());
            double[] heldMeasured = held.responses().column(0);
            double r = Stats.pearson(heldPredicted, heldMeasured);
            double[] rInterval = bootstrapR(heldPredicted, heldMeasured);
            stdout.printf(Locale.ROOT, "held-out check: encoder of %s %s (%s pooling) fitted on %d baseline sentences, %d held out "
                    + "(the first fold of KFold(5, shuffle, seed 0)); 5-fold CV r on the %d: %.3f%n", model.id(), name, pooling.label(),
                    train.size(), held.size(), train.size(), encoder.cvR()[0]);
            stdout.printf(Locale.ROOT, "  r(predicted, measured) on the held-out sentences: %.3f [%.3f, %.3f]%n", r, rInterval[0],
                    rInterval[1]);
            Integer[] order = IntStream.range(0, held.size()).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble(i -> -heldPredicted[i]));
            int q = held.size() / 5;
            double[] topMeasured = IntStream.range(0, q).mapToDouble(i -> heldMeasured[order[i]]).toArray();
            double[] bottomMeasured = IntStream.range(held.size() - q, held.size()).mapToDouble(i -> heldMeasured[order[i]]).toArray();
            double[] topCi = bootstrapMean(topMeasured);
            double[] bottomCi = bootstrapMean(bottomMeasured);
            double heldMean = Arrays.stream(heldMeasured).average().orElse(Double.NaN);
            stdout.printf(Locale.ROOT, "  measured response of the %d held-out sentences ranked highest: %.3f [%.3f, %.3f]; lowest: "
                    + "%.3f [%.3f, %.3f]; all %d: %.3f%n", q, mean(topMeasured), topCi[0], topCi[1], mean(bottomMeasured), bottomCi[0],
                    bottomCi[1], held.size(), heldMean);
            JsonObject heldJson = new JsonObject();
            heldJson.addProperty("model", model.id());
            heldJson.addProperty("layer", name);
            heldJson.addProperty("train_sentences", train.size());
            heldJson.addProperty("held_out_sentences", held.size());
            heldJson.addProperty("cv_r_train", encoder.cvR()[0]);
            heldJson.addProperty("held_out_r", r);
            heldJson.addProperty("held_out_r_lo", rInterval[0]);
            heldJson.addProperty("held_out_r_hi", rInterval[1]);
            heldJson.addProperty("top_quintile_measured", mean(topMeasured));
            heldJson.addProperty("bottom_quintile_measured", mean(bottomMeasured));
            heldJson.addProperty("held_out_measured_mean", heldMean);
            json.add("held_out", heldJson);

            Path encoderDir = out.resolve("encoder-800");
            encoder.save(encoderDir);
            int[] range = all.wordRange();
            List<Corpus.Spec> specs = corpora.stream().map(Corpus.Spec::parse).toList();
            CorpusSearch.Result result = SearchOutputs.search(encoder, Encoder.checksum(encoderDir), subject, all.sentences(), specs,
                    new SentenceFilter(range[0], range[1]), top, 512, Long.MAX_VALUE, out.resolve("search"), false,
                    progressOptions.show(), spec.commandLine().getErr());
            SearchOutputs.write(encoder, result, out.resolve("search"), stdout);
            double bMean = encoder.baselineMeasured()[0];
            double bSd = encoder.baselineMeasured()[1];
            double drive = SearchOutputs.mean(result.drive());
            double suppress = SearchOutputs.mean(result.suppress());
            List<PaperData.Condition> blocked = PaperData.blocked(source, TARGET);
            PaperData.Condition d = blocked.get(0);
            PaperData.Condition s = blocked.get(1);
            PaperData.Condition b = blocked.get(2);
            stdout.printf(Locale.ROOT, "predicted modulation (top/bottom %d of %,d corpus sentences), in SDs of the measured baseline "
                    + "responses (mean %.3f, SD %.3f): drive %+.2f, suppress %+.2f%n", top, result.status().candidates(), bMean, bSd,
                    (drive - bMean) / bSd, (suppress - bMean) / bSd);
            stdout.printf(Locale.ROOT, "measured (blocked experiment, %d new participants, %s): drive %.3f, suppress %.3f, baseline "
                    + "%.3f before normalisation — drive/baseline %.2f, suppress/baseline %.2f; normalised D %.3f, S %.3f, B %.3f%n",
                    d.participants(), TARGET, d.raw(), s.raw(), b.raw(), d.raw() / b.raw(), s.raw() / b.raw(), d.normalised(),
                    s.normalised(), b.normalised());
            JsonObject mod = new JsonObject();
            mod.addProperty("candidates", result.status().candidates());
            mod.addProperty("drive_predicted_sd_units", (drive - bMean) / bSd);
            mod.addProperty("suppress_predicted_sd_units", (suppress - bMean) / bSd);
            mod.addProperty("measured_drive_over_baseline", d.raw() / b.raw());
            mod.addProperty("measured_suppress_over_baseline", s.raw() / b.raw());
            json.add("modulation", mod);

            if (otherModel != null) {
                try (OpenedModel other = ModelRegistry.open(otherModel, modelOptions.request("all", ContextWindow.defaults()))) {
                    String otherName = otherLayer != null ? EncoderStudy.layers(otherLayer, other.layers()).getFirst()
                            : other.layers().get((int) Math.round(depth * (other.layers().size() - 1)));
                    Encoder otherEncoder = fitOn(other, otherName, pooling, train, all, otherModel);
                    Subject otherSubject = SentenceFeatures.subject(other, List.of(otherName), pooling);
                    List<String> driveText = result.drive().stream().map(Candidate::text).toList();
                    List<String> suppressText = result.suppress().stream().map(Candidate::text).toList();
                    double[] od = SentenceFeatures.predict(otherSubject, otherEncoder.readout(), 0, driveText);
                    double[] os = SentenceFeatures.predict(otherSubject, otherEncoder.readout(), 0, suppressText);
                    double[] mine = java.util.stream.DoubleStream.concat(result.drive().stream().mapToDouble(Candidate::predicted),
                            result.suppress().stream().mapToDouble(Candidate::predicted)).toArray();
                    double[] theirs = java.util.stream.DoubleStream.concat(Arrays.stream(od), Arrays.stream(os)).toArray();
                    double agreement = Stats.pearson(mine, theirs);
                    stdout.printf(Locale.ROOT, "cross-model: %s's selections scored by an encoder of %s %s (fitted on the same %d): "
                            + "drive z %+.2f, suppress z %+.2f (z against its own baseline predictions); r between the two encoders "
                            + "over the %d selected sentences: %.3f%n", model.id(), other.id(), otherName, train.size(),
                            otherEncoder.z(mean(od)), otherEncoder.z(mean(os)), mine.length, agreement);
                    JsonObject cross = new JsonObject();
                    cross.addProperty("other_model", other.id());
                    cross.addProperty("other_layer", otherName);
                    cross.addProperty("drive_z", otherEncoder.z(mean(od)));
                    cross.addProperty("suppress_z", otherEncoder.z(mean(os)));
                    cross.addProperty("agreement_r", agreement);
                    json.add("cross_model", cross);
                }
            }
        }
        Files.writeString(out.resolve("validation.json"), new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
                .create().toJson(json) + "\n");
        stdout.println("wrote " + out.resolve("validation.json"));
        return 0;
    }

    /** Cross-validates and fits an encoder on {@code train}. */
    private Encoder fitOn(OpenedModel model, String name, Pooling pooling, BaselineSet train, BaselineSet all, String ref) {
        Subject subject = SentenceFeatures.subject(model, List.of(name), pooling);
        DMatrix x;
        try (ConsoleProgress bar = new ConsoleProgress(model.id(), progressOptions.show())) {
            x = SentenceFeatures.extract(subject, train.sentences(), (d, t) -> bar.update("sentences", d, t)).getFirst();
        }
        var cv = EncoderStudy.crossValidate(List.of(name), List.of(x), train.responses()).getFirst().cv();
        return EncoderStudy.fit(ref, model, name, pooling, train, x, cv);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double[] bootstrapR(double[] a, double[] b) {
        SplittableRandom random = new SplittableRandom(0);
        double[] stats = new double[RidgeEncoding.BOOTSTRAP];
        for (int k = 0; k < stats.length; k++) {
            double[] x = new double[a.length];
            double[] y = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                int j = random.nextInt(a.length);
                x[i] = a[j];
                y[i] = b[j];
            }
            stats[k] = Stats.pearson(x, y);
        }
        return percentiles(stats);
    }

    private static double[] bootstrapMean(double[] v) {
        SplittableRandom random = new SplittableRandom(0);
        double[] stats = new double[RidgeEncoding.BOOTSTRAP];
        for (int k = 0; k < stats.length; k++) {
            double sum = 0;
            for (int i = 0; i < v.length; i++) {
                sum += v[random.nextInt(v.length)];
            }
            stats[k] = sum / v.length;
        }
        return percentiles(stats);
    }

    private static double[] percentiles(double[] stats) {
        return new double[] {Stats.nanPercentile(stats, 2.5), Stats.nanPercentile(stats, 97.5)};
    }
}
