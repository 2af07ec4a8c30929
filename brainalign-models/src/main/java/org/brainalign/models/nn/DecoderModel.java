package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.brainalign.models.config.DecoderConfig;
import org.brainalign.models.config.DecoderSpec;
import org.brainalign.models.config.DecoderSpec.Placement;
import org.brainalign.models.config.DecoderSpec.QkNorm;

/**
 * The rotary decoder, written once for every family whose block is Llama's up to the choices of a
 * {@link DecoderSpec} (Llama, Mistral, Qwen2/3, Gemma/Gemma 2, Phi-3, OLMo 2), as HuggingFace's
 * {@code *ForCausalLM}: token embeddings (× √hidden for Gemma), blocks of attention — q/k/v (fused
 * or not, with or without biases), optional q/k RMSNorm, rotary positions on the first
 * {@code rotaryDims} of each head, grouped-query attention under a causal or sliding-window mask,
 * optional score soft-cap — and a gated MLP, with the norms where the spec places them; then a final
 * RMSNorm and an (optionally tied, optionally soft-capped) LM head. Tensor names are HuggingFace's,
 * under {@code model.}.
 */
public final class DecoderModel extends TransformerModel {

    private final DecoderConfig c;
    private final DecoderSpec spec;
    private final double[] inverseFrequencies;

    /** Keys under {@code model.}; cached rotary frequencies and an {@code lm_head} the config ties stay unused. */
    public static final Architecture<DecoderConfig> ARCHITECTURE = Architecture.of(DecoderConfig.class,
            new CheckpointLayout("model.", List.of(""), Pattern.compile(".*rotary_emb\\.inv_freq|lm_head\\.weight")),
            DecoderModel::parameters, DecoderModel::new);

    DecoderModel(DecoderConfig config, NDManager manager, Map<String, NDArray> params) {
        super(config, manager, params);
        this.c = config;
        this.spec = config.spec();
        this.inverseFrequencies = config.ropeScaling().inverseFrequencies(config.ropeTheta(), config.rotaryDims());
    }

    static List<ParamSpec> parameters(DecoderConfig c) {
        DecoderSpec spec = c.spec();
        long hidden = c.hiddenSize();
        long ffn = c.intermediateSize();
        long q = (long) c.numHeads() * c.headDim();
        long kv = (long) c.numKeyValueHeads() * c.headDim();
        Init normal = new Init.Normal(c.initializerRange());
        Init normInit = spec.norm() == DecoderSpec.Norm.RMS_OFFSET ? Init.ZEROS : Init.ONES;
        List<ParamSpec> s = new ArrayList<>();
        int pad = c.padTokenId() != null && c.padTokenId() >= 0 && c.padTokenId() < c.vocabSize() ? c.padTokenId() : -1;
        s.add(new ParamSpec("model.embed_tokens.weight", new long[] {c.vocabSize(), hidden}, new Init.Normal(c.initializerRange(), pad)));
        for (int i = 0; i < c.numLayers(); i++) {
            String l = "model.layers." + i + ".";
            String a = l + "self_attn.";
            for (String norm : normNames(spec.placement())) {
                s.add(new ParamSpec(l + norm + ".weight", new long[] {hidden}, normInit));
            }
            if (spec.fusedQkv()) {
                linear(s, a + "qkv_proj", q + 2 * kv, hidden, spec.qkvBias(), normal);
            } else {
                linear(s, a + "q_proj", q, hidden, spec.qkvBias(), normal);
                linear(s, a + "k_proj", kv, hidden, spec.qkvBias(), normal);
                linear(s, a + "v_proj", kv, hidden, spec.qkvBias(), normal);
            }
            if (spec.qkNorm() != QkNorm.NONE) {
                boolean whole = spec.qkNorm() == QkNorm.WHOLE;
                s.add(new ParamSpec(a + "q_norm.weight", new long[] {whole ? q : c.headDim()}, normInit));
                s.add(new ParamSpec(a + "k_norm.weight", new long[] {whole ? kv : c.headDim()}, normInit));
            }
            linear(s, a + "o_proj", hidden, q, spec.outputBias(), normal);
            if (spec.fusedGateUp()) {
                linear(s, l + "mlp.gate_up_proj", 2 * ffn, hidden, spec.mlpBias(), normal);
            } else {
                linear(s, l + "mlp.gate_proj", ffn, hidden, spec.mlpBias(), normal);
                linear(s, l + "mlp.up_proj", ffn, hidden, spec.mlpBias(), normal);
            }
            linear(s, l + "mlp.down_proj", hidden, ffn, spec.mlpBias(), normal);
        }
        s.add(new ParamSpec("model.norm.weight", new long[] {hidden}, normInit));
        if (!c.tieWordEmbeddings()) {
            s.add(new ParamSpec("lm_head.weight", new long[] {c.vocabSize(), hidden}, normal));
        }
        return s;
    }

