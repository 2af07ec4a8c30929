package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.brainalign.core.runtime.OpenBlas;
import org.brainalign.core.runtime.SpinningTeam;
import org.brainalign.core.runtime.ThreadPolicy;
import org.brainalign.models.config.Activation;
import org.brainalign.models.config.Gpt2Config;

/**
 * GPT-2's inference forward pass as a few fused passes over reused buffers, with every matrix product
 * in OpenBLAS's {@code cblas_sgemm}: the weights stay in libtorch's memory, the activations live in
 * Java float arrays that OpenBLAS reads and writes in place (critical downcalls, no copies). On AMD
 * processors the oneMKL inside DJL's libtorch reaches about half of OpenBLAS's sgemm throughput, and
 * a libtorch pass spends much of the rest allocating a tensor per operation. Here a block is four
 * projections, with bias and residual adds folded into them ({@code C = x + b}, then
 * {@code C += A·W}), two products per attention head, and the element-wise work (LayerNorm, GELU,
 * causal softmax) in Java loops that C2 vectorises ({@link FloatKernels}). It computes what
 * {@link Gpt2Model}'s libtorch blocks compute, float32 throughout (LayerNorm statistics in double),
 * equal to them within float rounding (tested at 1e-5); HuggingFace parity follows from theirs.
 * Training stays in libtorch. The parallel parts run on a {@link SpinningTeam}, whose helpers stay
 * awake between the hundred-odd short loops of a pass: with a parking thread pool, waking the
 * helper cost a third of a 32-token pass on a 2-vCPU virtual machine, and libtorch was faster below
 * 64 token rows; with the team this path is faster at every length (docs/performance.md).
 * {@value #ENV}{@code =libtorch} turns this path off, {@code openblas} requires it;
 * {@link #describe()} reports the choice in bench outputs.
 *
 * <p>Shapes: {@code rows} = B·T token rows, C hidden, F inner, NH heads of HD.
 */
final class Gpt2BlasForward implements AutoCloseable {
    /** The environment variable that forces a forward path: {@code openblas} or {@code libtorch}. */
    static final String ENV = "BRAINALIGN_FORWARD";

    private static final String CHOICE = System.getenv(ENV) == null ? ""
            : System.getenv(ENV).strip().toLowerCase(Locale.ROOT);

    /**
     * Loops below this many float operations (some ten microseconds) run on the calling thread
     * alone: handing out work to the team's awake helpers costs about a microsecond, so smaller
     * loops gain nothing from them.
     */
    private static final int PARALLEL_MIN = 1 << 15;

    /** Queries per causal attention block (see {@link #block}). */
    private static final int QUERY_BLOCK = 128;

    /** One block's weights: matrices in libtorch's memory ([out, in]), vectors copied to the heap. */
    private record Block(float[] ln1w, float[] ln1b, MemorySegment attnW, float[] attnB,
            MemorySegment projW, float[] projB, float[] ln2w, float[] ln2b,
            MemorySegment fcW, float[] fcB, MemorySegment mprojW, float[] mprojB) {}

    private final Gpt2Config c;
    private final MemorySegment wte;
    private final MemorySegment wpe;
    private final float[] lnfW;
    private final float[] lnfB;
    private final MemorySegment head;
    private final Block[] blocks;
    private final int hidden;
    private final int inner;
    private final int heads;
    private final int headDim;
    /** Runs the pass's parallel parts; replaced at the start of a pass when the thread policy changed. */
    private SpinningTeam team;
    /** Per worker of {@link #team}: its scratch rows, made on first use. */
    private Scratch[] scratch;

    private int capacityRows;
    private int capacityT;
    private float[] x;       // [rows, C] residual stream
    private float[] normed;  // [rows, C] LayerNorm output
    private float[] qkv;     // [rows, 3C]
    private float[] merged;  // [rows, C] attention output, heads side by side
    private float[] mlp;     // [rows, F]

