package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.brainalign.models.config.OptConfig;

/**
 * OPT as HuggingFace's {@code OPTForCausalLM}: token embeddings (projected in when
 * word_embed_proj_dim ≠ hidden_size) plus learned positions at index position + 2; blocks with q
 * scaled by head_dim^−½ before q·kᵀ, causal attention and a ReLU MLP, pre-LN
 * ({@code h = x + attn(ln1(x)); out = h + mlp(ln2(h))}) or, for opt-350m, post-LN
 * ({@code h = ln1(x + attn(x)); out = ln2(h + mlp(h))}); then the final LayerNorm (pre-LN models)
 * and {@code project_out}, whose output is the last hidden state (opt-350m's is 512 wide) and feeds
 * the tied head.
 */
public final class OptModel extends TransformerModel {

    private final OptConfig c;

    /** Keys under {@code model.decoder.} ({@code OPTForCausalLM}) or {@code decoder.} ({@code OPTModel}); the tied head stays unused. */
    public static final Architecture<OptConfig> ARCHITECTURE = Architecture.of(OptConfig.class,
            new CheckpointLayout("model.decoder.", List.of("decoder.", ""), Pattern.compile("lm_head\\.weight")),
            OptModel::parameters, OptModel::new);

    OptModel(OptConfig config, NDManager manager, Map<String, NDArray> params) {
        super(config, manager, params);
        this.c = config;
    }

    static List<ParamSpec> parameters(OptConfig c) {
        long h = c.hiddenSize();
        long f = c.ffnDim();
        Init normal = new Init.Normal(c.initializerRange());
        List<ParamSpec> s = new ArrayList<>();
        String d = "model.decoder.";
        s.add(new ParamSpec(d + "embed_tokens.weight", new long[] {c.vocabSize(), c.wordEmbedProjDim()},
                new Init.Normal(c.initializerRange(), c.padTokenId() < c.vocabSize() ? c.padTokenId() : -1)));
        s.add(new ParamSpec(d + "embed_positions.weight", new long[] {c.maxPositions() + OptConfig.POSITION_OFFSET, h}, normal));
        if (c.projects()) {
            s.add(new ParamSpec(d + "project_in.weight", new long[] {h, c.wordEmbedProjDim()}, normal));
            s.add(new ParamSpec(d + "project_out.weight", new long[] {c.wordEmbedProjDim(), h}, normal));
        }
        for (int i = 0; i < c.numLayers(); i++) {
            String l = d + "layers." + i + ".";
            for (String proj : List.of("q_proj", "k_proj", "v_proj", "out_proj")) {
                linear(s, c, l + "self_attn." + proj, h, h, normal);
            }
            norm(s, c, l + "self_attn_layer_norm", h);
            linear(s, c, l + "fc1", f, h, normal);
            linear(s, c, l + "fc2", h, f, normal);
            norm(s, c, l + "final_layer_norm", h);
        }
        if (c.finalLayerNorm()) {
            norm(s, c, d + "final_layer_norm", h);
        }
        return s;
    }

    private static void linear(List<ParamSpec> s, OptConfig c, String name, long out, long in, Init init) {
        s.add(new ParamSpec(name + ".weight", new long[] {out, in}, init));
        if (c.bias()) {
            s.add(new ParamSpec(name + ".bias", new long[] {out}, Init.ZEROS));
        }
    }

    private static void norm(List<ParamSpec> s, OptConfig c, String name, long width) {
        if (c.normAffine()) {
            s.add(new ParamSpec(name + ".weight", new long[] {width}, Init.ONES));
            s.add(new ParamSpec(name + ".bias", new long[] {width}, Init.ZEROS));
        }
    }

    @Override
    protected String embeddingLayerName() {
        return "model.decoder.embed_positions";
    }

    @Override
    protected String blockLayerName(int i) {
        return "model.decoder.layers." + i;
    }

    /** The last hidden state: the final LayerNorm's and/or project_out's output, whichever the model has last. */
    @Override
    protected String finalNormLayerName() {
        OptConfig config = (OptConfig) config(); // called by the superclass constructor, before this class's fields are set
        return config.projects() ? "model.decoder.project_out" : config.finalLayerNorm() ? "model.decoder.final_layer_norm" : null;
    }

    @Override
    protected Context context(NDManager scope, int t, int[] lengths) {
        return new Context(Ops.causalMask(scope, t), null, null);
    }

    @Override
    protected NDArray embed(NDArray ids, long[][] hostIds, Context ctx) {
        NDArray tokens = embedding("model.decoder.embed_tokens.weight", ids);
        if (c.projects()) {
            tokens = Ops.linear(tokens, p("model.decoder.project_in.weight"), null);
        }
        int b = hostIds.length;
        int t = hostIds[0].length;
        long[] positions = new long[b * t];
        for (int r = 0; r < b; r++) {
            for (int i = 0; i < t; i++) {
                positions[r * t + i] = i + OptConfig.POSITION_OFFSET;
            }
        }
        NDArray pos = embedding("model.decoder.embed_positions.weight", ids.getManager().create(positions, new Shape(b, t)));
        return tokens.add(pos);
    }

    private NDArray norm(NDArray x, String module) {
        return Ops.layerNorm(x, pOrNull(module + ".weight"), pOrNull(module + ".bias"), OptConfig.LAYER_NORM_EPS);
    }

    private NDArray linear(NDArray x, String module) {
        return Ops.linear(x, p(module + ".weight"), pOrNull(module + ".bias"));
    }

    @Override
    protected NDArray block(int i, NDArray x, Context ctx) {
        String l = "model.decoder.layers." + i + ".";
        String a = l + "self_attn.";
        int nh = c.numHeads();
        NDArray in = c.layerNormBefore() ? norm(x, l + "self_attn_layer_norm") : x;
        NDArray q = Ops.splitHeads(linear(in, a + "q_proj"), nh);
        NDArray k = Ops.splitHeads(linear(in, a + "k_proj"), nh);
        NDArray v = Ops.splitHeads(linear(in, a + "v_proj"), nh);
        NDArray attn = linear(Ops.mergeHeads(Ops.attention(q, k, v, ctx.mask(), 1 / Math.sqrt(c.headDim()))), a + "out_proj");
        NDArray h = x.add(attn);
        if (!c.layerNormBefore()) {
            h = norm(h, l + "self_attn_layer_norm");
        }
        NDArray m = c.layerNormBefore() ? norm(h, l + "final_layer_norm") : h;
        NDArray out = h.add(linear(Ops.activate(linear(m, l + "fc1"), c.activation()), l + "fc2"));
        return c.layerNormBefore() ? out : norm(out, l + "final_layer_norm");
    }

    @Override
    protected NDArray finalNorm(NDArray x) {
        NDArray y = c.finalLayerNorm() ? norm(x, "model.decoder.final_layer_norm") : x;
        return c.projects() ? Ops.linear(y, p("model.decoder.project_out.weight"), null) : y;
    }

    @Override
    protected NDArray lmHead(NDArray x) {
        return Ops.linear(x, p("model.decoder.embed_tokens.weight"), null);
    }
}
