package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.brainalign.models.config.Gpt2Config;

/**
 * GPT-2 (Radford et al. 2019) as HuggingFace's {@code GPT2LMHeadModel}: learned token and position
 * embeddings, pre-LN blocks {@code x + attn(ln_1(x))}, {@code x + mlp(ln_2(x))}, a final
 * {@code ln_f} and an LM head tied to {@code wte}. HF stores the Conv1D weights as [in, out]; they
 * are transposed once at load so every projection is one fused {@code addmm}.
 */
public final class Gpt2Model extends TransformerModel {

    private final Gpt2Config c;

    /**
     * Keys under {@code transformer.} ({@code GPT2LMHeadModel}) or without prefix ({@code GPT2Model});
     * attention-mask buffers and the tied {@code lm_head} stay unused. Conv1D weights are held as
     * [out, in] in memory, so every projection is one {@code linear}.
     */
    public static final Architecture<Gpt2Config> ARCHITECTURE = Architecture.of(Gpt2Config.class,
            new CheckpointLayout("transformer.", List.of(""),
                    Pattern.compile("(transformer\\.)?h\\.\\d+\\.attn\\.(bias|masked_bias)|lm_head\\.weight")),
            Gpt2Model::parameters, Gpt2Model::new, new Architecture.MemoryLayout() {
                @Override
                public long[] shape(ParamSpec spec) {
                    long[] shape = spec.shape();
                    return isConv1D(spec.name()) ? new long[] {shape[1], shape[0]} : shape;
                }

                @Override
                public void write(ParamSpec spec, long offset, float[] values, int count, MemorySegment target) {
                    long[] shape = spec.shape();
                    if (isConv1D(spec.name())) {
                        transposeInto(values, offset, count, (int) shape[0], (int) shape[1], target);
                    } else {
                        Architecture.MemoryLayout.copyInto(offset, values, count, target);
                    }
                }

                @Override
                public float[] toHuggingFace(ParamSpec spec, float[] values) {
                    long[] shape = spec.shape();
                    return isConv1D(spec.name()) ? transpose(values, (int) shape[1], (int) shape[0]) : values;
                }
            });

    Gpt2Model(Gpt2Config config, NDManager manager, Map<String, NDArray> params) {
        super(config, manager, params);
        this.c = config;
        this.blas = Gpt2BlasForward.of(config, this::p).orElse(null);
    }

    /** The OpenBLAS forward, or null when libtorch runs every pass. */
    private final Gpt2BlasForward blas;

    /** Which path GPT-2 forward passes take in this JVM, for bench outputs. */
    public static String forwardPath() {
        return Gpt2BlasForward.describe();
    }

    @Override
    protected ForwardOutput fusedForward(NDManager scope, long[] flat, int b, int t, ForwardRequest request) {
        if (blas == null || (request.logits() && (long) b * t * c.vocabSize() * Float.BYTES > Integer.MAX_VALUE)) {
            return null;
        }
        return blas.forward(scope, flat, b, t, layerNames().size(), request);
    }

    /** Attention rows the OpenBLAS path recomputed alone (see {@code Gpt2BlasForward.attendBlock}), for tests. */
    long blasRecomputedRows() {
        return blas == null ? 0 : blas.recomputedRows();
    }

    /** Threads the OpenBLAS path's last pass ran on, or 0 when libtorch runs every pass. */
    int blasParallelism() {
        return blas == null ? 0 : blas.parallelism();
    }

    @Override
    public void close() {
        if (blas != null) {
            blas.close();
        }
        super.close();
    }

    /** Whether {@code key} is a Conv1D weight, which HuggingFace stores as [in, out]. */
    public static boolean isConv1D(String key) {
        return key.endsWith("c_attn.weight") || key.endsWith("c_proj.weight") || key.endsWith("c_fc.weight");
    }