    private Gpt2BlasForward(Gpt2Config c, Function<String, NDArray> p) {
        this.c = c;
        this.hidden = c.hiddenSize();
        this.inner = c.nInner();
        this.heads = c.numHeads();
        this.headDim = c.headDim();
        this.wte = memory(p.apply("transformer.wte.weight"));
        this.wpe = memory(p.apply("transformer.wpe.weight"));
        this.lnfW = p.apply("transformer.ln_f.weight").toFloatArray();
        this.lnfB = p.apply("transformer.ln_f.bias").toFloatArray();
        this.head = c.tieWordEmbeddings() ? wte : memory(p.apply("lm_head.weight"));
        this.blocks = new Block[c.numLayers()];
        for (int i = 0; i < blocks.length; i++) {
            String h = "transformer.h." + i + ".";
            Function<String, float[]> v = name -> p.apply(h + name).toFloatArray();
            blocks[i] = new Block(v.apply("ln_1.weight"), v.apply("ln_1.bias"),
                    memory(p.apply(h + "attn.c_attn.weight")), v.apply("attn.c_attn.bias"),
                    memory(p.apply(h + "attn.c_proj.weight")), v.apply("attn.c_proj.bias"),
                    v.apply("ln_2.weight"), v.apply("ln_2.bias"),
                    memory(p.apply(h + "mlp.c_fc.weight")), v.apply("mlp.c_fc.bias"),
                    memory(p.apply(h + "mlp.c_proj.weight")), v.apply("mlp.c_proj.bias"));
        }
        this.team = newTeam(ThreadPolicy.current().threads());
    }

