package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.brainalign.models.config.BertConfig;

/**
 * The BERT-layout encoders as HuggingFace computes them: BERT (Devlin et al. 2019), RoBERTa (Liu et
 * al. 2019), XLM-R (Conneau et al. 2020), ELECTRA (Clark et al. 2020), ALBERT (Lan et al. 2020) and
 * DistilBERT (Sanh et al. 2019). Word + position (+ token-type, all 0) embeddings with LayerNorm,
 * then (ELECTRA when embedding_size ≠ hidden_size, ALBERT always) a projection to hidden_size, then
 * post-LN blocks {@code LN(x + attn(x))}, {@code LN(h + ffn(h))}, bidirectional. The families differ
 * in tensor names ({@link Names}), RoBERTa's and XLM-R's position ids (from {@code pad_token_id + 1}
 * for non-padding tokens), and ALBERT's shared layers (layer i runs group
 * {@code i / (layers / num_hidden_groups)}; its hidden states are recorded as {@code encoder.layer.i}).
 */
public final class BertModel extends TransformerModel {

    private final BertConfig c;
    private final Names names;

    /**
     * Keys without prefix ({@code BertModel}) or under the family's prefix ({@code bert.},
     * {@code roberta.} (also XLM-R's), {@code electra.}, {@code albert.}, {@code distilbert.}); poolers,
     * position-id buffers and pre-training heads stay unused.
     */
    public static final Architecture<BertConfig> ARCHITECTURE = Architecture.of(BertConfig.class,
            new CheckpointLayout("", List.of("bert.", "roberta.", "electra.", "albert.", "distilbert."),
                    Pattern.compile("((bert|roberta|electra|albert|distilbert)\\.)?(pooler\\..*|embeddings\\.position_ids"
                            + "|embeddings\\.token_type_ids)|cls\\..*|lm_head\\..*|discriminator_predictions\\..*"
                            + "|generator_predictions\\..*|generator_lm_head\\..*|predictions\\..*|sop_classifier\\..*"
                            + "|vocab_transform\\..*|vocab_layer_norm\\..*|vocab_projector\\..*")),
            BertModel::parameters, BertModel::new);

    /**
     * One family's tensor names: the prefix of layer {@code i}'s weights, the q/k/v/output
     * projections, the attention LayerNorm, the FFN's two projections and the output LayerNorm
     * (each a module whose {@code .weight} and {@code .bias} the checkpoint holds), and the embedding
     * projection (null when there is none).
     */
    record Names(java.util.function.IntFunction<String> layer, String query, String key, String value, String output,
                 String attentionNorm, String ffnIn, String ffnOut, String outputNorm, String projection) {

        static Names of(BertConfig c) {
            return switch (c.family()) {
                case DISTILBERT -> new Names(i -> "transformer.layer." + i + ".", "attention.q_lin", "attention.k_lin",
                        "attention.v_lin", "attention.out_lin", "sa_layer_norm", "ffn.lin1", "ffn.lin2", "output_layer_norm", null);
                case ALBERT -> {
                    int perGroup = c.numLayers() / c.hiddenGroups();
                    yield new Names(i -> "encoder.albert_layer_groups." + (i / perGroup) + ".albert_layers.0.", "attention.query",
                            "attention.key", "attention.value", "attention.dense", "attention.LayerNorm", "ffn", "ffn_output",
                            "full_layer_layer_norm", "encoder.embedding_hidden_mapping_in");
                }
                default -> new Names(i -> "encoder.layer." + i + ".", "attention.self.query", "attention.self.key",
                        "attention.self.value", "attention.output.dense", "attention.output.LayerNorm", "intermediate.dense",
                        "output.dense", "output.LayerNorm", c.projectsEmbeddings() ? "embeddings_project" : null);
            };
        }

        /** The distinct weight prefixes: one per layer, or one per group where layers share weights (ALBERT). */
        List<String> weightPrefixes(int layers) {
            return java.util.stream.IntStream.range(0, layers).mapToObj(layer).distinct().toList();
        }
    }

    BertModel(BertConfig config, NDManager manager, Map<String, NDArray> params) {
        super(config, manager, params);
        this.c = config;
        this.names = Names.of(config);
    }