    /**
     * Row-major {@code a} of shape [rows, cols] transposed to [cols, rows]: a Conv1D weight between
     * HuggingFace's [in, out] and the [out, in] that {@code linear} takes, in either direction.
     */
    public static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        transposeInto(a, 0, a.length, rows, cols, MemorySegment.ofArray(t));
        return t;
    }

    /**
     * Elements {@code [offset, offset + count)} of a row-major [rows, cols] matrix, held in
     * {@code values[0, count)}, written to their places in its transpose ([cols, rows], in
     * {@code target}, a heap or native segment): the whole rows in the range tile by tile, the
     * partial rows at its ends element by element.
     */
    static void transposeInto(float[] values, long offset, int count, int rows, int cols, MemorySegment target) {
        long end = offset + count;
        int r0 = (int) ((offset + cols - 1) / cols); // the first whole row in the range
        int r1 = (int) (end / cols); // one past the last
        if (r1 <= r0) { // no whole row: inside one row, or across one row boundary
            transposeElements(values, offset, offset, end, rows, cols, target);
            return;
        }
        transposeElements(values, offset, offset, (long) r0 * cols, rows, cols, target); // a row begun earlier
        transposeRows(values, (int) ((long) r0 * cols - offset), r0, r1, rows, cols, target);
        transposeElements(values, offset, (long) r1 * cols, end, rows, cols, target); // a row a later range ends
    }

    /** Elements {@code [from, to)} of the matrix (held from {@code values[0]} = element {@code offset} on), one by one. */
    private static void transposeElements(float[] values, long offset, long from, long to, int rows, int cols,
            MemorySegment target) {
        for (long e = from; e < to; e++) {
            target.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, (e % cols) * rows + e / cols, values[(int) (e - offset)]);
        }
    }

    /**
     * Whole rows {@code [r0, r1)} of a row-major [rows, cols] matrix, row r0 starting at
     * {@code values[from]}, written transposed into {@code target}. Tiles of TILE × TILE keep both the
     * read and the write side in cache; bands of TILE rows run in parallel when the range is large.
     */
    private static void transposeRows(float[] values, int from, int r0, int r1, int rows, int cols, MemorySegment target) {
        int bands = (r1 - r0 + TILE - 1) / TILE;
        java.util.stream.IntStream range = java.util.stream.IntStream.range(0, bands);
        boolean large = (long) (r1 - r0) * cols > Architecture.MemoryLayout.PARALLEL_CHUNK;
        (large ? range.parallel() : range).forEach(band -> {
            int b0 = r0 + band * TILE;
            int b1 = Math.min(r1, b0 + TILE);
            for (int c0 = 0; c0 < cols; c0 += TILE) {
                int c1 = Math.min(cols, c0 + TILE);
                for (int r = b0; r < b1; r++) {
                    int row = from + (r - r0) * cols;
                    for (int c = c0; c < c1; c++) {
                        target.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, (long) c * rows + r, values[row + c]);
                    }
                }
            }
        });
    }

    private static final int TILE = 64;

    static List<ParamSpec> parameters(Gpt2Config c) {
        long C = c.hiddenSize();
        long F = c.nInner();
        double std = c.initializerRange();
        Init normal = new Init.Normal(std);
        Init residual = new Init.Normal(std / Math.sqrt(2.0 * c.numLayers())); // HF: c_proj scaled by 1/√(2·n_layer)
        List<ParamSpec> s = new ArrayList<>();
        s.add(new ParamSpec("transformer.wte.weight", new long[] {c.vocabSize(), C}, normal));
        s.add(new ParamSpec("transformer.wpe.weight", new long[] {c.maxPositions(), C}, normal));
        for (int i = 0; i < c.numLayers(); i++) {
            String h = "transformer.h." + i + ".";
            s.add(new ParamSpec(h + "ln_1.weight", new long[] {C}, Init.ONES));
            s.add(new ParamSpec(h + "ln_1.bias", new long[] {C}, Init.ZEROS));
            s.add(new ParamSpec(h + "attn.c_attn.weight", new long[] {C, 3 * C}, normal));
            s.add(new ParamSpec(h + "attn.c_attn.bias", new long[] {3 * C}, Init.ZEROS));
            s.add(new ParamSpec(h + "attn.c_proj.weight", new long[] {C, C}, residual));
            s.add(new ParamSpec(h + "attn.c_proj.bias", new long[] {C}, Init.ZEROS));
            s.add(new ParamSpec(h + "ln_2.weight", new long[] {C}, Init.ONES));
            s.add(new ParamSpec(h + "ln_2.bias", new long[] {C}, Init.ZEROS));
            s.add(new ParamSpec(h + "mlp.c_fc.weight", new long[] {C, F}, normal));
            s.add(new ParamSpec(h + "mlp.c_fc.bias", new long[] {F}, Init.ZEROS));
            s.add(new ParamSpec(h + "mlp.c_proj.weight", new long[] {F, C}, residual));
            s.add(new ParamSpec(h + "mlp.c_proj.bias", new long[] {C}, Init.ZEROS));
        }
        s.add(new ParamSpec("transformer.ln_f.weight", new long[] {C}, Init.ONES));
        s.add(new ParamSpec("transformer.ln_f.bias", new long[] {C}, Init.ZEROS));
        if (!c.tieWordEmbeddings()) {
            s.add(new ParamSpec("lm_head.weight", new long[] {c.vocabSize(), C}, normal));
        }
        return s;
    }

    @Override
    protected String embeddingLayerName() {
        return "transformer.drop";
    }

    @Override
    protected String blockLayerName(int i) {
        return "transformer.h." + i;
    }

    @Override
    protected String finalNormLayerName() {
        return "transformer.ln_f";
    }

    @Override
    protected Context context(NDManager scope, int t, int[] lengths) {
        return new Context(Ops.causalMask(scope, t), null, null);
    }

    @Override
    protected NDArray embed(NDArray ids, long[][] hostIds, Context ctx) {
        return embed(this::p, ids, hostIds[0].length);
    }

    @Override
    protected NDArray block(int i, NDArray x, Context ctx) {
        return block(c, this::p, i, x, ctx.mask(), null);
    }

    /**
     * GPT-2's embedding on parameters looked up by HuggingFace key (memory layout): token plus learned
     * position embeddings of the first {@code t} positions, ids [B, T] → [B, T, C]. Shared with training.
     */
    public static NDArray embed(Function<String, NDArray> p, NDArray ids, int t) {
        NDArray tokens = ai.djl.nn.core.Embedding.embedding(ids, p.apply("transformer.wte.weight"), SparseFormat.DENSE)
                .singletonOrThrow();                                               // [B, T, C]
        NDArray positions = p.apply("transformer.wpe.weight").get("0:{}", t);      // [T, C]
        return tokens.add(positions);
    }

    /**
     * Block {@code i} of GPT-2 ([B, T, C] → [B, T, C]) on parameters looked up by HuggingFace key
     * (memory layout), with the additive causal {@code mask} [T, T]. When {@code subOutputs} is not null,
     * the attention and MLP outputs before their residual adds (TopoLM's "preresid" outputs, each
     * [B, T, C]) are appended to it. The one GPT-2 block, for inference and training alike.
     */
    public static NDArray block(Gpt2Config c, Function<String, NDArray> p, int i, NDArray x, NDArray mask,
            List<NDArray> subOutputs) {
        String h = "transformer.h." + i + ".";
        // 1. attention sub-block on ln_1(x)
        NDArray a = Ops.layerNorm(x, p.apply(h + "ln_1.weight"), p.apply(h + "ln_1.bias"), c.layerNormEpsilon());
        NDArray qkv = Ops.linear(a, p.apply(h + "attn.c_attn.weight"), p.apply(h + "attn.c_attn.bias")); // [B, T, 3C]
        var parts = qkv.split(3, 2);                                         // 3 × [B, T, C]
        double scale = (c.scaleAttnWeights() ? 1 / Math.sqrt(c.headDim()) : 1.0)
                / (c.scaleAttnByInverseLayerIdx() ? i + 1 : 1);
        NDArray y = Ops.attention(Ops.splitHeads(parts.get(0), c.numHeads()), Ops.splitHeads(parts.get(1), c.numHeads()),
                Ops.splitHeads(parts.get(2), c.numHeads()), mask, scale);                   // [B, NH, T, HD]
        // 2. output projection and residual
        NDArray attn = Ops.linear(Ops.mergeHeads(y), p.apply(h + "attn.c_proj.weight"), p.apply(h + "attn.c_proj.bias"));
        x = x.add(attn);
        // 3. MLP sub-block on ln_2(x) and residual
        NDArray m = Ops.layerNorm(x, p.apply(h + "ln_2.weight"), p.apply(h + "ln_2.bias"), c.layerNormEpsilon());
        m = Ops.activate(Ops.linear(m, p.apply(h + "mlp.c_fc.weight"), p.apply(h + "mlp.c_fc.bias")), c.activation()); // [B, T, F]
        NDArray mlp = Ops.linear(m, p.apply(h + "mlp.c_proj.weight"), p.apply(h + "mlp.c_proj.bias"));
        if (subOutputs != null) {
            subOutputs.add(attn);
            subOutputs.add(mlp);
        }
        return x.add(mlp);
    }

    /** The final {@code ln_f} on parameters looked up by HuggingFace key. */
    public static NDArray finalNorm(Gpt2Config c, Function<String, NDArray> p, NDArray x) {
        return Ops.layerNorm(x, p.apply("transformer.ln_f.weight"), p.apply("transformer.ln_f.bias"), c.layerNormEpsilon());
    }

    /** The LM head ([B, T, C] → [B, T, V]): {@code wte} when tied, else {@code lm_head}. */
    public static NDArray lmHead(Gpt2Config c, Function<String, NDArray> p, NDArray x) {
        return Ops.linear(x, c.tieWordEmbeddings() ? p.apply("transformer.wte.weight") : p.apply("lm_head.weight"), null);
    }

    @Override
    protected NDArray finalNorm(NDArray x) {
        return finalNorm(c, this::p, x);
    }

    @Override
    protected NDArray lmHead(NDArray x) {
        return lmHead(c, this::p, x);
    }
}
