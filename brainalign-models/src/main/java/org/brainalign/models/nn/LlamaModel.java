package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.brainalign.models.config.LlamaConfig;

/**
 * Llama (Touvron et al. 2023) as HuggingFace's {@code LlamaForCausalLM}: token embeddings, pre-norm
 * blocks {@code x + attn(rms(x))} with rotary q/k and grouped-query attention, then
 * {@code h + down(silu(gate(rms(h))) · up(rms(h)))}, a final RMSNorm and an (optionally tied) LM head.
 */
public final class LlamaModel extends TransformerModel {

    private final LlamaConfig c;
    private final double[] inverseFrequencies;

    /** Keys under {@code model.}; cached rotary frequencies and an {@code lm_head} the config ties stay unused. */
    public static final Architecture<LlamaConfig> ARCHITECTURE = Architecture.of(LlamaConfig.class,
            new CheckpointLayout("model.", List.of(""),
                    Pattern.compile(".*rotary_emb\\.inv_freq|lm_head\\.weight")),
            LlamaModel::parameters, LlamaModel::new);

    LlamaModel(LlamaConfig config, NDManager manager, Map<String, NDArray> params) {
        super(config, manager, params);
        this.c = config;
        this.inverseFrequencies = config.ropeScaling().inverseFrequencies(config.ropeTheta(), config.headDim());
    }

    static List<ParamSpec> parameters(LlamaConfig c) {
        long C = c.hiddenSize();
        long F = c.intermediateSize();
        long q = (long) c.numHeads() * c.headDim();
        long kv = (long) c.numKeyValueHeads() * c.headDim();
        Init normal = new Init.Normal(c.initializerRange());
        List<ParamSpec> s = new ArrayList<>();
        int pad = c.padTokenId() != null && c.padTokenId() >= 0 && c.padTokenId() < c.vocabSize() ? c.padTokenId() : -1;
        s.add(new ParamSpec("model.embed_tokens.weight", new long[] {c.vocabSize(), C}, new Init.Normal(c.initializerRange(), pad)));
        for (int i = 0; i < c.numLayers(); i++) {
            String l = "model.layers." + i + ".";
            s.add(new ParamSpec(l + "input_layernorm.weight", new long[] {C}, Init.ONES));
            linear(s, l + "self_attn.q_proj", q, C, c.attentionBias(), normal);
            linear(s, l + "self_attn.k_proj", kv, C, c.attentionBias(), normal);
            linear(s, l + "self_attn.v_proj", kv, C, c.attentionBias(), normal);
            linear(s, l + "self_attn.o_proj", C, q, c.attentionBias(), normal);
            s.add(new ParamSpec(l + "post_attention_layernorm.weight", new long[] {C}, Init.ONES));
            linear(s, l + "mlp.gate_proj", F, C, c.mlpBias(), normal);
            linear(s, l + "mlp.up_proj", F, C, c.mlpBias(), normal);
            linear(s, l + "mlp.down_proj", C, F, c.mlpBias(), normal);
        }
        s.add(new ParamSpec("model.norm.weight", new long[] {C}, Init.ONES));
        if (!c.tieWordEmbeddings()) {
            s.add(new ParamSpec("lm_head.weight", new long[] {c.vocabSize(), C}, normal));
        }
        return s;
    }

    private static void linear(List<ParamSpec> s, String name, long out, long in, boolean bias, Init init) {
        s.add(new ParamSpec(name + ".weight", new long[] {out, in}, init));
        if (bias) {
            s.add(new ParamSpec(name + ".bias", new long[] {out}, Init.ZEROS));
        }
    }

    @Override
    protected String embeddingLayerName() {
        return "model.embed_tokens";
    }

    @Override
    protected String blockLayerName(int i) {
        return "model.layers." + i;
    }

    @Override
    protected String finalNormLayerName() {
        return "model.norm";
    }

    @Override
    protected Context context(NDManager scope, int t, int[] lengths) {
        NDArray[] tables = Ops.rotaryTables(scope, inverseFrequencies, t);
        return new Context(Ops.causalMask(scope, t), tables[0], tables[1]);
    }

    @Override
    protected NDArray embed(NDArray ids, long[][] hostIds, Context ctx) {
        return ai.djl.nn.core.Embedding.embedding(ids, p("model.embed_tokens.weight"), SparseFormat.DENSE).singletonOrThrow();
    }

    @Override
    protected NDArray block(int i, NDArray x, Context ctx) {
        String l = "model.layers." + i + ".";
        String a = l + "self_attn.";
        // 1. pre-norm and q/k/v projections
        NDArray n = Ops.rmsNorm(x, p(l + "input_layernorm.weight"), c.rmsNormEps());
        NDArray q = Ops.splitHeads(Ops.linear(n, p(a + "q_proj.weight"), pOrNull(a + "q_proj.bias")), c.numHeads());
        NDArray k = Ops.splitHeads(Ops.linear(n, p(a + "k_proj.weight"), pOrNull(a + "k_proj.bias")), c.numKeyValueHeads());
        NDArray v = Ops.splitHeads(Ops.linear(n, p(a + "v_proj.weight"), pOrNull(a + "v_proj.bias")), c.numKeyValueHeads());
        // 2. rotary positions on q and k
        q = Ops.rotary(q, ctx.cos(), ctx.sin(), c.headDim());
        k = Ops.rotary(k, ctx.cos(), ctx.sin(), c.headDim());
        // 3. causal grouped-query attention, output projection, residual
        int groups = c.numHeads() / c.numKeyValueHeads();
        NDArray y = Ops.attention(q, Ops.repeatKv(k, groups), Ops.repeatKv(v, groups), ctx.mask(), 1 / Math.sqrt(c.headDim()));
        NDArray h = x.add(Ops.linear(Ops.mergeHeads(y), p(a + "o_proj.weight"), pOrNull(a + "o_proj.bias")));
        // 4. SwiGLU MLP on the post-attention norm, residual
        NDArray m = Ops.rmsNorm(h, p(l + "post_attention_layernorm.weight"), c.rmsNormEps());
        NDArray gate = Ops.activate(Ops.linear(m, p(l + "mlp.gate_proj.weight"), pOrNull(l + "mlp.gate_proj.bias")), c.activation());
        NDArray up = Ops.linear(m, p(l + "mlp.up_proj.weight"), pOrNull(l + "mlp.up_proj.bias"));
        return h.add(Ops.linear(gate.mul(up), p(l + "mlp.down_proj.weight"), pOrNull(l + "mlp.down_proj.bias")));
    }

    @Override
    protected NDArray finalNorm(NDArray x) {
        return Ops.rmsNorm(x, p("model.norm.weight"), c.rmsNormEps());
    }

    @Override
    protected NDArray lmHead(NDArray x) {
        return Ops.linear(x, c.tieWordEmbeddings() ? p("model.embed_tokens.weight") : p("lm_head.weight"), null);
    }
}
