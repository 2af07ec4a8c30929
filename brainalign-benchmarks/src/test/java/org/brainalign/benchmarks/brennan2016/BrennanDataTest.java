package org.brainalign.benchmarks.brennan2016;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.brainalign.benchmarks.TestData;
import org.brainalign.benchmarks.data.DataMissingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Brennan2016 data: the TextGrid's words, every participant's files, the left-out s33, the
 * volume timing established from the word-rate regressors, the HRF against SciPy, and the folds.
 */
class BrennanDataTest {
    static Path dir() {
        return TestData.shared().dataset("brennan2016-alice");
    }

    @Test
    void wordsAndParticipantsAsTheAuthorsReleasedThem() {
        BrennanData d = BrennanData.load(dir(), "6mm");
        assertThat(TextGrid.read(dir().resolve(BrennanData.TEXTGRID), "word").intervals()).hasSize(2423);
        assertThat(d.words()).hasSize(2127);
        assertThat(d.words().getFirst()).isEqualTo(new BrennanData.Word(20.05891632653599, "Alice"));
        assertThat(d.words().getLast().text()).isEqualTo("cake");
        assertThat(d.participants()).hasSize(27).noneMatch(p -> p.id().equals("s33"));
        assertThat(d.rejected()).singleElement().asString().startsWith("s33: ").contains("s33-timecourses.txt")
                .contains("constant");
    }

    @Test
    void ourWordRateRegressorMatchesEveryParticipantsOwn() {
        for (String radius : List.of("6mm", "10mm")) {
            BrennanData d = BrennanData.load(dir(), radius);
            assertThat(d.rateMatch()).hasSize(d.participants().size());
            for (double r : d.rateMatch()) {
                assertThat(r).as("%s word-rate match", radius).isGreaterThanOrEqualTo(0.95);
            }
            // The first kept volume sits 10 TRs (20 s) into the scan, give or take the HRF sampling convention.
            assertThat(d.volumeZero()).isBetween(18.0, 22.0);
        }
    }

    @Test
    void hrfIsSpmsCanonicalDoubleGamma() {
        // SciPy 1.x: (gamma.pdf(t, 6) - gamma.pdf(t, 16) / 6) / (5 / 6)
        double[][] reference = {{0.5, 0.00018954083116019523}, {1, 0.003678794411658159}, {2, 0.043307289957463635},
            {4, 0.1875491343972855}, {5, 0.2105293946345566}, {6, 0.19256951814514706}, {8, 0.10811919802887074},
            {10, 0.0384563158363481}, {12, 0.0008105424537059563}, {15, -0.018164227586596037}, {16, -0.018663489490766863},
            {20, -0.010263813790433595}, {25, -0.0019768358731748767}, {31, -0.00012353562220458105}};
        for (double[] r : reference) {
            assertThat(Hrf.at(r[0])).as("h(%s)", r[0]).isCloseTo(r[1], Offset.offset(1e-15));
        }
        assertThat(Hrf.at(-1)).isZero();
        assertThat(Hrf.at(32)).isZero();
        // Convolution is the sum of shifted responses, evaluated exactly.
        double[] y = Hrf.convolve(new double[] {1.0, 3.0}, new double[] {2.0, -1.0}, new double[] {0.0, 6.0, 9.0});
        assertThat(y[0]).isZero();
        assertThat(y[1]).isCloseTo(2 * Hrf.at(5) - Hrf.at(3), Offset.offset(1e-15));
        assertThat(y[2]).isCloseTo(2 * Hrf.at(8) - Hrf.at(6), Offset.offset(1e-15));
    }

    @Test
    void foldsAreContiguousWithGaps() {
        List<TimeSeriesFolds.Fold> folds = new TimeSeriesFolds(362, 5, 5).folds();
        boolean[] tested = new boolean[362];
        for (TimeSeriesFolds.Fold f : folds) {
            for (int v : f.test()) {
                assertThat(tested[v]).isFalse();
                tested[v] = true;
            }
            int first = f.test()[0], last = f.test()[f.test().length - 1];
            assertThat(last - first + 1).isEqualTo(f.test().length);
            for (int v : f.train()) {
                assertThat(v < first - 5 || v > last + 5).as("train volume %d vs test [%d, %d]", v, first, last).isTrue();
            }
            assertThat(f.train().length + f.test().length).isLessThanOrEqualTo(362).isGreaterThanOrEqualTo(362 - 10);
        }
        assertThat(tested).doesNotContain(false);
    }

    @Test
    void aBrokenParticipantIsLeftOutWithItsReason(@TempDir Path tmp) throws IOException {
        Path data = Files.createDirectories(tmp.resolve("alice_data_shared").resolve("6mm"));
        Files.createDirectories(tmp.resolve("alice_stim_shared"));
        Files.copy(dir().resolve(BrennanData.TEXTGRID), tmp.resolve(BrennanData.TEXTGRID));
        Path src = dir().resolve("alice_data_shared");
        for (String id : List.of("s18", "s22", "s23", "s24", "s26")) {
            Files.copy(src.resolve("6mm").resolve(id + "-timecourses.txt"), data.resolve(id + "-timecourses.txt"));
            for (String kind : List.of("-rate.txt", "-sndpwr.txt")) {
                Files.copy(src.resolve(id + kind), data.getParent().resolve(id + kind));
            }
            try (var s = Files.list(src)) {
                for (Path rp : s.filter(p -> p.getFileName().toString().startsWith(id + "-rp_")).toList()) {
                    Files.copy(rp, data.getParent().resolve(rp.getFileName()));
                }
            }
        }
        List<String> lines = Files.readAllLines(data.resolve("s22-timecourses.txt"));
        Files.write(data.resolve("s22-timecourses.txt"), lines.subList(0, 300));
        lines = Files.readAllLines(data.getParent().resolve("s23-rate.txt"));
        lines.set(7, "NaN");
        Files.write(data.getParent().resolve("s23-rate.txt"), lines);
        BrennanData d = BrennanData.load(tmp, "6mm", false);
        assertThat(d.participants()).extracting(BrennanData.Participant::id).containsExactly("s18", "s24", "s26");
        assertThat(d.rejected()).hasSize(2);
        assertThat(d.rejected().get(0)).startsWith("s22: ").contains("s22-timecourses.txt: 300 rows; expected 362");
        assertThat(d.rejected().get(1)).startsWith("s23: ").contains("s23-rate.txt: line 8 value 1 is NaN");
        Files.delete(data.resolve("s18-timecourses.txt"));
        Files.delete(data.resolve("s24-timecourses.txt"));
        Files.delete(data.resolve("s26-timecourses.txt"));
        assertThatThrownBy(() -> BrennanData.load(tmp, "6mm", false)).isInstanceOf(DataMissingException.class)
                .hasMessageContaining("only 0 usable participants");
        assertThatThrownBy(() -> BrennanData.load(tmp, "8mm", false)).hasMessageContaining("6mm or 10mm");
    }
}
