package org.brainalign.models.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.brainalign.core.subject.LayerActivations;
import org.brainalign.core.subject.SubjectOutput;
import org.brainalign.models.nn.Init;
import org.brainalign.models.subject.TransformerSubject;
import org.brainalign.models.nn.Ops;
import org.brainalign.models.nn.ParamSpec;
import org.brainalign.models.tokenizer.TextTokenizer;
import org.brainalign.models.tokenizer.TokenizedText;
import org.brainalign.models.untrained.UntrainedWeights;

/**
 * SUMA (AlKhamissi et al. 2024): the "shared untrained multi-head attention" baseline. Token
 * embeddings go through one untrained block — RMSNorm, then causal multi-head attention with
 * q/k/v/o projections and no bias, plus the residual; no feed-forward network and no position
 * encoding — applied {@code cycles} times with the same weights. All weights are N(0, 0.02), never
 * trained; a part is represented by the block output at its last token (with the earlier parts of
 * the call as context). The paper's model is 4,096 wide with 512 heads and 2 cycles, scored over
 * seeds 10, 20, 30, 42, 50 and averaged; it tokenizes with Llama-2's BPE, here the subject's
 * tokenizer is used (GPT-2's by default). Embedding rows are generated per token on demand, so the
 * 4,096-wide vocabulary never has to fit in memory. One layer, {@code suma.block}.
 *
 * <p>Shapes: T tokens, C = width, NH heads, HD = C / NH.
 */
public final class SumaSubject implements NeuralOnlySubject, AutoCloseable {
    /** The architecture. */
    public record Config(int width, int heads, int cycles, double rmsEps, int maxTokens) {
        public Config {
            if (width < 1 || heads < 1 || width % heads != 0 || cycles < 1 || maxTokens < 2) {
                throw new IllegalArgumentException("SUMA needs width divisible by heads, cycles >= 1 and maxTokens >= 2; got "
                        + width + ", " + heads + ", " + cycles + ", " + maxTokens);
            }
        }

        /** The paper's configuration: 4,096 wide, 512 heads, 2 cycles. */
        public static Config paper() {
            return new Config(4096, 512, 2, 1e-6, 2048);
        }
    }

    /** The seeds the paper averages over. */
    public static final long[] PAPER_SEEDS = {10, 20, 30, 42, 50};

    private static final int HEAD_CHUNK = 64;

    private final Config config;
    private final long seed;
    private final TextTokenizer tokenizer;
    private final NDManager manager;
    private final UntrainedWeights weights;
    private final NDArray wq; // [C, C]
    private final NDArray wk; // [C, C]
    private final NDArray wv; // [C, C]
    private final NDArray wo; // [C, C]
    private final NDArray norm; // [C]

    public SumaSubject(Config config, long seed, TextTokenizer tokenizer, NDManager parent) {
        this.config = config;
        this.seed = seed;
        this.tokenizer = tokenizer;
        this.manager = parent.newSubManager();
        this.weights = new UntrainedWeights(seed);
        long c = config.width();
        wq = matrix("suma.q_proj.weight", c);
        wk = matrix("suma.k_proj.weight", c);
        wv = matrix("suma.v_proj.weight", c);
        wo = matrix("suma.o_proj.weight", c);
        float[] ones = new float[config.width()];
        java.util.Arrays.fill(ones, 1f);
        norm = manager.create(ones, new Shape(c));
    }

    private NDArray matrix(String name, long c) {
        return manager.create(weights.load(new ParamSpec(name, new long[] {c, c}, new Init.Normal(0.02, -1))), new Shape(c, c));
    }

    /** The embedding row of one token id. */
    float[] embedding(long id) {
        return weights.load(new ParamSpec("suma.embed_tokens." + id, new long[] {1, config.width()}, new Init.Normal(0.02, -1)));
    }

    @Override
    public String kind() {
        return "an untrained SUMA block";
    }

    @Override
    public String id() {
        return "suma-" + config.width() + "x" + config.heads() + "@" + seed;
    }


