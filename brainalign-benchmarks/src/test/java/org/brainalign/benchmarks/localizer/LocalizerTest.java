package org.brainalign.benchmarks.localizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.TestData;
import org.brainalign.core.subject.LayerActivations;
import org.brainalign.core.subject.Modality;
import org.brainalign.core.subject.Region;
import org.brainalign.core.subject.Subject;
import org.brainalign.core.subject.SubjectOutput;
import org.brainalign.core.subject.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalizerTest {
    @TempDir
    Path tmp;

    /** A damaged cached mask (not JSON, or JSON without its fields) is one warning in words, then recomputed. */
    @Test
    void aDamagedCachedMaskIsAWarningInWords() throws Exception {
        MaskCache cache = new MaskCache(tmp.resolve("masks"));
        Files.createDirectories(cache.file("k").getParent());
        for (String bad : List.of("// not JSON\n{}", "{\"format\": \"brainalign-language-mask\", \"version\": 1, \"key\": \"k\"}")) {
            Files.writeString(cache.file("k"), bad);
            List<String> warnings = new java.util.ArrayList<>();
            assertThat(cache.load("k", warnings::add)).isEmpty();
            assertThat(warnings).singleElement().asString().contains(cache.file("k").getFileName().toString())
                    .doesNotContain("Exception").doesNotContain("setStrictness");
        }
    }

    /** Two layers of noise units; a few planted units respond more to sentences than to non-words. */
    static final class PlantedSubject implements Subject {
        final Set<String> sentences;
        final Random rnd = new Random(11);
        static final int[] PLANTED_A = {3, 17, 42};
        static final int[] PLANTED_B = {0, 29};

        PlantedSubject(List<String> sentences) {
            this.sentences = new HashSet<>(sentences);
        }

        @Override
        public String id() {
            return "planted";
        }

        @Override
        public void startBehavioralTask(Task task) {}

        @Override
        public void startNeuralRecording(Region region, Modality modality) {}

        @Override
        public SubjectOutput digestText(List<String> parts) {
            boolean sentence = sentences.contains(parts.getFirst());
            float[] a = new float[50];
            float[] b = new float[30];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) rnd.nextGaussian();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) rnd.nextGaussian();
            }
            if (sentence) {
                for (int u : PLANTED_A) {
                    a[u] += 2;
                }
                for (int u : PLANTED_B) {
                    b[u] += 2;
                }
            }
            b[5] = 1; // constant unit: t is undefined, never selected
            return new SubjectOutput(parts, List.of(new LayerActivations("A", 1, 50, a), new LayerActivations("B", 1, 30, b)),
                    new double[0], List.of());
        }
    }

    @Test
    void fedorenko2010StimuliAre240SentencesAnd240NonWordStrings() {
        LocalizerStimuli s = LocalizerStimuli.fedorenko2010(TestData.shared().dataset("fedorenko2010-localizer"));
        assertThat(s.sentences()).hasSize(240).allSatisfy(x -> assertThat(x.split(" ")).hasSize(12));
        assertThat(s.nonwords()).hasSize(240);
        assertThat(s.sentences().getFirst()).isEqualTo("just the barest suggestion of a heel is found on teenage pumps");
    }

    @Test
    void plantedSelectiveUnitsAreRecoveredExactly() throws Exception {
        LocalizerStimuli s = LocalizerStimuli.fedorenko2010(TestData.shared().dataset("fedorenko2010-localizer"));
        LanguageMask mask = Localizer.localize(new PlantedSubject(s.sentences()), s, new TopK(5, 0), "k",
                RunOptions.Progress.NONE);
        assertThat(mask.layer("A").selectedUnits()).containsExactly(PlantedSubject.PLANTED_A);
        assertThat(mask.layer("B").selectedUnits()).containsExactly(PlantedSubject.PLANTED_B);
        assertThat(mask.layer("B").t()[5]).isNaN();
        // Fraction form: 5 of 80 units = 0.0625.
        LanguageMask byFraction = Localizer.localize(new PlantedSubject(s.sentences()), s, TopK.parse("0.0625"), "k",
                RunOptions.Progress.NONE);
        assertThat(byFraction.selectedCount()).isEqualTo(5);

        // The localized subject passes only the selected units, layer by layer.
        LocalizedSubject localized = new LocalizedSubject(new PlantedSubject(s.sentences()), mask);
        var out = localized.digestText(List.of(s.sentences().get(0)));
        assertThat(out.layers()).extracting(LayerActivations::units).containsExactly(3, 2);

    }

    @Test
    void cacheIsKeyedByEverythingAndRejectsCorruptFiles() throws Exception {
        MaskCache cache = new MaskCache(tmp);
        String key = MaskCache.key("untrained:gpt2@0", "fedorenko2010", "abc", List.of("h.0", "h.1"), TopK.parse("4096"));
        assertThat(MaskCache.key("untrained:gpt2@0", "fedorenko2010", "abc", List.of("h.0"), TopK.parse("4096"))).isNotEqualTo(key);
        assertThat(MaskCache.key("untrained:gpt2@0", "fedorenko2010", "abc", List.of("h.0", "h.1"), TopK.parse("0.1")))
                .isNotEqualTo(key);
        LanguageMask mask = LanguageMask.select(key, List.of("h.0", "h.1"), List.of(new double[] {1, 5, Double.NaN},
                new double[] {4, 2}), new TopK(2, 0));
        assertThat(mask.layer("h.0").selectedUnits()).containsExactly(1);
        assertThat(mask.layer("h.1").selectedUnits()).containsExactly(0);
        cache.save(mask);
        StringBuilder warnings = new StringBuilder();
        LanguageMask back = cache.load(key, warnings::append).orElseThrow();
        assertThat(back.layer("h.0").t()[2]).isNaN();
        assertThat(back.layer("h.1").selectedUnits()).containsExactly(0);
        Files.writeString(cache.file(key), "{\"format\": \"brainalign-language-mask\", \"version\": 1, \"key\": ");
        assertThat(cache.load(key, warnings::append)).isEmpty();
        assertThat(warnings.toString()).contains("corrupt");
        assertThatThrownBy(() -> TopK.parse("1.5")).hasMessageContaining("--top-k");
        assertThatThrownBy(() -> new TopK(10, 0).of(5)).hasMessageContaining("selects 10 of 5");
    }
}
