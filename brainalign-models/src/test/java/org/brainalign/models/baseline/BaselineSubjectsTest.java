package org.brainalign.models.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.brainalign.core.subject.LayerActivations;
import org.brainalign.core.subject.Task;
import org.junit.jupiter.api.Test;

class BaselineSubjectsTest {

    /**
     * BSL's generator exactly: the expected values are numpy's, printed by
     * brainalign-app/src/test/python/bsl_random_embedding.py (RandomState seeded with the word's
     * sha256 digest, {@code random(100)}).
     */
    @Test
    void randomEmbeddingIsBslsNumpyGeneratorAndMean() {
        RandomEmbeddingSubject s = new RandomEmbeddingSubject(100, 0);
        assertThat(pick(s.vector("cat"))).containsExactly(0.1747364368245049, 0.51848182810174, 0.10309370568152731);
        assertThat(pick(s.vector("the"))).containsExactly(0.9898489151538049, 0.4650519850441218, 0.9757956748460126);
        assertThat(pick(s.vector("Beekeeping"))).containsExactly(0.5616219364395697, 0.5423793632376456, 0.10767408920259658);
        assertThat(pick(s.vector(""))).containsExactly(0.8246143172941754, 0.8177714261883132, 0.42314892659260905);
        LayerActivations a = s.digestText(List.of("The cat.", "cat The", "the cat")).layers().getFirst();
        assertThat(a.units()).isEqualTo(100);
        // BSL keeps case: "The" and "the" are different words; order does not matter.
        assertThat(a.row(0)[7]).isEqualTo((float) 0.27213109761029336);
        assertThat(a.row(1)).containsExactly(a.row(0));
        assertThat(a.row(2)).isNotEqualTo(a.row(0));
        // Another seed gives other vectors, still uniform on [0, 1).
        double[] other = new RandomEmbeddingSubject(100, 1).vector("cat");
        assertThat(other).isNotEqualTo(s.vector("cat"));
        for (double v : other) {
            assertThat(v).isGreaterThanOrEqualTo(0).isLessThan(1);
        }
        assertThatThrownBy(() -> s.startBehavioralTask(Task.NEXT_WORD)).hasMessageContaining("without a language-model head, so it has no next-word predictions");
    }

    private static double[] pick(double[] v) {
        return new double[] {v[0], v[7], v[99]};
    }

    @Test
    void oasmEncodesOnlyPositionWithinACall() {
        OasmSubject s = new OasmSubject(10, 1.0);
        LayerActivations first = s.digestText(List.of("a", "b", "c")).layers().getFirst();
        LayerActivations second = s.digestText(List.of("x", "y")).layers().getFirst();
        assertThat(first.row(0)[0]).isEqualTo(1.0f);
        assertThat((double) first.row(0)[1]).isCloseTo(Math.exp(-0.5), within(1e-7));
        assertThat((double) first.row(0)[2]).isCloseTo(Math.exp(-2), within(1e-7));
        assertThat(first.row(0)[3]).isZero();
        // The second call uses new dimensions: orthogonal to the first passage.
        assertThat(second.row(0)[3]).isEqualTo(1.0f);
        assertThat(second.row(0)[0]).isZero();
        assertThatThrownBy(() -> s.digestText(List.of("1", "2", "3", "4", "5", "6"))).hasMessageContaining("capacity of 10");
    }
}
