package org.brainalign.models.untrained;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.brainalign.models.config.Gpt2Config;
import org.brainalign.models.nn.ParamSpec;
import org.brainalign.models.nn.TransformerModel;
import org.junit.jupiter.api.Test;

/** Untrained presets: published parameter counts, HF's init statistics, bit-reproducibility. */
class UntrainedWeightsTest {

    /** Parameter counts HuggingFace reports ({@code num_parameters()}, heads excluded for encoders, pooler excluded). */
    static final Map<String, Long> PUBLISHED = Map.of(
            "distilgpt2", 81_912_576L,
            "gpt2", 124_439_808L,
            "gpt2-medium", 354_823_168L,
            "gpt2-large", 774_030_080L,
            "gpt2-xl", 1_557_611_200L,
            "bert-base-uncased", 109_482_240L - (768 * 768 + 768),
            "roberta-base", 124_645_632L - (768 * 768 + 768),
            "pythia-160m", 162_322_944L,
            "smollm-135m", 134_515_008L,
            "tinyllama-1.1b", 1_100_048_384L);

    @Test
    void presetsHaveThePublishedParameterCounts() {
        assertThat(Presets.all().keySet()).containsAll(PUBLISHED.keySet());
        PUBLISHED.forEach((name, count) -> {
            long total = TransformerModel.parameterSpecs(Presets.find(name).orElseThrow().config()).stream()
                    .mapToLong(ParamSpec::elementCount).sum();
            assertThat(total).as(name).isEqualTo(count);
        });
    }

    @Test
    void initialisationFollowsHuggingFace() {
        Gpt2Config c = (Gpt2Config) Presets.find("gpt2").orElseThrow().config();
        Map<String, ParamSpec> specs = new java.util.HashMap<>();
        TransformerModel.parameterSpecs(c).forEach(s -> specs.put(s.name(), s));
        UntrainedWeights w = new UntrainedWeights(7);
        assertStd(w.load(specs.get("transformer.h.3.attn.c_attn.weight")), 0.02);
        assertStd(w.load(specs.get("transformer.wte.weight")), 0.02);
        assertStd(w.load(specs.get("transformer.h.3.mlp.c_proj.weight")), 0.02 / Math.sqrt(2 * 12));
        assertStd(w.load(specs.get("transformer.h.3.attn.c_proj.weight")), 0.02 / Math.sqrt(2 * 12));
        assertThat(w.load(specs.get("transformer.h.3.attn.c_attn.bias"))).containsOnly(0f);
        assertThat(w.load(specs.get("transformer.ln_f.weight"))).containsOnly(1f);
        assertThat(w.load(specs.get("transformer.ln_f.bias"))).containsOnly(0f);
    }

    @Test
    void paddingRowIsZeroed() {
        var bert = Presets.find("bert-base-uncased").orElseThrow().config();
        ParamSpec words = TransformerModel.parameterSpecs(bert).getFirst();
        float[] v = new UntrainedWeights(1).load(words);
        for (int i = 0; i < 768; i++) {
            assertThat(v[i]).isZero(); // pad_token_id 0
        }
        assertThat(v[768]).isNotZero();
    }

    @Test
    void sameSeedSameBitsOtherSeedOtherBits() {
        ParamSpec spec = TransformerModel.parameterSpecs(Presets.find("gpt2").orElseThrow().config()).stream()
                .filter(s -> s.name().equals("transformer.h.0.attn.c_attn.weight")).findFirst().orElseThrow();
        float[] a = new UntrainedWeights(42).load(spec);
        float[] b = new UntrainedWeights(42).load(spec);
        float[] other = new UntrainedWeights(43).load(spec);
        assertThat(java.util.Arrays.equals(a, b)).as("same seed gives identical bits").isTrue();
        assertThat(java.util.Arrays.equals(a, other)).isFalse();
    }

    private static void assertStd(float[] v, double expected) {
        double sum = 0;
        double sq = 0;
        for (float x : v) {
            sum += x;
            sq += (double) x * x;
        }
        double mean = sum / v.length;
        double std = Math.sqrt(sq / v.length - mean * mean);
        assertThat(Math.abs(mean)).isLessThan(expected * 0.01 + 1e-6);
        assertThat(std).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1));
    }
}
