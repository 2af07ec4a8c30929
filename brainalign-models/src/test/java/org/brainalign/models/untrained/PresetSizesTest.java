package org.brainalign.models.untrained;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.brainalign.models.nn.ParamSpec;
import org.brainalign.models.nn.TransformerModel;
import org.junit.jupiter.api.Test;

/**
 * Each preset of a published model has exactly the parameter count the HuggingFace hub reports for
 * that model's safetensors weights (the "Model size" of its page; a tied head counted once), so its
 * config fields are those of the published architecture.
 */
class PresetSizesTest {
    static final Map<String, Long> PUBLISHED = Map.ofEntries(
            Map.entry("gpt2", 124_439_808L),
            Map.entry("llama-3-8b", 8_030_261_248L),
            Map.entry("mistral-7b", 7_241_732_096L),
            Map.entry("qwen2.5-0.5b", 494_032_768L),
            Map.entry("qwen2.5-7b", 7_615_616_512L),
            Map.entry("gemma-2-2b", 2_614_341_888L),
            Map.entry("phi-3-mini-4k", 3_821_079_552L));

    @Test
    void parameterCountsAreThePublishedOnes() {
        PUBLISHED.forEach((name, count) -> {
            Preset p = Presets.find(name).orElseThrow();
            long n = TransformerModel.parameterSpecs(p.config()).stream().mapToLong(ParamSpec::elementCount).sum();
            assertThat(n).as(name).isEqualTo(count);
        });
    }
}
