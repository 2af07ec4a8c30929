package org.brainalign.app.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.brainalign.models.LoadedModel;
import org.brainalign.models.registry.ModelRegistry;
import org.brainalign.models.nn.ForwardOutput;
import org.brainalign.models.nn.ForwardRequest;
import org.brainalign.models.nn.ParamSpec;
import org.brainalign.models.nn.TransformerModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brainalign bench extract}: feature-extraction throughput. Each iteration runs one forward
 * pass over {@code batch × tokens} random token ids and copies every layer's hidden states to the
 * JVM heap, as scoring does. Prints tokens/s and the achieved GFLOP/s, counting
 * {@code 2 · T · (matmul parameters)} plus {@code 4 · L · T² · C} for attention scores and mixing.
 */
@Command(name = "extract", mixinStandardHelpOptions = true, description = "Feature-extraction throughput (tokens/s, GFLOP/s).")
public final class ExtractBench implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--tokens", defaultValue = "256", description = "Tokens per sequence (default ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--batch", defaultValue = "1", description = "Sequences per forward pass (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed iterations first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", defaultValue = "10", description = "Timed iterations (default ${DEFAULT-VALUE}).")
    int iterations;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (tokens < 1 || batch < 1 || iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("--tokens, --batch and --iterations must be ≥ 1 and --warmup ≥ 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (NDManager manager = NDManager.newBaseManager();
             LoadedModel model = ModelRegistry.openTransformer(modelOptions.model, modelOptions.request("all", null), manager)) {
            TransformerModel net = model.network();
            if (tokens > net.maxTokens()) {
                throw new IllegalArgumentException("--tokens " + tokens + " exceeds the model's " + net.maxTokens() + " positions");
            }
            SplittableRandom random = new SplittableRandom(1);
            long[][] ids = new long[batch][tokens];
            for (long[] row : ids) {
                Arrays.setAll(row, i -> random.nextInt(net.config().vocabSize()));
            }
            ForwardRequest request = ForwardRequest.allLayers(net, false);
            double flops = batch * flopsPerSequence(net, tokens);
            double[] seconds = new double[iterations];
            for (int i = -warmup; i < iterations; i++) {
                long start = System.nanoTime();
                try (NDManager scope = manager.newSubManager()) {
                    ForwardOutput output = net.forward(scope, ids, request);
                    for (NDArray layer : output.layers()) {
                        layer.toFloatArray();
                    }
                }
                if (i >= 0) {
                    seconds[i] = (System.nanoTime() - start) / 1e9;
                }
            }
            Arrays.sort(seconds);
            double median = seconds[iterations / 2];
            double best = seconds[0];
            out.printf("%-24s %12s %6s %6s %10s %10s %12s %10s%n", "model", "parameters", "T", "B", "median ms", "best ms",
                    "tokens/s", "GFLOP/s");
            out.printf("%-24s %,12d %6d %6d %10.1f %10.1f %,12.0f %10.1f%n", model.id(), net.parameterCount(), tokens, batch,
                    median * 1e3, best * 1e3, batch * tokens / median, flops / median / 1e9);
            out.printf("(median of %d iterations after %d warm-up; all %d layers copied to the heap; %d threads)%n",
                    iterations, warmup, net.layerNames().size(), Runtime.getRuntime().availableProcessors());
        }
        return 0;
    }

    /** Multiply-adds ×2 of one forward pass over {@code t} tokens. */
    static double flopsPerSequence(TransformerModel net, int t) {
        long matmulParams = TransformerModel.parameterSpecs(net.config()).stream()
                .filter(s -> s.shape().length == 2 && !isEmbedding(s))
                .mapToLong(ParamSpec::elementCount).sum();
        double attention = 4.0 * net.config().numLayers() * (double) t * t * net.config().hiddenSize();
        return 2.0 * t * matmulParams + attention;
    }

    private static boolean isEmbedding(ParamSpec s) {
        String n = s.name();
        return n.contains("wte") || n.contains("wpe") || n.contains("embed") || n.contains("embeddings") || n.startsWith("lm_head");
    }
}
