package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.brainalign.core.runtime.OpenBlas;
import org.brainalign.core.runtime.ThreadPolicy;
import org.brainalign.models.config.Activation;
import org.brainalign.models.config.Gpt2Config;

/**
 * GPT-2's inference forward pass as a handful of fused passes over reused buffers, with every matrix
 * product in OpenBLAS's {@code cblas_sgemm} on the weights' own libtorch memory. On AMD processors
 * the oneMKL inside DJL's libtorch reaches about half of OpenBLAS's sgemm throughput, and at the
 * short lengths brain benchmarks use a libtorch forward spends as much again on per-operation
 * allocation; here a block is 5 sgemm calls plus per-head attention products, with bias and
 * residual adds folded into the products ({@code C = x + b}, then {@code C += A·W}) and the
 * element-wise work (LayerNorm, GELU, causal softmax) in Java, parallel over rows. It computes what
 * {@link Gpt2Model}'s libtorch blocks compute (float32 throughout; LayerNorm statistics in double),
 * equal to them within float rounding; the tests hold both to HuggingFace's outputs. Only
 * inference uses it: training keeps libtorch's autograd. {@value #ENV}{@code =libtorch} turns it
 * off, {@code openblas} requires it; {@link #describe()} reports the choice in bench outputs.
 *
 * <p>Shapes: {@code rows} = B·T token rows, C hidden, F inner, NH heads of HD.
 */
final class Gpt2BlasForward implements AutoCloseable {
    /** The environment variable that forces a forward path: {@code openblas} or {@code libtorch}. */
    static final String ENV = "BRAINALIGN_FORWARD";

    private static final String CHOICE = System.getenv(ENV) == null ? ""
            : System.getenv(ENV).strip().toLowerCase(Locale.ROOT);

    /** Element-wise passes smaller than this many floats run on the calling thread alone. */
    private static final int PARALLEL_MIN = 1 << 15;

    private record Block(MemorySegment ln1w, MemorySegment ln1b, MemorySegment attnW, MemorySegment attnB,
            MemorySegment projW, MemorySegment projB, MemorySegment ln2w, MemorySegment ln2b,
            MemorySegment fcW, MemorySegment fcB, MemorySegment mprojW, MemorySegment mprojB) {}

    private final Gpt2Config c;
    private final MemorySegment wte;
    private final MemorySegment wpe;
    private final MemorySegment lnfW;
    private final MemorySegment lnfB;
    private final MemorySegment head;
    private final Block[] blocks;
    private final int hidden;
    private final int inner;
    private final int heads;
    private final int headDim;
    private final ForkJoinPool pool;

    private Arena arena;
    private int capacityRows;
    private int capacityT;
    private MemorySegment x;       // [rows, C] residual stream
    private MemorySegment normed;  // [rows, C] LayerNorm output
    private MemorySegment qkv;     // [rows, 3C]
    private MemorySegment merged;  // [rows, C] attention output, heads side by side
    private MemorySegment mlp;     // [rows, F]
    private MemorySegment scores;  // [NH, T, T] one batch row's attention weights

    private Gpt2BlasForward(Gpt2Config c, Function<String, NDArray> p) {
        this.c = c;
        this.hidden = c.hiddenSize();
        this.inner = c.nInner();
        this.heads = c.numHeads();
        this.headDim = c.headDim();
        this.wte = memory(p.apply("transformer.wte.weight"));
        this.wpe = memory(p.apply("transformer.wpe.weight"));
        this.lnfW = memory(p.apply("transformer.ln_f.weight"));
        this.lnfB = memory(p.apply("transformer.ln_f.bias"));
        this.head = c.tieWordEmbeddings() ? wte : memory(p.apply("lm_head.weight"));
        this.blocks = new Block[c.numLayers()];
        for (int i = 0; i < blocks.length; i++) {
            String h = "transformer.h." + i + ".";
            blocks[i] = new Block(memory(p.apply(h + "ln_1.weight")), memory(p.apply(h + "ln_1.bias")),
                    memory(p.apply(h + "attn.c_attn.weight")), memory(p.apply(h + "attn.c_attn.bias")),
                    memory(p.apply(h + "attn.c_proj.weight")), memory(p.apply(h + "attn.c_proj.bias")),
                    memory(p.apply(h + "ln_2.weight")), memory(p.apply(h + "ln_2.bias")),
                    memory(p.apply(h + "mlp.c_fc.weight")), memory(p.apply(h + "mlp.c_fc.bias")),
                    memory(p.apply(h + "mlp.c_proj.weight")), memory(p.apply(h + "mlp.c_proj.bias")));
        }
        this.pool = new ForkJoinPool(ThreadPolicy.current().threads());
    }

