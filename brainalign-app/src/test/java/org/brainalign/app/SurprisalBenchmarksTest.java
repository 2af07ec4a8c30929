package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.assertj.core.data.Offset;
import org.brainalign.benchmarks.BenchmarkRegistry;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.data.DataCatalog;
import org.brainalign.benchmarks.data.DataDirectory;
import org.brainalign.benchmarks.frank2015.Frank2015;
import org.brainalign.core.score.Score;
import org.brainalign.models.registry.ModelRegistry;
import org.brainalign.models.registry.ModelRequest;
import org.brainalign.models.registry.OpenedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models scored by their published surprisals on real data: GPT-3's token log-probabilities on
 * Futrell2018, and the surprisal columns of Frank et al.'s file on Frank2015 — each against a
 * computation written here as a plain loop, and GPT-3's against Python's.
 */
class SurprisalBenchmarksTest {
    static Path dir;
    static DataSource data;

    @BeforeAll
    static void open() {
        String env = System.getenv("BRAINALIGN_DATA");
        dir = Path.of(env != null && !env.isBlank() ? env : System.getProperty("brainalign.data.default", ""));
        data = new DataSource(new DataDirectory(dir), DataCatalog.bundled(), false);
    }

    static Score score(String model, String benchmark) {
        try (OpenedModel m = ModelRegistry.open(model, ModelRequest.defaults())) {
            return BenchmarkRegistry.create(benchmark, data).score(m.freshSubject(), RunOptions.defaults());
        }
    }

    @Test
    void gpt3OnFutrell2018() {
        Score s = score("surprisal:" + dir.resolve("naturalstories").resolve("probs_all_stories_gpt3.csv"), "Futrell2018-pearsonr");
        // src/test/python/futrell2018_gpt3.py, numpy over the same files (tokens summed per word by their characters;
        // BSL's sentence loop, 481 sentences; 9,775 pairs): r = 0.20763838738454243.
        assertThat(s.raw()).isCloseTo(0.20763838738454243, Offset.offset(1e-12));
        assertThat(s.normalized()).isCloseTo(0.20763838738454243 / 0.85804302, Offset.offset(1e-12));
        assertThat(s.layers().getFirst().note()).contains("over 9775 pairs");
    }

    static List<CSVRecord> frankRows() throws IOException {
        try (Reader in = Files.newBufferedReader(dir.resolve("frank2015-eeg").resolve("all_measures.csv"))) {
            List<CSVRecord> rows = new ArrayList<>(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(in).getRecords());
            rows.sort(Comparator.<CSVRecord>comparingInt(r -> Integer.parseInt(r.get("sent_id")))
                    .thenComparingInt(r -> Integer.parseInt(r.get("context_length"))));
            return rows;
        }
    }

    /** −r or +r of a column against a component over the non-final words, as a plain loop. */
    static double plainScore(List<CSVRecord> rows, String column, String component, double sign) {
        double sx = 0, sy = 0, n = 0;
        for (CSVRecord r : rows) {
            if (r.get("is_start_end").equals("0")) {
                sx += Double.parseDouble(r.get(column));
                sy += Double.parseDouble(r.get(component));
                n++;
            }
        }
        double mx = sx / n, my = sy / n, cov = 0, vx = 0, vy = 0;
        for (CSVRecord r : rows) {
            if (r.get("is_start_end").equals("0")) {
                double dx = Double.parseDouble(r.get(column)) - mx;
                double dy = Double.parseDouble(r.get(component)) - my;
                cov += dx * dy;
                vx += dx * dx;
                vy += dy * dy;
            }
        }
        return sign * cov / Math.sqrt(vx * vy);
    }

    @Test
    void frank2015FromThePublishedGpt2Column(@TempDir Path tmp) throws IOException {
        List<CSVRecord> rows = frankRows();
        // A surprisal file as a user would write it: one row per word in reading order (first words absent).
        StringBuilder tsv = new StringBuilder("word\ts_GPT2\n");
        for (CSVRecord r : rows) {
            tsv.append(r.get("word")).append('\t').append(r.get("s_GPT2")).append('\n');
        }
        Path file = tmp.resolve("frank-gpt2.tsv");
        Files.writeString(file, tsv);
        Score n400 = score("surprisal:" + file + "#s_GPT2", "Frank2015-N400");
        double expected = plainScore(rows, "s_GPT2", "N400", -1);
        assertThat(n400.raw()).isCloseTo(expected, Offset.offset(1e-12));
        assertThat(expected).isCloseTo(0.1985, Offset.offset(5e-5)); // Python: r = −0.1985 over the 1,521 words
        assertThat(n400.layers().getFirst().rawInterval().lower()).isLessThan(expected);
        assertThat(n400.layers().getFirst().rawInterval().upper()).isGreaterThan(expected);
        assertThat(n400.layers().getFirst().note()).contains("over 1521 words of 205 sentences");

        Frank2015 p600 = (Frank2015) BenchmarkRegistry.create("Frank2015-P600", data);
        for (String column : List.of("s_GPT2", "s_GPT2_xl", "trigram")) {
            Score s = p600.scoreSurprisal(column, p600.data().column(column), RunOptions.defaults());
            assertThat(s.raw()).as(column).isCloseTo(plainScore(rows, column, "P600", +1), Offset.offset(1e-12));
        }
    }

    @Test
    void aFileThatDoesNotCoverTheBenchmarkIsAnError(@TempDir Path tmp) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("naturalstories").resolve("probs_all_stories_gpt3.csv"));
        Path cut = tmp.resolve("gpt3-cut.csv");
        Files.write(cut, lines.subList(0, 5000));
        assertThatThrownBy(() -> score("surprisal:" + cut, "Futrell2018-pearsonr")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gpt3-cut.csv does not hold the text").hasMessageContaining("past its end");
    }
}
