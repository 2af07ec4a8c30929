package org.brainalign.benchmarks.futrell2018;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.ScriptedSubject;
import org.brainalign.benchmarks.TestData;
import org.brainalign.benchmarks.data.DataCatalog;
import org.junit.jupiter.api.Test;

class Futrell2018Test {
    /** The real data (the test is skipped, with the reason, when the shared folder is absent). */
    private static DataSource real() {
        return new DataSource(TestData.shared(), DataCatalog.bundled(), false);
    }

    @Test
    void corpusHasTheWordsStoriesAndSentencesBslReports() {
        NaturalStories d = new Futrell2018(real()).data();
        assertThat(d.words()).hasSize(10256);
        int sentences = 0;
        for (boolean b : d.sentenceInitial()) {
            sentences += b ? 1 : 0;
        }
        assertThat(sentences).as("BSL's data_packaging.py finds 481 sentences").isEqualTo(481);
        assertThat(NaturalStories.startsSentence("'Scratch!'", "sounded")).isFalse();
        assertThat(NaturalStories.startsSentence("Mr.", "Smith")).isFalse();
        assertThat(NaturalStories.startsSentence("Dr.", "Georges")).as("BSL exempts only Mr.").isTrue();
        assertThat(NaturalStories.startsSentence("money.", "That")).isTrue();
        assertThat(NaturalStories.startsSentence("end.'", "3")).as("no cased letter: not lower-case").isTrue();
        assertThat(NaturalStories.startsSentence("end;'", "(the")).isFalse();
        int georges = d.words().indexOf("Georges");
        assertThat(d.words().get(georges - 1)).isEqualTo("Dr.");
        assertThat(d.sentenceInitial()[georges]).as("story 10's 'Dr. Georges' splits as in BSL").isTrue();
        assertThat(d.words().getFirst()).isEqualTo("If");
        assertThat(d.meanRt()[0]).isGreaterThan(100);
    }

    @Test
    void anOracleReaderWhoseSurprisalIsTheMeanReadingTimeScoresOne() {
        Futrell2018 bench = new Futrell2018(real());
        double[] rt = bench.data().meanRt();
        ScriptedSubject oracle = new ScriptedSubject(parts -> {
            assertThat(parts).hasSize(10256);
            return rt.clone();
        }, parts -> List.of());
        var score = bench.score(oracle, RunOptions.defaults());
        assertThat(oracle.calls).isEqualTo(1);
        assertThat(score.raw()).isCloseTo(1.0, within(1e-12));
        assertThat(score.ceiling().value()).isEqualTo(0.85804302);
        assertThat(score.normalized()).isEqualTo(1.0);
        // Reversed sign still scores |r| = 1.
        ScriptedSubject negative = new ScriptedSubject(parts -> {
            double[] v = rt.clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = -v[i];
            }
            return v;
        }, parts -> List.of());
        assertThat(bench.score(negative, RunOptions.defaults()).raw()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aNonFiniteSurprisalStopsTheRunNamingTheWord() {
        Futrell2018 bench = new Futrell2018(real());
        ScriptedSubject broken = new ScriptedSubject(parts -> {
            double[] rt = new double[parts.size()];
            java.util.Arrays.fill(rt, 3.0);
            rt[5] = Double.POSITIVE_INFINITY;
            return rt;
        }, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bench.score(broken, org.brainalign.benchmarks.RunOptions.defaults()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("surprisal Infinity to word 5")
                .hasMessageContaining("no score is made");
    }
}