    static List<ParamSpec> parameters(BertConfig c) {
        Names n = Names.of(c);
        long C = c.hiddenSize();
        long E = c.embeddingSize();
        long F = c.intermediateSize();
        double std = c.initializerRange();
        Init normal = new Init.Normal(std);
        List<ParamSpec> s = new ArrayList<>();
        s.add(new ParamSpec("embeddings.word_embeddings.weight", new long[] {c.vocabSize(), E},
                new Init.Normal(std, c.padTokenId() < c.vocabSize() ? c.padTokenId() : -1)));
        s.add(new ParamSpec("embeddings.position_embeddings.weight", new long[] {c.maxPositions(), E},
                c.robertaPositions() ? new Init.Normal(std, c.padTokenId()) : normal));
        if (c.tokenTypes()) {
            s.add(new ParamSpec("embeddings.token_type_embeddings.weight", new long[] {c.typeVocabSize(), E}, normal));
        }
        s.add(new ParamSpec("embeddings.LayerNorm.weight", new long[] {E}, Init.ONES));
        s.add(new ParamSpec("embeddings.LayerNorm.bias", new long[] {E}, Init.ZEROS));
        if (n.projection() != null) {
            s.add(new ParamSpec(n.projection() + ".weight", new long[] {C, E}, normal));
            s.add(new ParamSpec(n.projection() + ".bias", new long[] {C}, Init.ZEROS));
        }
        for (String l : n.weightPrefixes(c.numLayers())) {
            for (String proj : List.of(n.query(), n.key(), n.value(), n.output())) {
                linear(s, l + proj, C, C, normal);
            }
            norm(s, l + n.attentionNorm(), C);
            linear(s, l + n.ffnIn(), F, C, normal);
            linear(s, l + n.ffnOut(), C, F, normal);
            norm(s, l + n.outputNorm(), C);
        }
        return s;
    }

    private static void linear(List<ParamSpec> s, String name, long out, long in, Init init) {
        s.add(new ParamSpec(name + ".weight", new long[] {out, in}, init));
        s.add(new ParamSpec(name + ".bias", new long[] {out}, Init.ZEROS));
    }

    private static void norm(List<ParamSpec> s, String name, long width) {
        s.add(new ParamSpec(name + ".weight", new long[] {width}, Init.ONES));
        s.add(new ParamSpec(name + ".bias", new long[] {width}, Init.ZEROS));
    }

    @Override
    public int maxTokens() {
        return c.usablePositions();
    }

    @Override
    protected String embeddingLayerName() {
        return "embeddings";
    }

    @Override
    protected String blockLayerName(int i) {
        // Called by the superclass constructor, before this class's fields are set.
        return config().family() == org.brainalign.models.config.Family.DISTILBERT ? "transformer.layer." + i : "encoder.layer." + i;
    }

    @Override
    protected String finalNormLayerName() {
        return null;
    }

    @Override
    protected Context context(NDManager scope, int t, int[] lengths) {
        return new Context(Ops.paddingKeyMask(scope, t, lengths), null, null);
    }


    @Override
    public long paddingId() {
        return c.padTokenId();
    }

    @Override
    protected NDArray embed(NDArray ids, long[][] hostIds, Context ctx) {
        int b = hostIds.length;
        int t = hostIds[0].length;
        long[] positions = new long[b * t];
        for (int r = 0; r < b; r++) {
            long running = 0;
            for (int i = 0; i < t; i++) {
                if (c.robertaPositions()) {
                    // HF: cumsum(ids != pad) * (ids != pad) + pad
                    boolean real = hostIds[r][i] != c.padTokenId();
                    running += real ? 1 : 0;
                    positions[r * t + i] = (real ? running : 0) + c.padTokenId();
                } else {
                    positions[r * t + i] = i;
                }
            }
        }
        NDManager m = ids.getManager();
        NDArray words = embedding("embeddings.word_embeddings.weight", ids);                          // [B, T, C]
        NDArray pos = embedding("embeddings.position_embeddings.weight", m.create(positions, new Shape(b, t)));
        NDArray e = words.add(pos);
        if (c.tokenTypes()) {
            e = e.add(p("embeddings.token_type_embeddings.weight").get("0"));                   // token_type_ids = 0
        }
        NDArray normed = Ops.layerNorm(e, p("embeddings.LayerNorm.weight"), p("embeddings.LayerNorm.bias"), c.layerNormEps());
        return names.projection() == null ? normed : linear(normed, names.projection());
    }

    private NDArray linear(NDArray x, String module) {
        return Ops.linear(x, p(module + ".weight"), p(module + ".bias"));
    }

    private NDArray layerNorm(NDArray x, String module) {
        return Ops.layerNorm(x, p(module + ".weight"), p(module + ".bias"), c.layerNormEps());
    }

    @Override
    protected NDArray block(int i, NDArray x, Context ctx) {
        String l = names.layer().apply(i);
        int nh = c.numHeads();
        // 1. bidirectional self-attention
        NDArray q = Ops.splitHeads(linear(x, l + names.query()), nh);
        NDArray k = Ops.splitHeads(linear(x, l + names.key()), nh);
        NDArray v = Ops.splitHeads(linear(x, l + names.value()), nh);
        NDArray y = Ops.mergeHeads(Ops.attention(q, k, v, ctx.mask(), 1 / Math.sqrt(c.headDim())));   // [B, T, C]
        // 2. output projection, residual, post-LN
        NDArray h = layerNorm(x.add(linear(y, l + names.output())), l + names.attentionNorm());
        // 3. feed-forward, residual, post-LN
        NDArray f = linear(Ops.activate(linear(h, l + names.ffnIn()), c.activation()), l + names.ffnOut());
        return layerNorm(h.add(f), l + names.outputNorm());
    }
}
