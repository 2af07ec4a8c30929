package org.brainalign.app.cli;

import org.brainalign.models.registry.ModelRegistry;
import org.brainalign.models.registry.OpenedModel;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.neural.FeatureExtractor;
import org.brainalign.benchmarks.neural.MetricChoice;
import org.brainalign.benchmarks.neural.NeuralBenchmark;
import org.brainalign.benchmarks.pereira2018.Pereira2018;
import org.brainalign.core.ceiling.Ceiling;
import org.brainalign.core.linalg.DMatrix;
import org.brainalign.core.linalg.LinAlg;
import org.brainalign.core.score.Score;
import org.brainalign.core.subject.Modality;
import org.brainalign.core.subject.Region;
import org.brainalign.core.subject.Subject;
import org.brainalign.models.subject.ContextWindow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brainalign bench score}: end-to-end time of scoring every layer of a model on a
 * Pereira-sized simulated assembly (627 sentences in passages, 12,155 voxels, 10 folds), split into
 * feature extraction and regression; with {@code --ceiling}, also the time to recompute the
 * extrapolation ceiling of BSL's Pereira2018.384sentences workload (8 subjects, 12,155 voxels) on simulated
 * recordings, for both metrics.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Time scoring all layers on a Pereira-sized simulated assembly (and optionally its ceiling).")
public final class ScoreBench implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--metric", defaultValue = "ridge", description = "ridge or linear (default ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--ceiling", description = "Also time the ceiling recomputation.")
    boolean ceiling;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        MetricChoice.Kind kind = switch (metric) {
            case "ridge" -> MetricChoice.Kind.RIDGE;
            case "linear" -> MetricChoice.Kind.LINEAR_SHUFFLE;
            default -> throw new IllegalArgumentException("--metric must be ridge or linear, got '" + metric + "'");
        };
        NeuralBenchmark b = Pereira2018.pereiraSized(kind);
        int n = b.data().target().presentations();
        out.printf("assembly: %d sentences in %d passages x %,d voxels; %s; linalg %s; %d cores%n", n, b.calls().size(),
                b.data().target().neuroids(), b.spec().metric().create().describe(), LinAlg.get().name(),
                Runtime.getRuntime().availableProcessors());
        long t0 = System.nanoTime();
        try (OpenedModel model = ModelRegistry.open(modelOptions.model, modelOptions.request("all", new ContextWindow(0, 0)))) {
            long t1 = System.nanoTime();
            Subject subject = model.freshSubject();
            subject.startNeuralRecording(Region.LANGUAGE_SYSTEM, Modality.FMRI);
            Map<String, DMatrix> features = FeatureExtractor.extract(subject, b.calls(), n, RunOptions.Progress.NONE);
            long t2 = System.nanoTime();
            // Timing only: score against no ceiling so the regression is measured alone.
            Score s = b.scoreFeatures(model.model().id(), features, new RunOptions(false, 0, RunOptions.Progress.NONE),
                    Ceiling.none());
            long t3 = System.nanoTime();
            out.printf("%-44s %10s%n", "phase", "seconds");
            out.printf("%-44s %10.1f%n", "load model", (t1 - t0) / 1e9);
            out.printf("%-44s %10.1f%n", "features (" + features.size() + " layers)", (t2 - t1) / 1e9);
            out.printf("%-44s %10.1f%n", "regression + CIs (" + s.layers().size() + " layers x 10 folds)", (t3 - t2) / 1e9);
            out.printf("%-44s %10.1f%n", "total", (t3 - t0) / 1e9);
            if (ceiling) {
                // BSL's Pereira ceiling workload: experiment 384 (8 subjects, 12,155 voxels), simulated.
                DataSource sim = DataSource.simulatedData();
                for (MetricChoice.Kind k : new MetricChoice.Kind[] {MetricChoice.Kind.LINEAR_SHUFFLE, MetricChoice.Kind.RIDGE}) {
                    NeuralBenchmark p384 = Pereira2018.benchmark(Pereira2018.Experiment.E384, k, sim);
                    p384.data();
                    long c0 = System.nanoTime();
                    Ceiling c = p384.ceiling(new RunOptions(true, 0, RunOptions.Progress.NONE));
                    out.printf("%-44s %10.1f   (%s: ceiling %.4f)%n", "ceiling, " + p384.id(), (System.nanoTime() - c0) / 1e9,
                            c.source(), c.value());
                }
            }
        }
        return 0;
    }
}