    /**
     * The OpenBLAS forward for a GPT-2 whose parameters {@code p} returns (memory layout: Conv1D
     * weights as [out, in]), or empty when the libtorch path must run: {@value #ENV}=libtorch, an
     * activation this path does not implement (exact-erf GELU), or a tensor beyond 2 GiB.
     *
     * @throws IllegalStateException when {@value #ENV}=openblas but it cannot run, or the variable
     *     holds another value
     */
    static Optional<Gpt2BlasForward> of(Gpt2Config c, Function<String, NDArray> p) {
        String why = switch (CHOICE) {
            case "libtorch" -> "off";
            case "", "openblas" -> !OpenBlas.hasSgemm() ? OpenBlas.absence().orElse("OpenBLAS lacks cblas_sgemm")
                    : c.activation() == Activation.GELU_ERF ? "exact-erf GELU is computed by libtorch"
                    : (long) c.vocabSize() * c.hiddenSize() * Float.BYTES > Integer.MAX_VALUE
                            ? "the embedding exceeds 2 GiB" : null;
            default -> throw new IllegalStateException(ENV + "=" + CHOICE + ": expected openblas or libtorch");
        };
        if (why == null) {
            return Optional.of(new Gpt2BlasForward(c, p));
        }
        if (CHOICE.equals("openblas")) {
            throw new IllegalStateException(ENV + "=openblas, but " + why);
        }
        return Optional.empty();
    }

    /** One line for bench outputs: which path GPT-2 forwards take in this JVM, and why. */
    static String describe() {
        return switch (CHOICE) {
            case "libtorch" -> "GPT-2 forward: libtorch (" + ENV + "=libtorch)";
            default -> OpenBlas.hasSgemm()
                    ? "GPT-2 forward: OpenBLAS sgemm (" + OpenBlas.library().orElseThrow() + ") + Java"
                    : "GPT-2 forward: libtorch (" + OpenBlas.absence().orElse("no cblas_sgemm") + ")";
        };
    }

    /**
     * The forward pass of {@link TransformerModel#forward(NDManager, long[][], int[], ForwardRequest)}:
     * B rows of T ids (already checked), right padding needing no mask (causal), the requested layers
     * and logits as new tensors of {@code scope}.
     */
    synchronized ForwardOutput forward(NDManager scope, long[] flat, int b, int t, int layerCount,
            ForwardRequest request) {
        int rows = b * t;
        ensureCapacity(rows, t);
        BitSet wanted = request.layers();
        int deepest = request.logits() ? layerCount - 1 : wanted.length() - 1;
        NDArray[] out = new NDArray[layerCount];
        embed(flat, rows, t);
        if (wanted.get(0)) {
            out[0] = copyOut(scope, x, b, t, hidden);
        }
        int n = blocks.length;
        for (int i = 0; i < n && i + 1 <= deepest; i++) {
            block(i, b, t);
            if (wanted.get(i + 1)) {
                out[i + 1] = copyOut(scope, x, b, t, hidden);
            }
        }
        NDArray logits = null;
        if (deepest == n + 1) {
            layerNorm(x, normed, rows, lnfW, lnfB);
            if (wanted.get(n + 1)) {
                out[n + 1] = copyOut(scope, normed, b, t, hidden);
            }
            if (request.logits()) {
                int v = c.vocabSize();
                logits = scope.create(new Shape(b, t, v), DataType.FLOAT32);
                OpenBlas.sgemm(false, true, rows, v, hidden, 1f, normed, hidden, head, hidden, 0f, memory(logits), v);
            }
        }
        return new ForwardOutput(out, logits);
    }

    private void embed(long[] flat, int rows, int t) {
        long rowBytes = (long) hidden * Float.BYTES;
        parallel(rows, (long) rows * hidden, r -> {
            long to = r * rowBytes;
            long tok = flat[(int) r] * rowBytes;
            long pos = (r % t) * rowBytes;
            for (int j = 0; j < hidden; j++) {
                long o = (long) j * Float.BYTES;
                x.set(ValueLayout.JAVA_FLOAT, to + o, wte.get(ValueLayout.JAVA_FLOAT, tok + o)
                        + wpe.get(ValueLayout.JAVA_FLOAT, pos + o));
            }
        });
    }

