package org.brainalign.models.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.brainalign.core.subject.LayerActivations;
import org.brainalign.core.subject.Task;
import org.junit.jupiter.api.Test;

class BaselineSubjectsTest {

    @Test
    void randomEmbeddingIsTheMeanOfFixedWordVectors() {
        RandomEmbeddingSubject s = new RandomEmbeddingSubject(100, 0);
        LayerActivations a = s.digestText(List.of("The cat.", "cat the", "Dog")).layers().getFirst();
        assertThat(a.units()).isEqualTo(100);
        // Same words in any order and case, punctuation stripped: same vector; a different word differs.
        assertThat(a.row(0)).containsExactly(a.row(1));
        assertThat(a.row(2)).isNotEqualTo(a.row(0));
        double[] the = s.vector("the");
        double[] cat = s.vector("cat");
        assertThat((double) a.row(0)[7]).isCloseTo((the[7] + cat[7]) / 2, within(1e-6));
        // Fixed across instances and calls; another seed gives other vectors; roughly N(0, 1).
        assertThat(new RandomEmbeddingSubject(100, 0).vector("cat")).containsExactly(cat);
        assertThat(new RandomEmbeddingSubject(100, 1).vector("cat")).isNotEqualTo(cat);
        double sum = 0;
        double sq = 0;
        double[] big = new RandomEmbeddingSubject(20000, 0).vector("word");
        for (double v : big) {
            sum += v;
            sq += v * v;
        }
        assertThat(sum / big.length).isCloseTo(0, within(0.03));
        assertThat(sq / big.length).isCloseTo(1, within(0.05));
        assertThat(RandomEmbeddingSubject.words("'Hello,' she said...")).containsExactly("hello", "she", "said");
        assertThatThrownBy(() -> s.startBehavioralTask(Task.NEXT_WORD)).hasMessageContaining("no language-model head");
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
