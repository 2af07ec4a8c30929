package org.brainalign.benchmarks.frank2015;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.brainalign.benchmarks.TestData;
import org.brainalign.benchmarks.data.DataMissingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frank et al.'s file: its structure as SOURCE.md describes it, and rows that contradict their sentence refused. */
class Frank2015DataTest {

    @Test
    void readsEverySentenceAndWord() {
        Frank2015Data d = Frank2015Data.load(TestData.shared().dataset("frank2015-eeg"));
        assertThat(d.sentences()).hasSize(205);
        assertThat(d.rows()).isEqualTo(1726);
        int finals = 0;
        for (int r = 0; r < d.rows(); r++) {
            finals += d.sentenceFinal()[r] ? 1 : 0;
            assertThat(d.rowPosition()[r]).isBetween(1, d.sentences().get(d.rowSentence()[r]).size() - 1);
        }
        assertThat(finals).isEqualTo(205); // one sentence-final word per sentence
        assertThat(d.columns().keySet()).containsAll(Frank2015Data.COMPONENTS).containsAll(Frank2015Data.PUBLISHED);
        // Sentence 96, as the file's first row shows it.
        int s96 = d.sentenceIds().indexOf(96);
        assertThat(d.sentences().get(s96)).isEqualTo(List.of("Arthur", "placed", "the", "bars", "of", "chocolate", "on", "the",
                "counter."));
    }

    @Test
    void aRowWhoseWordIsNotAtItsPositionIsRefused(@TempDir Path tmp) throws IOException {
        Path src = TestData.shared().dataset("frank2015-eeg").resolve("all_measures.csv");
        List<String> lines = Files.readAllLines(src);
        lines.set(1, lines.get(1).replaceFirst("^Arthur placed,the,THE", "Arthur placed,a,A"));
        Files.write(tmp.resolve("all_measures.csv"), lines);
        assertThatThrownBy(() -> Frank2015Data.load(tmp)).isInstanceOf(DataMissingException.class)
                .hasMessageContaining("row 2 has word 'a' at context_length 2").hasMessageContaining("'the'");
    }
}