    @Override
    public SubjectOutput digestText(List<String> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("digestText needs at least one part");
        }
        int[] starts = new int[parts.size()];
        int[] ends = new int[parts.size()];
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).isBlank()) {
                throw new IllegalArgumentException("part " + i + " is empty; every part must contain text");
            }
            if (i > 0) {
                joined.append(' ');
            }
            starts[i] = joined.length();
            joined.append(parts.get(i));
            ends[i] = joined.length();
        }
        TokenizedText enc = tokenizer.encode(joined.toString());
        int[] last = TransformerSubject.lastTokens(enc, parts, starts, ends);
        float[][] hidden = forwardWindowed(enc.ids());
        int c = config.width();
        float[] out = new float[parts.size() * c];
        for (int p = 0; p < parts.size(); p++) {
            System.arraycopy(hidden[last[p]], 0, out, p * c, c);
        }
        return new SubjectOutput(parts, List.of(new LayerActivations("suma.block", parts.size(), c, out)), new double[0], List.of());
    }

    /** Block outputs per token; sequences longer than maxTokens run in half-overlapping windows. */
    private float[][] forwardWindowed(long[] ids) {
        int t = ids.length;
        int w = config.maxTokens();
        float[][] out = new float[t][];
        if (t <= w) {
            float[][] h = forward(java.util.Arrays.copyOf(ids, t));
            System.arraycopy(h, 0, out, 0, t);
            return out;
        }
        int stride = w / 2;
        for (int start = 0; ; start += stride) {
            int end = Math.min(t, start + w);
            float[][] h = forward(java.util.Arrays.copyOfRange(ids, start, end));
            int keepFrom = start == 0 ? 0 : w - stride;
            for (int i = keepFrom; i < end - start; i++) {
                out[start + i] = h[i];
            }
            if (end == t) {
                return out;
            }
        }
    }

    /** The block, applied {@code cycles} times, on one window: [T] ids → [T][C]. */
    float[][] forward(long[] ids) {
        int t = ids.length;
        int c = config.width();
        try (NDManager step = manager.newSubManager()) {
            float[] emb = new float[t * c];
            for (int i = 0; i < t; i++) {
                System.arraycopy(embedding(ids[i]), 0, emb, i * c, c);
            }
            NDArray x = step.create(emb, new Shape(1, t, c)); // [1, T, C]
            NDArray mask = Ops.causalMask(step, t);
            double scale = 1.0 / Math.sqrt((double) c / config.heads());
            for (int cycle = 0; cycle < config.cycles(); cycle++) {
                // 1. RMSNorm  2. q, k, v projections  3. causal attention per head  4. output projection  5. residual
                NDArray h = Ops.rmsNorm(x, norm, config.rmsEps());
                NDArray q = Ops.splitHeads(Ops.linear(h, wq, null), config.heads()); // [1, NH, T, HD]
                NDArray k = Ops.splitHeads(Ops.linear(h, wk, null), config.heads());
                NDArray v = Ops.splitHeads(Ops.linear(h, wv, null), config.heads());
                NDList chunks = new NDList();
                for (int from = 0; from < config.heads(); from += HEAD_CHUNK) {
                    int to = Math.min(config.heads(), from + HEAD_CHUNK);
                    String range = ":, " + from + ":" + to;
                    chunks.add(Ops.attention(q.get(range), k.get(range), v.get(range), mask, scale));
                }
                NDArray attended = chunks.size() == 1 ? chunks.head() : NDArrays.concat(chunks, 1);
                x = x.add(Ops.linear(Ops.mergeHeads(attended), wo, null));
            }
            float[] flat = x.toFloatArray();
            float[][] out = new float[t][];
            for (int i = 0; i < t; i++) {
                out[i] = java.util.Arrays.copyOfRange(flat, i * c, (i + 1) * c);
            }
            return out;
        }
    }

    /** The weights as float arrays, [out][in] row-major, for the plain reference in tests. */
    float[][] projections() {
        return new float[][] {wq.toFloatArray(), wk.toFloatArray(), wv.toFloatArray(), wo.toFloatArray()};
    }

    Config config() {
        return config;
    }

    @Override
    public void close() {
        manager.close();
    }

}