    private void block(int i, int b, int t) {
        Block w = blocks[i];
        int rows = b * t;
        int c3 = 3 * hidden;
        // attention: qkv = ln_1(x)·W + b; per batch row and head, softmax(q·kᵀ·scale + causal)·v
        layerNorm(x, normed, rows, w.ln1w(), w.ln1b());
        fillRows(qkv, rows, w.attnB(), c3);
        OpenBlas.sgemm(false, true, rows, c3, hidden, 1f, normed, hidden, w.attnW(), hidden, 1f, qkv, c3);
        float scale = (float) ((c.scaleAttnWeights() ? 1 / Math.sqrt(headDim) : 1.0)
                / (c.scaleAttnByInverseLayerIdx() ? i + 1 : 1));
        long fb = Float.BYTES;
        for (int bb = 0; bb < b; bb++) {
            long base = (long) bb * t * c3 * fb;
            for (int h = 0; h < heads; h++) {
                MemorySegment q = qkv.asSlice(base + (long) h * headDim * fb);
                MemorySegment k = qkv.asSlice(base + ((long) hidden + (long) h * headDim) * fb);
                OpenBlas.sgemm(false, true, t, t, headDim, scale, q, c3, k, c3, 0f,
                        scores.asSlice((long) h * t * t * fb), t);
            }
            causalSoftmax(t);
            for (int h = 0; h < heads; h++) {
                MemorySegment v = qkv.asSlice(base + (2L * hidden + (long) h * headDim) * fb);
                MemorySegment y = merged.asSlice(((long) bb * t * hidden + (long) h * headDim) * fb);
                OpenBlas.sgemm(false, false, t, headDim, t, 1f, scores.asSlice((long) h * t * t * fb), t, v, c3, 0f,
                        y, hidden);
            }
        }
        // x += merged·W + b
        addRows(x, rows, w.projB(), hidden);
        OpenBlas.sgemm(false, true, rows, hidden, hidden, 1f, merged, hidden, w.projW(), hidden, 1f, x, hidden);
        // MLP: x += act(ln_2(x)·W_fc + b_fc)·W_proj + b_proj
        layerNorm(x, normed, rows, w.ln2w(), w.ln2b());
        fillRows(mlp, rows, w.fcB(), inner);
        OpenBlas.sgemm(false, true, rows, inner, hidden, 1f, normed, hidden, w.fcW(), hidden, 1f, mlp, inner);
        activate(rows);
        addRows(x, rows, w.mprojB(), hidden);
        OpenBlas.sgemm(false, true, rows, hidden, inner, 1f, mlp, inner, w.mprojW(), inner, 1f, x, hidden);
    }

    /** LayerNorm of each row of {@code in} into {@code out}: statistics in double, as one pass each. */
    private void layerNorm(MemorySegment in, MemorySegment out, int rows, MemorySegment gamma, MemorySegment beta) {
        double eps = c.layerNormEpsilon();
        long rowBytes = (long) hidden * Float.BYTES;
        parallel(rows, (long) rows * hidden * 3, r -> {
            long o = r * rowBytes;
            double sum = 0;
            for (int j = 0; j < hidden; j++) {
                sum += in.get(ValueLayout.JAVA_FLOAT, o + (long) j * Float.BYTES);
            }
            double mean = sum / hidden;
            double sq = 0;
            for (int j = 0; j < hidden; j++) {
                double d = in.get(ValueLayout.JAVA_FLOAT, o + (long) j * Float.BYTES) - mean;
                sq += d * d;
            }
            float m = (float) mean;
            float rstd = (float) (1 / Math.sqrt(sq / hidden + eps));
            for (int j = 0; j < hidden; j++) {
                long e = (long) j * Float.BYTES;
                float v = (in.get(ValueLayout.JAVA_FLOAT, o + e) - m) * rstd;
                out.set(ValueLayout.JAVA_FLOAT, o + e,
                        v * gamma.get(ValueLayout.JAVA_FLOAT, e) + beta.get(ValueLayout.JAVA_FLOAT, e));
            }
        });
    }

