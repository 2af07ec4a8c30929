package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.brainalign.models.config.BertConfig;

/**
 * BERT (Devlin et al. 2019), RoBERTa (Liu et al. 2019), XLM-R (Conneau et al. 2020) and ELECTRA
 * (Clark et al. 2020) encoders as HuggingFace's {@code BertModel}/{@code RobertaModel}/
 * {@code XLMRobertaModel}/{@code ElectraModel}: word + position + token-type (all 0) embeddings with
 * LayerNorm (ELECTRA: then {@code embeddings_project} to hidden_size when embedding_size differs),
 * then post-LN blocks {@code LN(x + attn(x))}, {@code LN(h + ffn(h))}, bidirectional. RoBERTa's and
 * XLM-R's position ids start at {@code pad_token_id + 1} for non-padding tokens.
 */
public final class BertModel extends TransformerModel {

    private final BertConfig c;

    /**
     * Keys without prefix ({@code BertModel}) or under {@code bert.} / {@code roberta.} (also XLM-R's) /
     * {@code electra.}; poolers, position-id buffers and pre-training heads stay unused.
     */
    public static final Architecture<BertConfig> ARCHITECTURE = Architecture.of(BertConfig.class,
            new CheckpointLayout("", List.of("bert.", "roberta.", "electra."),
                    Pattern.compile("((bert|roberta|electra)\\.)?(pooler\\..*|embeddings\\.position_ids|embeddings\\.token_type_ids)"
                            + "|cls\\..*|lm_head\\..*|discriminator_predictions\\..*|generator_predictions\\..*|generator_lm_head\\..*")),
            BertModel::parameters, BertModel::new);

    BertModel(BertConfig config, NDManager manager, Map<String, NDArray> params) {
        super(config, manager, params);
        this.c = config;
    }

    static List<ParamSpec> parameters(BertConfig c) {
        long C = c.hiddenSize();
        long E = c.embeddingSize();
        long F = c.intermediateSize();
        double std = c.initializerRange();
        Init normal = new Init.Normal(std);
        boolean roberta = c.robertaPositions();
        List<ParamSpec> s = new ArrayList<>();
        s.add(new ParamSpec("embeddings.word_embeddings.weight", new long[] {c.vocabSize(), E},
                new Init.Normal(std, c.padTokenId() < c.vocabSize() ? c.padTokenId() : -1)));
        s.add(new ParamSpec("embeddings.position_embeddings.weight", new long[] {c.maxPositions(), E},
                roberta ? new Init.Normal(std, c.padTokenId()) : normal));
        s.add(new ParamSpec("embeddings.token_type_embeddings.weight", new long[] {c.typeVocabSize(), E}, normal));
        s.add(new ParamSpec("embeddings.LayerNorm.weight", new long[] {E}, Init.ONES));
        s.add(new ParamSpec("embeddings.LayerNorm.bias", new long[] {E}, Init.ZEROS));
        if (E != C) {
            s.add(new ParamSpec("embeddings_project.weight", new long[] {C, E}, normal));
            s.add(new ParamSpec("embeddings_project.bias", new long[] {C}, Init.ZEROS));
        }
        for (int i = 0; i < c.numLayers(); i++) {
            String l = "encoder.layer." + i + ".";
            for (String proj : List.of("query", "key", "value")) {
                s.add(new ParamSpec(l + "attention.self." + proj + ".weight", new long[] {C, C}, normal));
                s.add(new ParamSpec(l + "attention.self." + proj + ".bias", new long[] {C}, Init.ZEROS));
            }
            s.add(new ParamSpec(l + "attention.output.dense.weight", new long[] {C, C}, normal));
            s.add(new ParamSpec(l + "attention.output.dense.bias", new long[] {C}, Init.ZEROS));
            s.add(new ParamSpec(l + "attention.output.LayerNorm.weight", new long[] {C}, Init.ONES));
            s.add(new ParamSpec(l + "attention.output.LayerNorm.bias", new long[] {C}, Init.ZEROS));
            s.add(new ParamSpec(l + "intermediate.dense.weight", new long[] {F, C}, normal));
            s.add(new ParamSpec(l + "intermediate.dense.bias", new long[] {F}, Init.ZEROS));
            s.add(new ParamSpec(l + "output.dense.weight", new long[] {C, F}, normal));
            s.add(new ParamSpec(l + "output.dense.bias", new long[] {C}, Init.ZEROS));
            s.add(new ParamSpec(l + "output.LayerNorm.weight", new long[] {C}, Init.ONES));
            s.add(new ParamSpec(l + "output.LayerNorm.bias", new long[] {C}, Init.ZEROS));
        }
        return s;
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
        return "encoder.layer." + i;
    }

