package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.brainalign.models.config.Gpt2Config;

/**
 * GPT-2 (Radford et al. 2019) as HuggingFace's {@code GPT2LMHeadModel}: learned token and position
 * embeddings, pre-LN blocks {@code x + attn(ln_1(x))}, {@code x + mlp(ln_2(x))}, a final
 * {@code ln_f} and an LM head tied to {@code wte}. HF stores the Conv1D weights as [in, out]; they
 * are transposed once at load so every projection is one fused {@code addmm}.
 */
public final class Gpt2Model extends TransformerModel {

    private final Gpt2Config c;

    Gpt2Model(Gpt2Config config, NDManager manager, Map<String, NDArray> params) {
        super(config, manager, params);
        this.c = config;
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
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

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
    protected Context context(NDManager scope, int t) {
        return new Context(Ops.causalMask(scope, t), null, null);
    }

    @Override
    protected NDArray embed(NDArray ids, long[][] hostIds, Context ctx) {
        int t = hostIds[0].length;
        NDArray tokens = ai.djl.nn.core.Embedding.embedding(ids, p("transformer.wte.weight"), SparseFormat.DENSE)
                .singletonOrThrow();                                               // [B, T, C]
        NDArray positions = p("transformer.wpe.weight").get("0:{}", t);            // [T, C]
        return tokens.add(positions);
    }

    @Override
    protected NDArray block(int i, NDArray x, Context ctx) {
        String h = "transformer.h." + i + ".";
        // 1. attention sub-block on ln_1(x)
        NDArray a = Ops.layerNorm(x, p(h + "ln_1.weight"), p(h + "ln_1.bias"), c.layerNormEpsilon());
        NDArray qkv = Ops.linear(a, p(h + "attn.c_attn.weight"), p(h + "attn.c_attn.bias")); // [B, T, 3C]
        var parts = qkv.split(3, 2);                                         // 3 × [B, T, C]
        double scale = (c.scaleAttnWeights() ? 1 / Math.sqrt(c.headDim()) : 1.0)
                / (c.scaleAttnByInverseLayerIdx() ? i + 1 : 1);
        NDArray y = Ops.attention(Ops.splitHeads(parts.get(0), c.numHeads()), Ops.splitHeads(parts.get(1), c.numHeads()),
                Ops.splitHeads(parts.get(2), c.numHeads()), ctx.mask(), scale);            // [B, NH, T, HD]
        // 2. output projection and residual
        x = x.add(Ops.linear(Ops.mergeHeads(y), p(h + "attn.c_proj.weight"), p(h + "attn.c_proj.bias")));
        // 3. MLP sub-block on ln_2(x) and residual
        NDArray m = Ops.layerNorm(x, p(h + "ln_2.weight"), p(h + "ln_2.bias"), c.layerNormEpsilon());
        m = Ops.activate(Ops.linear(m, p(h + "mlp.c_fc.weight"), p(h + "mlp.c_fc.bias")), c.activation()); // [B, T, F]
        return x.add(Ops.linear(m, p(h + "mlp.c_proj.weight"), p(h + "mlp.c_proj.bias")));
    }

    @Override
    protected NDArray finalNorm(NDArray x) {
        return Ops.layerNorm(x, p("transformer.ln_f.weight"), p("transformer.ln_f.bias"), c.layerNormEpsilon());
    }

    @Override
    protected NDArray lmHead(NDArray x) {
        NDArray head = c.tieWordEmbeddings() ? p("transformer.wte.weight") : p("lm_head.weight");
        return Ops.linear(x, head, null);
    }
}