    /** Row r of {@code s}'s scores ([NH, T, T]) → softmax over columns 0…r, zeros after (causal). */
    private void causalSoftmax(int t) {
        long fb = Float.BYTES;
        parallel(heads * t, (long) heads * t * t / 2 * 8, hr -> {
            int r = (int) (hr % t);
            long o = hr * t * fb;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j <= r; j++) {
                max = Math.max(max, scores.get(ValueLayout.JAVA_FLOAT, o + j * fb));
            }
            double sum = 0;
            for (int j = 0; j <= r; j++) {
                float e = (float) Math.exp(scores.get(ValueLayout.JAVA_FLOAT, o + j * fb) - max);
                scores.set(ValueLayout.JAVA_FLOAT, o + j * fb, e);
                sum += e;
            }
            float inv = (float) (1 / sum);
            for (int j = 0; j <= r; j++) {
                scores.set(ValueLayout.JAVA_FLOAT, o + j * fb, scores.get(ValueLayout.JAVA_FLOAT, o + j * fb) * inv);
            }
            for (int j = r + 1; j < t; j++) {
                scores.set(ValueLayout.JAVA_FLOAT, o + j * fb, 0f);
            }
        });
    }

    /** The MLP's non-linearity on {@code mlp} in place. */
    private void activate(int rows) {
        Activation a = c.activation();
        long rowBytes = (long) inner * Float.BYTES;
        parallel(rows, (long) rows * inner * 8, r -> {
            long o = r * rowBytes;
            for (int j = 0; j < inner; j++) {
                long e = o + (long) j * Float.BYTES;
                mlp.set(ValueLayout.JAVA_FLOAT, e, activation(a, mlp.get(ValueLayout.JAVA_FLOAT, e)));
            }
        });
    }

    /**
     * One value through {@code a}: GELU-tanh as {@code x·σ(2z)}, {@code 2z = x·(K1 + K3·x²)} (the
     * identity {@link Ops#activate} uses), SiLU, ReLU.
     */
    static float activation(Activation a, float v) {
        return switch (a) {
            case GELU_TANH -> (float) (v / (1 + Math.exp(-(double) v * (GELU_K1 + GELU_K3 * (double) v * v))));
            case SILU -> (float) (v / (1 + Math.exp(-(double) v)));
            case RELU -> Math.max(v, 0f);
            case GELU_ERF -> throw new IllegalStateException("exact-erf GELU runs in libtorch");
        };
    }

    private static final double GELU_K1 = 2 * Math.sqrt(2 / Math.PI);
    private static final double GELU_K3 = 2 * Math.sqrt(2 / Math.PI) * 0.044715;

    /** Each of {@code rows} rows of {@code m} (width {@code width}) := {@code bias}. */
    private void fillRows(MemorySegment m, int rows, MemorySegment bias, int width) {
        long rowBytes = (long) width * Float.BYTES;
        parallel(rows, (long) rows * width, r -> MemorySegment.copy(bias, 0, m, r * rowBytes, rowBytes));
    }

    /** Each of {@code rows} rows of {@code m} (width {@code width}) += {@code bias}. */
    private void addRows(MemorySegment m, int rows, MemorySegment bias, int width) {
        long rowBytes = (long) width * Float.BYTES;
        parallel(rows, (long) rows * width, r -> {
            long o = r * rowBytes;
            for (int j = 0; j < width; j++) {
                long e = (long) j * Float.BYTES;
                m.set(ValueLayout.JAVA_FLOAT, o + e, m.get(ValueLayout.JAVA_FLOAT, o + e) + bias.get(ValueLayout.JAVA_FLOAT, e));
            }
        });
    }

    /** Runs {@code body} for 0…n−1, spread over the policy's threads when {@code work} is large. */
    private void parallel(int n, long work, java.util.function.LongConsumer body) {
        if (work < PARALLEL_MIN || pool.getParallelism() == 1 || n == 1) {
            for (long r = 0; r < n; r++) {
                body.accept(r);
            }
            return;
        }
        pool.submit(() -> IntStream.range(0, n).parallel().forEach(r -> body.accept(r))).join();
    }

    private void ensureCapacity(int rows, int t) {
        if (arena != null && rows <= capacityRows && t <= capacityT) {
            return;
        }
        if (arena != null) {
            arena.close();
        }
        int newRows = Math.max(rows, capacityRows);
        int newT = Math.max(t, capacityT);
        arena = Arena.ofShared();
        long fb = Float.BYTES;
        x = arena.allocate((long) newRows * hidden * fb, 64);
        normed = arena.allocate((long) newRows * hidden * fb, 64);
        qkv = arena.allocate((long) newRows * 3 * hidden * fb, 64);
        merged = arena.allocate((long) newRows * hidden * fb, 64);
        mlp = arena.allocate((long) newRows * inner * fb, 64);
        scores = arena.allocate((long) heads * newT * newT * fb, 64);
        capacityRows = newRows;
        capacityT = newT;
    }

    /** A new [B, T, width] tensor of {@code scope} holding the first B·T rows of {@code m}. */
    private static NDArray copyOut(NDManager scope, MemorySegment m, int b, int t, int width) {
        NDArray a = scope.create(new Shape(b, t, width), DataType.FLOAT32);
        MemorySegment.copy(m, 0, memory(a), 0, (long) b * t * width * Float.BYTES);
        return a;
    }

    /** A float32 CPU tensor's own memory (its contiguous copy when it is a strided view). */
    private static MemorySegment memory(NDArray a) {
        if (a.getDataType() != DataType.FLOAT32) {
            throw new IllegalStateException("expected a float32 tensor, found " + a.getDataType());
        }
        ByteBuffer buffer = a.toByteBuffer(true);
        if (!buffer.isDirect()) {
            throw new IllegalStateException("libtorch returned a heap copy instead of the tensor's memory");
        }
        return MemorySegment.ofBuffer(buffer);
    }

    @Override
    public synchronized void close() {
        if (arena != null) {
            arena.close();
            arena = null;
        }
        pool.shutdown();
    }
}
