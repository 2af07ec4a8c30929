package org.brainalign.benchmarks.wikitext;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.ScriptedSubject;
import org.brainalign.benchmarks.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NextWordTest {
    @TempDir
    Path tmp;

    /** A user's own text has no pin, so it is read strictly: not UTF-8 is an error naming it; a byte-order mark is no word. */
    @Test
    void aUsersTextIsReadStrictly() throws Exception {
        Path bom = tmp.resolve("bom.txt");
        Files.writeString(bom, "\uFEFFthe cat sat\n");
        assertThat(new NextWord("bom", bom, Integer.MAX_VALUE).pages()).containsExactly(List.of("the", "cat", "sat"));
        Path latin1 = tmp.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NextWord("l", latin1, Integer.MAX_VALUE).pages())
                .isInstanceOf(org.brainalign.benchmarks.data.DataMissingException.class)
                .hasMessageContaining("latin1.txt is not UTF-8 text").hasMessageNotContaining("Input length");
    }

    @Test
    void pagesResetAtWikitextTitlesAndAccuracyCountsExactWords() throws Exception {
        Path f = tmp.resolve("wiki.txt");
        Files.writeString(f, " = Alpha = \n the cat sat on the mat . \n\n = = Section = = \n the dog @-@ ran \n = Beta = \n one two \n");
        NextWord nw = new NextWord("test", f, Integer.MAX_VALUE);
        List<List<String>> pages = nw.pages();
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0)).startsWith("=", "Alpha", "=", "the").contains("@-@");
        // A subject that always predicts "the": correct exactly where the next word is "the".
        ScriptedSubject the = new ScriptedSubject(parts -> new double[parts.size()], parts -> Collections.nCopies(parts.size(), "the"));
        var score = nw.score(the, RunOptions.defaults());
        int hits = 0;
        int total = 0;
        for (List<String> p : pages) {
            for (int i = 1; i < p.size(); i++) {
                hits += p.get(i).equals("the") ? 1 : 0;
                total++;
            }
        }
        assertThat(score.raw()).isEqualTo((double) hits / total);
        assertThat(score.layers().getFirst().note()).contains("word perplexity 1.00");
    }

    @Test
    void anOracleOnTinyShakespeareScoresOne() {
        NextWord nw = new NextWord("shakespeare", TestData.shared().dataset("tinyshakespeare").resolve("input.txt"), 3000);
        ScriptedSubject oracle = new ScriptedSubject(parts -> new double[parts.size()], parts -> {
            List<String> next = new ArrayList<>(parts.subList(1, parts.size()));
            next.add("<end>");
            return next;
        });
        var score = nw.score(oracle, RunOptions.defaults());
        assertThat(score.raw()).isEqualTo(1.0);
        assertThat(nw.pages().stream().mapToInt(List::size).sum()).isEqualTo(3000);
    }
}