    /** The norms of one block, by HuggingFace's names, for a placement. */
    private static List<String> normNames(Placement placement) {
        return switch (placement) {
            case PRE -> List.of("input_layernorm", "post_attention_layernorm");
            case SANDWICH -> List.of("input_layernorm", "post_attention_layernorm", "pre_feedforward_layernorm",
                    "post_feedforward_layernorm");
            case POST -> List.of("post_attention_layernorm", "post_feedforward_layernorm");
        };
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
        NDArray local = c.slidingWindow() > 0 && c.slidingWindow() < t ? Ops.slidingWindowMask(scope, t, c.slidingWindow()) : null;
        return new Context(Ops.causalMask(scope, t), tables[0], tables[1], local);
    }

    @Override
    protected NDArray embed(NDArray ids, long[][] hostIds, Context ctx) {
        NDArray e = embedding("model.embed_tokens.weight", ids);
        // Gemma: × √hidden_size, the factor rounded to the weights' dtype (float32) as HuggingFace does.
        return spec.scaleEmbedding() ? Ops.scale(e, (float) Math.sqrt(c.hiddenSize())) : e;
    }

    /** The spec's RMSNorm with the weight {@code name}. */
    private NDArray norm(NDArray x, String name) {
        return spec.norm() == DecoderSpec.Norm.RMS_OFFSET ? Ops.rmsNormOffset(x, p(name), c.rmsNormEps())
                : Ops.rmsNorm(x, p(name), c.rmsNormEps());
    }

    private NDArray linear(NDArray x, String name) {
        return Ops.linear(x, p(name + ".weight"), pOrNull(name + ".bias"));
    }

    @Override
    protected NDArray block(int i, NDArray x, Context ctx) {
        String l = "model.layers." + i + ".";
        String a = l + "self_attn.";
        Placement placement = spec.placement();
        int nh = c.numHeads();
        int nkv = c.numKeyValueHeads();
        // 1. q, k, v from the (pre-normed) input
        NDArray n = placement == Placement.POST ? x : norm(x, l + "input_layernorm.weight");
        NDArray q;
        NDArray k;
        NDArray v;
        if (spec.fusedQkv()) {
            long qw = (long) nh * c.headDim();
            long kvw = (long) nkv * c.headDim();
            var parts = linear(n, a + "qkv_proj").split(new long[] {qw, qw + kvw}, 2);
            q = parts.get(0);
            k = parts.get(1);
            v = parts.get(2);
        } else {
            q = linear(n, a + "q_proj");
            k = linear(n, a + "k_proj");
            v = linear(n, a + "v_proj");
        }
        if (spec.qkNorm() == QkNorm.WHOLE) {
            q = norm(q, a + "q_norm.weight");
            k = norm(k, a + "k_norm.weight");
        }
        q = Ops.splitHeads(q, nh);
        k = Ops.splitHeads(k, nkv);
        v = Ops.splitHeads(v, nkv);
        if (spec.qkNorm() == QkNorm.PER_HEAD) {
            q = norm(q, a + "q_norm.weight");
            k = norm(k, a + "k_norm.weight");
        }
        // 2. rotary positions on the rotary part of each head of q and k
        q = Ops.rotary(q, ctx.cos(), ctx.sin(), c.rotaryDims());
        k = Ops.rotary(k, ctx.cos(), ctx.sin(), c.rotaryDims());
        // 3. grouped-query attention under the layer's mask, output projection, residual
        int groups = nh / nkv;
        NDArray mask = c.local(i) && ctx.localMask() != null ? ctx.localMask() : ctx.mask();
        NDArray y = Ops.attention(q, Ops.repeatKv(k, groups), Ops.repeatKv(v, groups), mask, c.attentionScale(),
                c.attentionSoftcap());
        NDArray attn = linear(Ops.mergeHeads(y), a + "o_proj");
        if (placement != Placement.PRE) {
            attn = norm(attn, l + "post_attention_layernorm.weight");
        }
        NDArray h = x.add(attn);
        // 4. gated MLP on the (normed) residual stream, residual
        NDArray m = switch (placement) {
            case PRE -> norm(h, l + "post_attention_layernorm.weight");
            case SANDWICH -> norm(h, l + "pre_feedforward_layernorm.weight");
            case POST -> h;
        };
        NDArray gate;
        NDArray up;
        if (spec.fusedGateUp()) {
            var parts = linear(m, l + "mlp.gate_up_proj").split(2, 2);
            gate = parts.get(0);
            up = parts.get(1);
        } else {
            gate = linear(m, l + "mlp.gate_proj");
            up = linear(m, l + "mlp.up_proj");
        }
        NDArray mlp = linear(Ops.activate(gate, c.activation()).mul(up), l + "mlp.down_proj");
        if (placement != Placement.PRE) {
            mlp = norm(mlp, l + "post_feedforward_layernorm.weight");
        }
        return h.add(mlp);
    }

    @Override
    protected NDArray finalNorm(NDArray x) {
        return norm(x, "model.norm.weight");
    }

    @Override
    protected NDArray lmHead(NDArray x) {
        NDArray logits = Ops.linear(x, c.tieWordEmbeddings() ? p("model.embed_tokens.weight") : p("lm_head.weight"), null);
        return c.finalLogitSoftcap() > 0 ? Ops.softcap(logits, c.finalLogitSoftcap()) : logits;
    }
}
