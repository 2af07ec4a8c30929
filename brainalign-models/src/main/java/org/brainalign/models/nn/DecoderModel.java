package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.brainalign.models.config.DecoderConfig;
import org.brainalign.models.config.DecoderSpec;
import org.brainalign.models.config.DecoderSpec.Names;
import org.brainalign.models.config.DecoderSpec.Placement;
import org.brainalign.models.config.DecoderSpec.QkNorm;

/**
 * The rotary decoder, written once for every family whose block is the same up to the choices of a
 * {@link DecoderSpec} (GPT-NeoX, Llama, Mistral, Qwen2/3, Gemma/Gemma 2, Phi-3, OLMo 2), as
 * HuggingFace's {@code *ForCausalLM}: token embeddings (× √hidden for Gemma), blocks of attention —
 * q/k/v (separate, fused, or fused per head; with or without biases), optional q/k RMSNorm, rotary
 * positions on the first {@code rotaryDims} of each head, grouped-query attention under a causal or
 * sliding-window mask, optional score soft-cap — and a gated or plain MLP, with RMSNorms or
 * LayerNorms where the spec places them (parallel residual included); then a final norm and an
 * (optionally tied, optionally soft-capped) LM head. Tensor names are the spec's {@link Names}.
 */
public final class DecoderModel extends TransformerModel {

    private final DecoderConfig c;
    private final DecoderSpec spec;
    private final Names names;
    private final double[] inverseFrequencies;

    /** Llama's names: keys under {@code model.}; cached rotary frequencies and an {@code lm_head} the config ties stay unused. */
    public static final Architecture<DecoderConfig> ARCHITECTURE = Architecture.of(DecoderConfig.class,
            new CheckpointLayout("model.", List.of(""), Pattern.compile(".*rotary_emb\\.inv_freq|lm_head\\.weight")),
            DecoderModel::parameters, DecoderModel::new);

    /** GPT-NeoX's names: keys under {@code gpt_neox.}; attention-mask buffers and cached rotary frequencies stay unused. */
    public static final Architecture<DecoderConfig> GPT_NEOX_ARCHITECTURE = Architecture.of(DecoderConfig.class,
            new CheckpointLayout("gpt_neox.", List.of(""), Pattern.compile(".*attention\\.(bias|masked_bias|rotary_emb\\.inv_freq)")),
            DecoderModel::parameters, DecoderModel::new);

    DecoderModel(DecoderConfig config, NDManager manager, Map<String, NDArray> params) {
        this.c = config;
        this.spec = config.spec();
        this.names = config.spec().names(); // before super(), which asks for the layer names
        this.inverseFrequencies = config.ropeScaling().inverseFrequencies(config.ropeTheta(), config.rotaryDims());
        super(config, manager, params);
    }

    static List<ParamSpec> parameters(DecoderConfig c) {
        DecoderSpec spec = c.spec();
        Names n = spec.names();
        long hidden = c.hiddenSize();
        long ffn = c.intermediateSize();
        long q = (long) c.numHeads() * c.headDim();
        long kv = (long) c.numKeyValueHeads() * c.headDim();
        Init normal = new Init.Normal(c.initializerRange());
        List<ParamSpec> s = new ArrayList<>();
        int pad = c.padTokenId() != null && c.padTokenId() >= 0 && c.padTokenId() < c.vocabSize() ? c.padTokenId() : -1;
        s.add(new ParamSpec(n.prefix() + n.embedding() + ".weight", new long[] {c.vocabSize(), hidden},
                new Init.Normal(c.initializerRange(), pad)));
        for (int i = 0; i < c.numLayers(); i++) {
            String l = n.prefix() + "layers." + i + ".";
            String a = l + n.attention() + ".";
            for (String norm : normNames(spec.placement())) {
                norm(s, spec, l + norm, hidden);
            }
            switch (spec.qkv()) {
                case SEPARATE -> {
                    linear(s, a + "q_proj", q, hidden, spec.qkvBias(), normal);
                    linear(s, a + "k_proj", kv, hidden, spec.qkvBias(), normal);
                    linear(s, a + "v_proj", kv, hidden, spec.qkvBias(), normal);
                }
                case FUSED, FUSED_PER_HEAD -> linear(s, a + n.qkv(), q + 2 * kv, hidden, spec.qkvBias(), normal);
            }
            if (spec.qkNorm() != QkNorm.NONE) {
                boolean whole = spec.qkNorm() == QkNorm.WHOLE;
                norm(s, spec, a + "q_norm", whole ? q : c.headDim());
                norm(s, spec, a + "k_norm", whole ? kv : c.headDim());
            }
            linear(s, a + n.output(), hidden, q, spec.outputBias(), normal);
            switch (spec.mlp()) {
                case GATED -> {
                    linear(s, l + "mlp.gate_proj", ffn, hidden, spec.mlpBias(), normal);
                    linear(s, l + "mlp." + n.up(), ffn, hidden, spec.mlpBias(), normal);
                }
                case GATED_FUSED -> linear(s, l + "mlp.gate_up_proj", 2 * ffn, hidden, spec.mlpBias(), normal);
                case PLAIN -> linear(s, l + "mlp." + n.up(), ffn, hidden, spec.mlpBias(), normal);
            }
            linear(s, l + "mlp." + n.down(), hidden, ffn, spec.mlpBias(), normal);
        }
        norm(s, spec, n.prefix() + n.finalNorm(), hidden);
        if (!c.tieWordEmbeddings()) {
            s.add(new ParamSpec(n.head() + ".weight", new long[] {c.vocabSize(), hidden}, normal));
        }
        return s;
    }