    private SpinningTeam newTeam(int threads) {
        scratch = new Scratch[threads];
        return new SpinningTeam(threads, "brainalign-gpt2-forward");
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
            case "", "openblas" -> !available() ? OpenBlas.absence().orElse("OpenBLAS lacks cblas_sgemm or cblas_sgemv")
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
            default -> available()
                    ? "GPT-2 forward: OpenBLAS sgemm (" + OpenBlas.library().orElseThrow() + ") + Java"
                    : "GPT-2 forward: libtorch (" + OpenBlas.absence().orElse("no cblas_sgemm or cblas_sgemv") + ")";
        };
    }

    /** Whether OpenBLAS offers what this path calls: {@code cblas_sgemm} and {@code cblas_sgemv}. */
    static boolean available() {
        return OpenBlas.hasSgemm() && OpenBlas.hasSgemv();
    }

    /**
     * The forward pass of {@link TransformerModel#forward(NDManager, long[][], int[], ForwardRequest)}:
     * B rows of T ids (already checked), right padding needing no mask (causal), the requested layers
     * and logits as new tensors of {@code scope}; null (libtorch runs it) when a buffer would exceed a
     * Java array.
     */
    synchronized ForwardOutput forward(NDManager scope, long[] flat, int b, int t, int layerCount,
            ForwardRequest request) {
        ThreadPolicy policy = ThreadPolicy.current();
        if (team.size() != policy.threads()) {
            team.close();
            team = newTeam(policy.threads());
        }
        // OpenBLAS runs single-threaded (ThreadPolicy); the fixed bands below are spread over the policy's threads
        return run(scope, flat, b, t, layerCount, request);
    }

    private ForwardOutput run(NDManager scope, long[] flat, int b, int t, int layerCount, ForwardRequest request) {
        int rows = b * t;
        if ((long) rows * Math.max(3 * hidden, inner) > Integer.MAX_VALUE - 16) {
            return null;
        }
        ensureCapacity(rows, t);
        BitSet wanted = request.layers();
        int deepest = request.logits() ? layerCount - 1 : wanted.length() - 1;
        NDArray[] out = new NDArray[layerCount];
        // Every output tensor is made before the pass: libtorch's allocation of one took 50–70 µs between
        // the pass's products (against 4 µs back to back), 14 of them 2–3 % of a 32-token pass.
        MemorySegment[] memory = new MemorySegment[layerCount];
        for (int l = wanted.nextSetBit(0); l >= 0 && l < layerCount; l = wanted.nextSetBit(l + 1)) {
            out[l] = scope.create(new Shape(b, t, hidden), DataType.FLOAT32);
            memory[l] = memory(out[l]);
        }
        embed(flat, rows, t);
        if (wanted.get(0)) {
            copyOut(x, memory[0], rows);
        }
        int n = blocks.length;
        for (int i = 0; i < n && i + 1 <= deepest; i++) {
            block(i, b, t);
            if (wanted.get(i + 1)) {
                copyOut(x, memory[i + 1], rows);
            }
        }
        NDArray logits = null;
        if (deepest == n + 1) {
            double eps = c.layerNormEpsilon();
            parallelFor(rows, hidden * 4L, (r, s) -> layerNorm(r, s, lnfW, lnfB, eps));
            if (wanted.get(n + 1)) {
                copyOut(normed, memory[n + 1], rows);
            }
            if (request.logits()) {
                int v = c.vocabSize();
                logits = scope.create(new Shape(b, t, v), DataType.FLOAT32);
                product(rows, v, hidden, MemorySegment.ofArray(normed), head, 0f, memory(logits));
            }
        }
        return new ForwardOutput(out, logits);
    }

    /** x[r] = wte[id] + wpe[position]. */
    private void embed(long[] flat, int rows, int t) {
        parallelFor(rows, hidden * 2L, (r, s) -> {
            MemorySegment.copy(wte, ValueLayout.JAVA_FLOAT, flat[r] * hidden * Float.BYTES, s.row, 0, hidden);
            MemorySegment.copy(wpe, ValueLayout.JAVA_FLOAT, (long) (r % t) * hidden * Float.BYTES, s.other, 0, hidden);
            FloatKernels.add(s.row, s.other, hidden);
            System.arraycopy(s.row, 0, x, r * hidden, hidden);
        });
    }

    private void block(int i, int b, int t) {
        Block w = blocks[i];
        int rows = b * t;
        int c3 = 3 * hidden;
        double eps = c.layerNormEpsilon();
        MemorySegment xs = MemorySegment.ofArray(x);
        MemorySegment ns = MemorySegment.ofArray(normed);
        MemorySegment qs = MemorySegment.ofArray(qkv);
        MemorySegment ms = MemorySegment.ofArray(merged);
        MemorySegment fs = MemorySegment.ofArray(mlp);
        long fb = Float.BYTES;
        // attention: qkv = ln_1(x)·W + b; per batch row and head, softmax(q·kᵀ·scale + causal)·v
        // (x += b_proj here too: x is not read again before the output projection adds into it)
        parallelFor(rows, hidden * 6L, (r, s) -> {
            layerNorm(r, s, w.ln1w(), w.ln1b(), eps);
            addToX(r, s, w.projB());
            System.arraycopy(w.attnB(), 0, qkv, r * c3, c3);
        });
        product(rows, c3, hidden, ns, w.attnW(), 1f, qs);
        float scale = (float) ((c.scaleAttnWeights() ? 1 / Math.sqrt(headDim) : 1.0)
                / (c.scaleAttnByInverseLayerIdx() ? i + 1 : 1));
        // Causal attention, one task per (batch row, head), in blocks of QUERY_BLOCK queries: block
        // [r0, r1) needs only keys [0, r1), so the products skip most of the masked upper triangle.
        // A block's [r1 − r0, r1] weights live in the worker's own scratch, which stays in its cache.
        parallelFor(b * heads, (long) t * t * headDim * 4, (bh, sc) -> {
            int bb = bh / heads;
            int h = bh % heads;
            long base = (long) bb * t * c3 * fb;
            MemorySegment k = qs.asSlice(base + ((long) hidden + (long) h * headDim) * fb);
            MemorySegment v = qs.asSlice(base + (2L * hidden + (long) h * headDim) * fb);
            for (int r0 = 0; r0 < t; r0 += QUERY_BLOCK) {
                int r1 = Math.min(t, r0 + QUERY_BLOCK);
                MemorySegment q = qs.asSlice(base + ((long) r0 * c3 + (long) h * headDim) * fb);
                attendBlock(sc, q, k, v, (bb * t + r0) * hidden + h * headDim, r0, r1, c3, scale);
            }
        });
        // x += merged·W (+ b, added above)
        product(rows, hidden, hidden, ms, w.projW(), 1f, xs);
        // MLP: x += act(ln_2(x)·W_fc + b_fc)·W_proj + b_proj
        parallelFor(rows, hidden * 6L, (r, s) -> {
            layerNorm(r, s, w.ln2w(), w.ln2b(), eps);
            addToX(r, s, w.mprojB());
            System.arraycopy(w.fcB(), 0, mlp, r * inner, inner);
        });
        product(rows, inner, hidden, ns, w.fcW(), 1f, fs);
        Activation a = c.activation();
        parallelFor(rows, inner * 4L, (r, s) -> {
            System.arraycopy(mlp, r * inner, s.row, 0, inner);
            switch (a) {
                case GELU_TANH -> FloatKernels.geluTanh(s.row, inner, s.kernels);
                case SILU -> FloatKernels.silu(s.row, inner, s.kernels);
                case RELU -> FloatKernels.relu(s.row, inner);
                case GELU_ERF -> throw new IllegalStateException("exact-erf GELU runs in libtorch");
            }
            System.arraycopy(s.row, 0, mlp, r * inner, inner);
        });
        product(rows, hidden, inner, fs, w.mprojW(), 1f, xs);
    }

    /**
     * One query block of one head: {@code softmax(q·kᵀ·scale + causal mask)·v} for queries [r0, r1),
     * which see keys [0, r1), written into {@link #merged} from float {@code at} on (row stride C;
     * {@code ld} is q's, k's and v's). Per-row softmax loops are slow on short rows (C2's vector
     * loops barely start: 28 ns per weight at T = 32), so the block is handled as one array:
     * exp(s − M) with M the block's largest score (no term exceeds 1), the masked weights zeroed,
     * every row's sum by one {@code sgemv}, then the product with v, each output row divided by its
     * sum. This is the softmax up to float rounding: exp is relative-accurate down to its clamp at
     * e^−87 (< 2^−125), and the clamped terms of a row whose sum is at least 2^−80 move it by less
     * than T·2^−125 / 2^−80 (2^−35 relative at T = 1,024), far below a float's 2^−24. A row whose own
     * maximum lies so far below M that its sum is under 2^−80 is recomputed alone with that maximum
     * (tested with scores of a hundred and more).
     */
    private void attendBlock(Scratch sc, MemorySegment q, MemorySegment k, MemorySegment v, int at,
            int r0, int r1, int ld, float scale) {
        int rows = r1 - r0;
        int width = r1;
        int n = rows * width;
        float[] w = sc.weights;
        MemorySegment block = MemorySegment.ofArray(w);
        OpenBlas.sgemm(false, true, rows, width, headDim, scale, q, ld, k, ld, 0f, block, width);
        FloatKernels.exp(w, n, FloatKernels.max(w, n), sc.kernels);
        for (int i = 0; i < rows; i++) {
            java.util.Arrays.fill(w, i * width + r0 + i + 1, (i + 1) * width, 0f);
        }
        OpenBlas.sgemv(rows, width, 1f, block, width, MemorySegment.ofArray(sc.ones), 0f, MemorySegment.ofArray(sc.sums));
        for (int i = 0; i < rows; i++) {
            if (!(sc.sums[i] >= TINY_SUM)) { // rare: an exact softmax of this row alone
                int seen = r0 + i + 1;
                MemorySegment row = block.asSlice((long) i * width * Float.BYTES);
                OpenBlas.sgemm(false, true, 1, seen, headDim, scale, q.asSlice((long) i * ld * Float.BYTES), ld, k, ld,
                        0f, row, width);
                System.arraycopy(w, i * width, sc.row, 0, seen);
                FloatKernels.softmax(sc.row, seen, sc.kernels);
                System.arraycopy(sc.row, 0, w, i * width, seen);
                sc.sums[i] = 1f;
                recomputedRows.increment();
            }
        }
        OpenBlas.sgemm(false, false, rows, headDim, width, 1f, block, width, v, ld, 0f,
                MemorySegment.ofArray(merged).asSlice((long) at * Float.BYTES), hidden);
        for (int i = 0; i < rows; i++) {
            float inv = 1f / sc.sums[i];
            int o = at + i * hidden;
            for (int d = 0; d < headDim; d++) {
                merged[o + d] *= inv;
            }
        }
    }

    /** Below this a block row's sum of exp(s − M) is recomputed with the row's own maximum (see {@link #attendBlock}). */
    private static final float TINY_SUM = 0x1p-80f;

    /**
     * {@code C = A·Wᵀ + beta·C} for A [m, k] and a weight W [n, k] in libtorch's memory, C [m, n]:
     * single-threaded OpenBLAS products over fixed bands of {@value #BAND} output columns, spread over
     * the policy's threads. Each element is computed by the same call whatever the thread count, so
     * activations — and every score made from them — are bit-identical under any thread policy (an
     * OpenBLAS product split by its own threads is not: its partition follows the thread count).
     */
    private void product(int m, int n, int k, MemorySegment a, MemorySegment w, float beta, MemorySegment c) {
        long fb = Float.BYTES;
        int bands = (n + BAND - 1) / BAND;
        parallelFor(bands, (long) m * BAND * k * 2, (band, s) -> {
            int n0 = band * BAND;
            int width = Math.min(BAND, n - n0);
            OpenBlas.sgemm(false, true, m, width, k, 1f, a, k, w.asSlice((long) n0 * k * fb), k, beta,
                    c.asSlice((long) n0 * fb), n);
        });
    }

    /** Output columns per single-threaded product in {@link #product}. */
    private static final int BAND = 384;

    /** normed[r] = LayerNorm(x[r]). */
    private void layerNorm(int r, Scratch s, float[] gamma, float[] beta, double eps) {
        System.arraycopy(x, r * hidden, s.row, 0, hidden);
        FloatKernels.layerNorm(s.row, hidden, gamma, beta, eps);
        System.arraycopy(s.row, 0, normed, r * hidden, hidden);
    }

    /** x[r] += bias. */
    private void addToX(int r, Scratch s, float[] bias) {
        System.arraycopy(x, r * hidden, s.row, 0, hidden);
        FloatKernels.add(s.row, bias, hidden);
        System.arraycopy(s.row, 0, x, r * hidden, hidden);
    }

    /**
     * Per-thread scratch: two rows and {@link FloatKernels}' own, as wide as the widest row, and one
     * query block's attention weights ({@value #QUERY_BLOCK} rows of up to T keys).
     */
    private static final class Scratch {
        final float[] row;
        final float[] other;
        final FloatKernels.Scratch kernels;
        final float[] weights;
        final float[] ones;
        final float[] sums;

        Scratch(int width, int t) {
            row = new float[width];
            other = new float[width];
            kernels = new FloatKernels.Scratch(Math.max(width, QUERY_BLOCK * t));
            weights = new float[QUERY_BLOCK * t];
            ones = new float[t];
            java.util.Arrays.fill(ones, 1f);
            sums = new float[QUERY_BLOCK];
        }
    }

    /** Work item {@code r} (a row, a product band, an attention head) with the running thread's scratch. */
    private interface Task {
        void run(int r, Scratch s);
    }

    /**
     * Runs {@code task} for items 0…n−1 ({@code cost} float operations each) over the team, in up to
     * {@value #CHUNKS_PER_THREAD} contiguous chunks per thread, when the whole is large enough to repay
     * the hand-off; on the calling thread otherwise.
     */
    private void parallelFor(int n, long cost, Task task) {
        int chunks = (long) n * cost < PARALLEL_MIN ? 1 : Math.min(n, team.size() * CHUNKS_PER_THREAD);
        if (chunks == 1) {
            Scratch s = scratch(0);
            for (int r = 0; r < n; r++) {
                task.run(r, s);
            }
            return;
        }
        team.run(chunks, (ch, worker) -> {
            Scratch s = scratch(worker);
            int to = (int) ((long) n * (ch + 1) / chunks);
            for (int r = (int) ((long) n * ch / chunks); r < to; r++) {
                task.run(r, s);
            }
        });
    }

    /** Chunks per thread in {@link #parallelFor}: a few, so that a thread the machine stalls holds up little. */
    private static final int CHUNKS_PER_THREAD = 4;

    /** Worker {@code worker}'s scratch, as wide as the widest row of the current capacity. */
    private Scratch scratch(int worker) {
        int width = Math.max(Math.max(inner, 3 * hidden), capacityT);
        Scratch s = scratch[worker];
        if (s == null || s.row.length < width || s.ones.length < capacityT) {
            s = new Scratch(width, capacityT);
            scratch[worker] = s;
        }
        return s;
    }

    private void ensureCapacity(int rows, int t) {
        if (x != null && rows <= capacityRows && t <= capacityT) {
            return;
        }
        capacityRows = Math.max(rows, capacityRows);
        capacityT = Math.max(t, capacityT);
        x = new float[capacityRows * hidden];
        normed = new float[capacityRows * hidden];
        qkv = new float[capacityRows * 3 * hidden];
        merged = new float[capacityRows * hidden];
        mlp = new float[capacityRows * inner];
    }

    /** The first {@code rows} rows of {@code m} ([rows, C]) into a layer's tensor memory. */
    private void copyOut(float[] m, MemorySegment target, int rows) {
        MemorySegment.copy(m, 0, target, ValueLayout.JAVA_FLOAT, 0, rows * hidden);
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

    /** Attention rows recomputed with their own maximum (see {@link #attendBlock}) since this forward was made. */
    long recomputedRows() {
        return recomputedRows.sum();
    }

    private final java.util.concurrent.atomic.LongAdder recomputedRows = new java.util.concurrent.atomic.LongAdder();

    /** Threads the last pass ran on (the thread policy's count then). */
    synchronized int parallelism() {
        return team.size();
    }

    @Override
    public synchronized void close() {
        x = normed = qkv = merged = mlp = null;
        team.close();
    }
}
