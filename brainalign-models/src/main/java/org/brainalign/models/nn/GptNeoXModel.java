package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.brainalign.models.config.GptNeoXConfig;

/**
 * GPT-NeoX / Pythia (Black et al. 2022; Biderman et al. 2023) as HuggingFace's
 * {@code GPTNeoXForCausalLM}: token embeddings, blocks with a fused head-interleaved
 * {@code query_key_value}, partial rotary positions, and the parallel residual
 * {@code x + attn(ln1(x)) + mlp(ln2(x))} (or the sequential form), a final LayerNorm and
 * {@code embed_out}.
 */
public final class GptNeoXModel extends TransformerModel {

    private final GptNeoXConfig c;
    private final double[] inverseFrequencies;

    /** Keys under {@code gpt_neox.}; attention-mask buffers and cached rotary frequencies stay unused. */
    public static final Architecture<GptNeoXConfig> ARCHITECTURE = Architecture.of(GptNeoXConfig.class,
            new CheckpointLayout("gpt_neox.", List.of(""),
                    Pattern.compile(".*attention\\.(bias|masked_bias|rotary_emb\\.inv_freq)")),
            GptNeoXModel::parameters, GptNeoXModel::new);

    GptNeoXModel(GptNeoXConfig config, NDManager manager, Map<String, NDArray> params) {
        super(config, manager, params);
        this.c = config;
        this.inverseFrequencies = org.brainalign.models.config.RopeScaling.NONE.inverseFrequencies(config.rotaryBase(),
                config.rotaryDims());
    }

    static List<ParamSpec> parameters(GptNeoXConfig c) {
        long C = c.hiddenSize();
        long F = c.intermediateSize();
        Init normal = new Init.Normal(c.initializerRange());
        List<ParamSpec> s = new ArrayList<>();
        s.add(new ParamSpec("gpt_neox.embed_in.weight", new long[] {c.vocabSize(), C}, normal));
        for (int i = 0; i < c.numLayers(); i++) {
            String l = "gpt_neox.layers." + i + ".";
            s.add(new ParamSpec(l + "input_layernorm.weight", new long[] {C}, Init.ONES));
            s.add(new ParamSpec(l + "input_layernorm.bias", new long[] {C}, Init.ZEROS));
            s.add(new ParamSpec(l + "post_attention_layernorm.weight", new long[] {C}, Init.ONES));
            s.add(new ParamSpec(l + "post_attention_layernorm.bias", new long[] {C}, Init.ZEROS));
            s.add(new ParamSpec(l + "attention.query_key_value.weight", new long[] {3 * C, C}, normal));
            if (c.attentionBias()) {
                s.add(new ParamSpec(l + "attention.query_key_value.bias", new long[] {3 * C}, Init.ZEROS));
            }
            s.add(new ParamSpec(l + "attention.dense.weight", new long[] {C, C}, normal));
            if (c.attentionBias()) {
                s.add(new ParamSpec(l + "attention.dense.bias", new long[] {C}, Init.ZEROS));
            }
            s.add(new ParamSpec(l + "mlp.dense_h_to_4h.weight", new long[] {F, C}, normal));
            s.add(new ParamSpec(l + "mlp.dense_h_to_4h.bias", new long[] {F}, Init.ZEROS));
            s.add(new ParamSpec(l + "mlp.dense_4h_to_h.weight", new long[] {C, F}, normal));
            s.add(new ParamSpec(l + "mlp.dense_4h_to_h.bias", new long[] {C}, Init.ZEROS));
        }
        s.add(new ParamSpec("gpt_neox.final_layer_norm.weight", new long[] {C}, Init.ONES));
        s.add(new ParamSpec("gpt_neox.final_layer_norm.bias", new long[] {C}, Init.ZEROS));
        if (!c.tieWordEmbeddings()) {
            s.add(new ParamSpec("embed_out.weight", new long[] {c.vocabSize(), C}, normal));
        }
        return s;
    }

    @Override
    protected String embeddingLayerName() {
        return "gpt_neox.emb_dropout";
    }

    @Override
    protected String blockLayerName(int i) {
        return "gpt_neox.layers." + i;
    }

    @Override
    protected String finalNormLayerName() {
        return "gpt_neox.final_layer_norm";
    }

    @Override
    protected Context context(NDManager scope, int t, int[] lengths) {
        NDArray[] tables = Ops.rotaryTables(scope, inverseFrequencies, t);
        return new Context(Ops.causalMask(scope, t), tables[0], tables[1]);
    }

    @Override
    protected NDArray embed(NDArray ids, long[][] hostIds, Context ctx) {
        return embedding("gpt_neox.embed_in.weight", ids);
    }

    @Override
    protected NDArray block(int i, NDArray x, Context ctx) {
        String l = "gpt_neox.layers." + i + ".";
        int nh = c.numHeads();
        int hd = c.headDim();
        // 1. attention on ln1(x): fused qkv laid out per head as [q | k | v]
        NDArray a = Ops.layerNorm(x, p(l + "input_layernorm.weight"), p(l + "input_layernorm.bias"), c.layerNormEps());
        NDArray qkv = Ops.linear(a, p(l + "attention.query_key_value.weight"), pOrNull(l + "attention.query_key_value.bias"));
        long[] s = qkv.getShape().getShape();
        var heads = qkv.reshape(s[0], s[1], nh, 3L * hd).transpose(0, 2, 1, 3).split(3, 3); // 3 × [B, NH, T, HD]
        NDArray q = Ops.rotary(heads.get(0), ctx.cos(), ctx.sin(), c.rotaryDims());
        NDArray k = Ops.rotary(heads.get(1), ctx.cos(), ctx.sin(), c.rotaryDims());
        NDArray y = Ops.attention(q, k, heads.get(2), ctx.mask(), 1 / Math.sqrt(hd));
        NDArray attn = Ops.linear(Ops.mergeHeads(y), p(l + "attention.dense.weight"), pOrNull(l + "attention.dense.bias"));
        // 2. MLP on ln2 of x (parallel residual) or of x + attn (sequential)
        NDArray mlpInput = c.useParallelResidual() ? x : x.add(attn);
        NDArray m = Ops.layerNorm(mlpInput, p(l + "post_attention_layernorm.weight"), p(l + "post_attention_layernorm.bias"),
                c.layerNormEps());
        m = Ops.activate(Ops.linear(m, p(l + "mlp.dense_h_to_4h.weight"), p(l + "mlp.dense_h_to_4h.bias")), c.activation());
        NDArray mlp = Ops.linear(m, p(l + "mlp.dense_4h_to_h.weight"), p(l + "mlp.dense_4h_to_h.bias"));
        // 3. residual
        return c.useParallelResidual() ? x.add(attn).add(mlp) : mlpInput.add(mlp);
    }

    @Override
    protected NDArray finalNorm(NDArray x) {
        return Ops.layerNorm(x, p("gpt_neox.final_layer_norm.weight"), p("gpt_neox.final_layer_norm.bias"), c.layerNormEps());
    }

    @Override
    protected NDArray lmHead(NDArray x) {
        return Ops.linear(x, c.tieWordEmbeddings() ? p("gpt_neox.embed_in.weight") : p("embed_out.weight"), null);
    }
}