    /** A norm's parameters: its weight (ones, or zeros for Gemma's offsets) and, for a LayerNorm, its bias. */
    private static void norm(List<ParamSpec> s, DecoderSpec spec, String name, long width) {
        s.add(new ParamSpec(name + ".weight", new long[] {width}, spec.norm() == DecoderSpec.Norm.RMS_OFFSET ? Init.ZEROS : Init.ONES));
        if (spec.norm() == DecoderSpec.Norm.LAYER) {
            s.add(new ParamSpec(name + ".bias", new long[] {width}, Init.ZEROS));
        }
    }

    /** The norms of one block, by HuggingFace's names, for a placement. */
    private static List<String> normNames(Placement placement) {
        return switch (placement) {
            case PRE, PARALLEL -> List.of("input_layernorm", "post_attention_layernorm");
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
        return names.prefix() + names.embeddingOutput();
    }

    @Override
    protected String blockLayerName(int i) {
        return names.prefix() + "layers." + i;
    }

    @Override
    protected String finalNormLayerName() {
        return names.prefix() + names.finalNorm();
    }

    @Override
    protected Context context(NDManager scope, int t, int[] lengths) {
        NDArray[] tables = Ops.rotaryTables(scope, inverseFrequencies, t);
        NDArray local = c.slidingWindow() > 0 && c.slidingWindow() < t ? Ops.slidingWindowMask(scope, t, c.slidingWindow()) : null;
        return new Context(Ops.causalMask(scope, t), tables[0], tables[1], local);
    }

    @Override
    protected NDArray embed(NDArray ids, long[][] hostIds, Context ctx) {
        NDArray e = embedding(names.prefix() + names.embedding() + ".weight", ids);
        // Gemma: × √hidden_size, the factor rounded to the weights' dtype (float32) as HuggingFace does.
        return spec.scaleEmbedding() ? Ops.scale(e, (float) Math.sqrt(c.hiddenSize())) : e;
    }

    /** The spec's norm of the module {@code name} (its {@code .weight}, and {@code .bias} for a LayerNorm). */
    private NDArray norm(NDArray x, String name) {
        return switch (spec.norm()) {
            case RMS -> Ops.rmsNorm(x, p(name + ".weight"), c.normEps());
            case RMS_OFFSET -> Ops.rmsNormOffset(x, p(name + ".weight"), c.normEps());
            case LAYER -> Ops.layerNorm(x, p(name + ".weight"), p(name + ".bias"), c.normEps());
        };
    }

    private NDArray linear(NDArray x, String name) {
        return Ops.linear(x, p(name + ".weight"), pOrNull(name + ".bias"));
    }

    @Override
    protected NDArray block(int i, NDArray x, Context ctx) {
        String l = names.prefix() + "layers." + i + ".";
        String a = l + names.attention() + ".";
        Placement placement = spec.placement();
        int nh = c.numHeads();
        int nkv = c.numKeyValueHeads();
        // 1. q, k, v [B, heads, T, head_dim] from the (pre-normed) input
        NDArray n = placement == Placement.POST ? x : norm(x, l + "input_layernorm");
        NDArray q;
        NDArray k;
        NDArray v;
        if (spec.qkv() == DecoderSpec.Qkv.FUSED_PER_HEAD) {
            NDArray qkv = linear(n, a + names.qkv());
            long[] s = qkv.getShape().getShape();
            var heads = qkv.reshape(s[0], s[1], nh, 3L * c.headDim()).transpose(0, 2, 1, 3).split(3, 3);
            q = heads.get(0);
            k = heads.get(1);
            v = heads.get(2);
        } else {
            if (spec.qkv() == DecoderSpec.Qkv.FUSED) {
                long qw = (long) nh * c.headDim();
                long kvw = (long) nkv * c.headDim();
                var parts = linear(n, a + names.qkv()).split(new long[] {qw, qw + kvw}, 2);
                q = parts.get(0);
                k = parts.get(1);
                v = parts.get(2);
            } else {
                q = linear(n, a + "q_proj");
                k = linear(n, a + "k_proj");
                v = linear(n, a + "v_proj");
            }
            if (spec.qkNorm() == QkNorm.WHOLE) {
                q = norm(q, a + "q_norm");
                k = norm(k, a + "k_norm");
            }
            q = Ops.splitHeads(q, nh);
            k = Ops.splitHeads(k, nkv);
            v = Ops.splitHeads(v, nkv);
        }
        if (spec.qkNorm() == QkNorm.PER_HEAD) {
            q = norm(q, a + "q_norm");
            k = norm(k, a + "k_norm");
        }
        // 2. rotary positions on the rotary part of each head of q and k
        q = Ops.rotary(q, ctx.cos(), ctx.sin(), c.rotaryDims());
        k = Ops.rotary(k, ctx.cos(), ctx.sin(), c.rotaryDims());
        // 3. grouped-query attention under the layer's mask, output projection
        int groups = nh / nkv;
        NDArray mask = c.local(i) && ctx.localMask() != null ? ctx.localMask() : ctx.mask();
        NDArray y = Ops.attention(q, Ops.repeatKv(k, groups), Ops.repeatKv(v, groups), mask, c.attentionScale(),
                c.attentionSoftcap());
        NDArray attn = linear(Ops.mergeHeads(y), a + names.output());
        if (placement == Placement.SANDWICH || placement == Placement.POST) {
            attn = norm(attn, l + "post_attention_layernorm");
        }
        // 4. the MLP on the (normed) residual stream — or, in parallel, on the block's input — and the residuals
        NDArray h = placement == Placement.PARALLEL ? null : x.add(attn);
        NDArray m = switch (placement) {
            case PRE -> norm(h, l + "post_attention_layernorm");
            case PARALLEL -> norm(x, l + "post_attention_layernorm");
            case SANDWICH -> norm(h, l + "pre_feedforward_layernorm");
            case POST -> h;
        };
        NDArray mlp = linear(mlpHidden(l, m), l + "mlp." + names.down());
        if (placement == Placement.SANDWICH || placement == Placement.POST) {
            mlp = norm(mlp, l + "post_feedforward_layernorm");
        }
        return placement == Placement.PARALLEL ? x.add(attn).add(mlp) : h.add(mlp);
    }

    /** The MLP's hidden activations (before the down projection) of block {@code l}. */
    private NDArray mlpHidden(String l, NDArray m) {
        return switch (spec.mlp()) {
            case PLAIN -> Ops.activate(linear(m, l + "mlp." + names.up()), c.activation());
            case GATED -> Ops.activate(linear(m, l + "mlp.gate_proj"), c.activation()).mul(linear(m, l + "mlp." + names.up()));
            case GATED_FUSED -> {
                var parts = linear(m, l + "mlp.gate_up_proj").split(2, 2);
                yield Ops.activate(parts.get(0), c.activation()).mul(parts.get(1));
            }
        };
    }

    @Override
    protected NDArray finalNorm(NDArray x) {
        return norm(x, names.prefix() + names.finalNorm());
    }

    @Override
    protected NDArray lmHead(NDArray x) {
        NDArray logits = Ops.linear(x, p(c.tieWordEmbeddings() ? names.prefix() + names.embedding() + ".weight" : names.head() + ".weight"),
                null);
        return c.finalLogitSoftcap() > 0 ? Ops.softcap(logits, c.finalLogitSoftcap()) : logits;
    }
}
