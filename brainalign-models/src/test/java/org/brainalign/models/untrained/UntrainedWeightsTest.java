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

    /**
     * The weights are defined by Box–Muller in {@code StrictMath} over each block's SplitMix64 stream;
     * the fast path ({@link BoxMuller}'s vectorised log and sine/cosine, with a strict recomputation near
     * float rounding boundaries) must give exactly those bits. The reference below is that definition, written out independently.
     */
    @Test
    void fastPathGivesTheStrictMathDefinitionBitForBit() {
        ParamSpec spec = TransformerModel.parameterSpecs(Presets.find("gpt2").orElseThrow().config()).stream()
                .filter(s -> s.name().equals("transformer.wte.weight")).findFirst().orElseThrow();
        float[] fast = new UntrainedWeights(3).load(spec);
        long tensorSeed = UntrainedWeights.mix(3 ^ UntrainedWeights.mix(spec.name().hashCode() * 0x9E3779B97F4A7C15L));
        int mismatches = 0;
        for (int k = 0; k * UntrainedWeights.BLOCK < fast.length; k++) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(UntrainedWeights.mix(tensorSeed + k));
            int from = k * UntrainedWeights.BLOCK;
            int to = Math.min(fast.length, from + UntrainedWeights.BLOCK);
            for (int i = from; i < to; i += 2) {
                double u1 = 1.0 - random.nextDouble();
                double u2 = random.nextDouble();
                double radius = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
                double angle = 2 * Math.PI * u2;
                if (Float.floatToRawIntBits(fast[i]) != Float.floatToRawIntBits((float) (0.02 * radius * StrictMath.cos(angle)))) {
                    mismatches++;
                }
                if (i + 1 < to && Float.floatToRawIntBits(fast[i + 1])
                        != Float.floatToRawIntBits((float) (0.02 * radius * StrictMath.sin(angle)))) {
                    mismatches++;
                }
            }
        }
        assertThat(fast).hasSize(50257 * 768);
        assertThat(mismatches).as("values differing from the StrictMath definition").isZero();
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