    @Override
    protected String finalNormLayerName() {
        return null;
    }

    @Override
    protected Context context(NDManager scope, int t, int[] lengths) {
        if (lengths == null || java.util.Arrays.stream(lengths).allMatch(len -> len == t)) {
            return new Context(null, null, null);
        }
        // Additive key mask [B, 1, 1, T]: padded keys get −∞, so no real token attends to them.
        float[] m = new float[lengths.length * t];
        for (int r = 0; r < lengths.length; r++) {
            java.util.Arrays.fill(m, r * t + lengths[r], (r + 1) * t, Float.NEGATIVE_INFINITY);
        }
        return new Context(scope.create(m, new Shape(lengths.length, 1, 1, t)), null, null);
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
        NDArray words = ai.djl.nn.core.Embedding.embedding(ids, p("embeddings.word_embeddings.weight"), SparseFormat.DENSE)
                .singletonOrThrow();                                                         // [B, T, C]
        NDArray pos = ai.djl.nn.core.Embedding.embedding(m.create(positions, new Shape(b, t)),
                p("embeddings.position_embeddings.weight"), SparseFormat.DENSE).singletonOrThrow();
        NDArray type = p("embeddings.token_type_embeddings.weight").get("0");                   // token_type_ids = 0
        NDArray e = words.add(pos).add(type);
        NDArray normed = Ops.layerNorm(e, p("embeddings.LayerNorm.weight"), p("embeddings.LayerNorm.bias"), c.layerNormEps());
        return c.embeddingSize() == c.hiddenSize() ? normed
                : Ops.linear(normed, p("embeddings_project.weight"), p("embeddings_project.bias"));
    }

    @Override
    protected NDArray block(int i, NDArray x, Context ctx) {
        String l = "encoder.layer." + i + ".";
        int nh = c.numHeads();
        // 1. bidirectional self-attention
        NDArray q = Ops.splitHeads(Ops.linear(x, p(l + "attention.self.query.weight"), p(l + "attention.self.query.bias")), nh);
        NDArray k = Ops.splitHeads(Ops.linear(x, p(l + "attention.self.key.weight"), p(l + "attention.self.key.bias")), nh);
        NDArray v = Ops.splitHeads(Ops.linear(x, p(l + "attention.self.value.weight"), p(l + "attention.self.value.bias")), nh);
        NDArray y = Ops.mergeHeads(Ops.attention(q, k, v, ctx.mask(), 1 / Math.sqrt(c.headDim())));   // [B, T, C]
        // 2. output projection, residual, post-LN
        NDArray h = Ops.layerNorm(x.add(Ops.linear(y, p(l + "attention.output.dense.weight"), p(l + "attention.output.dense.bias"))),
                p(l + "attention.output.LayerNorm.weight"), p(l + "attention.output.LayerNorm.bias"), c.layerNormEps());
        // 3. feed-forward, residual, post-LN
        NDArray f = Ops.activate(Ops.linear(h, p(l + "intermediate.dense.weight"), p(l + "intermediate.dense.bias")), c.activation());
        f = Ops.linear(f, p(l + "output.dense.weight"), p(l + "output.dense.bias"));
        return Ops.layerNorm(h.add(f), p(l + "output.LayerNorm.weight"), p(l + "output.LayerNorm.bias"), c.layerNormEps());
    }
}
