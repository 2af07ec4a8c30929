package org.brainalign.app.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.brainalign.models.config.Gpt2Config;
import org.brainalign.models.train.AdamW;
import org.brainalign.models.train.OptimizationStep;
import org.brainalign.models.train.SpatialLoss;
import org.brainalign.models.train.TokenCorpus;
import org.brainalign.models.train.TrainableGpt2;
import org.brainalign.models.train.UnitGrid;
import org.brainalign.models.untrained.UntrainedWeights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brainalign bench train}: training throughput of a GPT-2 of the given shape, one row for
 * plain next-token training and one with the TopoLM spatial loss. Each iteration is a full
 * optimisation step (forward, backward, clipping, AdamW) on {@code batch × context} random token
 * ids, exactly the step {@code train} runs.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Training-step throughput (tokens/s), with and without --topo.")
public final class TrainBench implements Callable<Integer> {

    @Option(names = "--layers", defaultValue = "4", description = "Blocks (default ${DEFAULT-VALUE}).")
    int layers;
    @Option(names = "--width", defaultValue = "256", description = "Hidden size, a square number (default ${DEFAULT-VALUE}).")
    int width;
    @Option(names = "--heads", defaultValue = "8", description = "Heads (default ${DEFAULT-VALUE}).")
    int heads;
    @Option(names = "--context", defaultValue = "128", description = "Tokens per window (default ${DEFAULT-VALUE}).")
    int context;
    @Option(names = "--batch", defaultValue = "16", description = "Windows per step (default ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--vocab", defaultValue = "2048", description = "Vocabulary size (default ${DEFAULT-VALUE}).")
    int vocab;
    @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--iterations", defaultValue = "20", description = "Timed steps (default ${DEFAULT-VALUE}).")
    int iterations;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("--iterations must be ≥ 1 and --warmup ≥ 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        Gpt2Config config = Gpt2Config.of(layers, width, heads, vocab, context);
        SplittableRandom random = new SplittableRandom(1);
        long[] tokens = random.longs(200_000, 0, vocab).toArray();
        TokenCorpus corpus = new TokenCorpus(tokens, 0.1, context);
        out.printf("%-10s %12s %6s %6s %10s %10s %12s%n", "loss", "parameters", "T", "B", "median ms", "best ms", "tokens/s");
        for (boolean topo : new boolean[] {false, true}) {
            try (NDManager manager = NDManager.newBaseManager();
                 TrainableGpt2 model = TrainableGpt2.create(config, new UntrainedWeights(0), manager, DataType.FLOAT32);
                 AdamW adam = new AdamW(model.parameters(), AdamW.Settings.topoLm(), manager)) {
                SpatialLoss spatial = topo ? new SpatialLoss(UnitGrid.layout(width, 0, model.spatialNames().size()), 5, 5, 2.5)
                        : null;
                double[] seconds = new double[iterations];
                for (int i = -warmup; i < iterations; i++) {
                    long start = System.nanoTime();
                    try (NDManager scope = manager.newSubManager()) {
                        OptimizationStep.run(scope, model, adam, spatial, corpus.trainBatch(0, i + warmup, batch, context),
                                new SplittableRandom(i + warmup), 1e-4, 1.0);
                    }
                    if (i >= 0) {
                        seconds[i] = (System.nanoTime() - start) / 1e9;
                    }
                }
                Arrays.sort(seconds);
                double median = seconds[iterations / 2];
                out.printf("%-10s %,12d %6d %6d %10.1f %10.1f %,12.0f%n", topo ? "LM + topo" : "LM", model.parameterCount(),
                        context, batch, median * 1e3, seconds[0] * 1e3, batch * context / median);
            }
        }
        out.printf("(median of %d steps after %d warm-up; forward, backward, clipping and AdamW; %d threads)%n", iterations,
                warmup, Runtime.getRuntime().availableProcessors());
        return 0;
    }
}
