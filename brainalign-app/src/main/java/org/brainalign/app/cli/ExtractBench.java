package org.brainalign.app.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.brainalign.core.runtime.OpenBlas;
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

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed iterations first: at least this many "
            + "(default ${DEFAULT-VALUE}) and at least --warmup-seconds of them.")
    int warmup;

    @Option(names = "--warmup-seconds", defaultValue = "5", paramLabel = "<s>", description = "Least time spent warming up "
            + "(default ${DEFAULT-VALUE}): the JIT compiles the element-wise kernels only after some thousand calls, "
            + "which a few passes do not reach (at T = 256, medians after 2 s of warm-up were 8–10 %% slower than after 6 s). bench/compare-torch gives PyTorch the same rule.")
    double warmupSeconds;

    @Option(names = "--iterations", defaultValue = "10", description = "Timed iterations (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--stimuli", paramLabel = "<n>", description = "Instead: n independent sentences (each alone, all layers "
            + "recorded, as Tuckute2024 and the localizer present them), run batched and one by one.")
    Integer stimuli;

    @Option(names = "--words", defaultValue = "12", paramLabel = "<w>", description = "Words per sentence with --stimuli "
            + "(default ${DEFAULT-VALUE}).")
    int words;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (tokens < 1 || batch < 1 || iterations < 1 || warmup < 0 || !(warmupSeconds >= 0)) {
            throw new IllegalArgumentException("--tokens, --batch and --iterations must be ≥ 1, --warmup and --warmup-seconds ≥ 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (stimuli != null) {
            return stimuliBench(out);
        }
        long opening = System.nanoTime();
        NDManager manager = NDManager.newBaseManager(); // starts libtorch on first use
        long engineReady = System.nanoTime();
        try (manager; LoadedModel model = ModelRegistry.openTransformer(modelOptions.model, modelOptions.request("all", null), manager)) {
            double engineSeconds = (engineReady - opening) / 1e9;
            double loadSeconds = (System.nanoTime() - engineReady) / 1e9;
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
            Runnable pass = () -> {
                try (NDManager scope = manager.newSubManager()) {
                    ForwardOutput output = net.forward(scope, ids, request);
                    for (NDArray layer : output.layers()) {
                        layer.toFloatArray();
                    }
                }
            };
            int warmed = 0;
            long warming = System.nanoTime();
            while (warmed < warmup || System.nanoTime() - warming < warmupSeconds * 1e9) {
                pass.run();
                warmed++;
            }
            double[] seconds = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                pass.run();
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
            Arrays.sort(seconds);
            double median = seconds[iterations / 2];
            double best = seconds[0];
            out.printf("%-24s %12s %6s %6s %10s %10s %12s %10s%n", "model", "parameters", "T", "B", "median ms", "best ms",
                    "tokens/s", "GFLOP/s");
            out.printf("%-24s %,12d %6d %6d %10.1f %10.1f %,12.0f %10.1f%n", model.id(), net.parameterCount(), tokens, batch,
                    median * 1e3, best * 1e3, batch * tokens / median, flops / median / 1e9);
            out.printf("(median of %d iterations after %d warm-up passes (at least %d and %.1f s); all %d layers copied to the heap)%n",
                    iterations, warmed, warmup, warmupSeconds, net.layerNames().size());
            out.printf("model load: %.2f s (%s: weights read or generated, checked and copied to libtorch; "
                    + "starting libtorch before it took %.2f s more)%n", loadSeconds, model.id(), engineSeconds);
            out.println(ceilingLine(manager));
            out.println(threadsLine());
        }
        return 0;
    }

    /**
     * The machine's fp32 matmul ceiling through each library a forward pass may use: GFLOP/s of a
     * [1024, 768] × [768, 3072] product (GPT-2-small's MLP at T = 1,024), median of 20 after 5
     * warm-ups, through libtorch (with the copy to the heap) and through OpenBLAS's sgemm when present.
     */
    static String ceilingLine(NDManager manager) {
        double flop = 2.0 * 1024 * 768 * 3072;
        double[] s = new double[20];
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = scope.randomNormal(new ai.djl.ndarray.types.Shape(1024, 768));
            NDArray b = scope.randomNormal(new ai.djl.ndarray.types.Shape(768, 3072));
            for (int i = -5; i < s.length; i++) {
                long start = System.nanoTime();
                try (NDManager step = scope.newSubManager()) {
                    NDArray c = a.matMul(b);
                    c.attach(step);
                    c.toFloatArray();
                }
                if (i >= 0) {
                    s[i] = (System.nanoTime() - start) / 1e9;
                }
            }
        }
        Arrays.sort(s);
        String line = String.format("matmul ceiling ([1024,768]x[768,3072] fp32): libtorch %.1f GFLOP/s (incl. copy-out)",
                flop / s[s.length / 2] / 1e9);
        if (!OpenBlas.hasSgemm()) {
            return line;
        }
        SplittableRandom random = new SplittableRandom(2);
        float[] a = new float[1024 * 768];
        float[] b = new float[768 * 3072];
        float[] c = new float[1024 * 3072];
        for (float[] m : new float[][] {a, b}) {
            for (int i = 0; i < m.length; i++) {
                m[i] = (float) random.nextGaussian();
            }
        }
        for (int i = -5; i < s.length; i++) {
            long start = System.nanoTime();
            OpenBlas.sgemm(false, false, 1024, 3072, 768, 1f, MemorySegment.ofArray(a), 768, MemorySegment.ofArray(b), 3072,
                    0f, MemorySegment.ofArray(c), 3072);
            if (i >= 0) {
                s[i] = (System.nanoTime() - start) / 1e9;
            }
        }
        Arrays.sort(s);
        return line + String.format("; OpenBLAS sgemm %.1f GFLOP/s", flop / s[s.length / 2] / 1e9);
    }

    /** The thread policy and what libtorch actually uses, for every bench output. */
    static String threadsLine() {
        return "threads: " + org.brainalign.core.runtime.ThreadPolicy.current().describe() + "; libtorch intra-op "
                + org.brainalign.models.nn.TorchThreads.inUse() + "; " + org.brainalign.models.nn.Gpt2Model.forwardPath();
    }

    /** Common words, from which the benchmark's sentences are drawn (seeded). */
    private static final String[] WORDS = ("the of and to in is was for that on with as by at from his her they which "
            + "people time year city water language brain sentence reading story night house children music light world "
            + "walked found said thought gave came turned looked small old new great long quiet bright early last").split(" ");

    /** {@code n} seeded sentences of {@code words} common words and a period, the same on every run. */
    static java.util.List<String> sentences(int n, int words) {
        SplittableRandom random = new SplittableRandom(1);
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sentence = new StringBuilder();
            for (int w = 0; w < words; w++) {
                sentence.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            out.add(sentence.append('.').toString());
        }
        return out;
    }

    private Integer stimuliBench(PrintWriter out) {
        if (stimuli < 1 || words < 1) {
            throw new IllegalArgumentException("--stimuli and --words must be ≥ 1");
        }
        java.util.List<java.util.List<String>> calls = sentences(stimuli, words).stream().map(java.util.List::of).toList();
        try (NDManager manager = NDManager.newBaseManager();
             LoadedModel model = ModelRegistry.openTransformer(modelOptions.model, modelOptions.request("all", null), manager)) {
            TransformerModel net = model.network();
            long tokens = 0;
            double flops = 0;
            for (var call : calls) {
                int t = model.tokenizer().encode(call.getFirst()).size();
                tokens += t;
                flops += flopsPerSequence(net, t);
            }
            out.printf("%-24s %8s %6s %8s %10s %12s %10s%n", "model", "stimuli", "words", "tokens", "mode", "tokens/s", "GFLOP/s");
            for (boolean batched : new boolean[] {true, false}) {
                var subject = new org.brainalign.models.subject.TransformerSubject(model, manager,
                        org.brainalign.models.subject.ContextWindow.defaults(), net.layerNames());
                if (!batched) {
                    subject.batchTokens(1);
                }
                subject.startNeuralRecording(org.brainalign.core.subject.Region.LANGUAGE_SYSTEM, org.brainalign.core.subject.Modality.FMRI);
                subject.digestTexts(calls.subList(0, Math.min(calls.size(), 64)), (d, t) -> {}); // warm-up
                double[] seconds = new double[Math.max(1, iterations)];
                for (int i = 0; i < seconds.length; i++) {
                    long start = System.nanoTime();
                    subject.digestTexts(calls, (d, t) -> {});
                    seconds[i] = (System.nanoTime() - start) / 1e9;
                }
                Arrays.sort(seconds);
                double median = seconds[seconds.length / 2];
                out.printf("%-24s %,8d %6d %,8d %10s %,12.0f %10.1f%n", model.id(), stimuli, words, tokens,
                        batched ? "batched" : "one by one", tokens / median, flops / median / 1e9);
            }
            out.printf("(median of %d runs over all stimuli after a warm-up; all %d layers of each sentence's last token kept)%n",
                    Math.max(1, iterations), net.layerNames().size());
            out.println(ceilingLine(manager));
            out.println(threadsLine());
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
