package org.brainalign.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.brainalign.app.drivesuppress.SentenceFeatures;
import org.brainalign.benchmarks.drivesuppress.Readout;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.subject.Subject;
import org.brainalign.models.registry.ModelRegistry;
import org.brainalign.models.registry.OpenedModel;
import org.brainalign.models.subject.ContextWindow;
import org.brainalign.models.subject.Pooling;
import org.brainalign.models.subject.TransformerSubject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brainalign bench drive-suppress}: the search's throughput in predicted sentences per
 * second — features of one layer for each sentence alone plus the readout — for seeded sentences of
 * {@code --words} common words, in the search's chunks of padded batches and one sentence at a time.
 */
@Command(name = "drive-suppress", mixinStandardHelpOptions = true, description = "Drive/suppress search throughput (sentences/s).")
public final class DriveSuppressBench implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;
    @Option(names = "--sentences", defaultValue = "2048", description = "Sentences (default ${DEFAULT-VALUE}).")
    int sentences;
    @Option(names = "--words", defaultValue = "12", description = "Words per sentence (default ${DEFAULT-VALUE}).")
    int words;
    @Option(names = "--layer", description = "Layer name (default: the middle of the model's layers).")
    String layer;
    @Option(names = "--chunk", defaultValue = "512", description = "Sentences per chunk, as in search (default ${DEFAULT-VALUE}).")
    int chunk;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> text = ExtractBench.sentences(sentences, words);
        SplittableRandom random = new SplittableRandom(2); // the readout's weights
        try (OpenedModel model = ModelRegistry.open(modelOptions.model, modelOptions.request("all", ContextWindow.defaults()))) {
            String name = layer != null ? layer : model.layers().get(model.layers().size() / 2);
            out.printf("%-24s %-18s %9s %6s %12s %14s%n", "model", "layer", "sentences", "words", "mode", "sentences/s");
            for (boolean batched : new boolean[] {true, false}) {
                Subject subject = SentenceFeatures.subject(model, List.of(name), Pooling.LAST);
                if (!batched) {
                    ((TransformerSubject) subject).batchTokens(1);
                }
                int units = subject.digestText(List.of(text.getFirst())).layers().getFirst().units();
                DMatrix coef = DMatrix.zeros(units, 1);
                for (int j = 0; j < units; j++) {
                    coef.set(j, 0, random.nextGaussian());
                }
                Readout readout = new Readout(new double[units], coef, new double[1], new double[] {1});
                SentenceFeatures.predict(subject, readout, 0, text.subList(0, Math.min(64, text.size()))); // warm-up
                int n = batched ? text.size() : Math.min(text.size(), 256);
                long start = System.nanoTime();
                for (int i = 0; i < n; i += batched ? chunk : 1) {
                    SentenceFeatures.predict(subject, readout, 0, text.subList(i, Math.min(n, i + (batched ? chunk : 1))));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                out.printf("%-24s %-18s %,9d %6d %12s %,14.0f%n", model.id(), name, n, words, batched ? "batched" : "one at a time",
                        n / seconds);
            }
            out.println(ExtractBench.threadsLine());
        }
        return 0;
    }
}
