package org.brainalign.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.brainalign.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Spark job in {@code local[2]} fills the store with exactly the rows that {@code brainalign
 * score} writes for the same jobs run one after another (every column but the creation time), and
 * a job that cannot run is reported while the others complete.
 */
class ScoreJobTest {
    @TempDir
    Path tmp;

    static Path fixture(String name) {
        return org.brainalign.core.testing.Shared.require(org.brainalign.core.testing.Shared.Part.FIXTURES).resolve(name);
    }

    static final String COLUMNS = "model, checkpoint, data, benchmark, benchmark_version, layer, raw, ceiling, normalized, unclipped, "
            + "ci_low, ci_high, per_split, note, ceiling_source, seeds, checksums, context, split, software, raw_ci_low, raw_ci_high, "
            + "ceiling_low, ceiling_high, split_by_neuroid, measures";

    @Test
    void localTwoCoresWritesTheRowsThatSerialScoreWrites() throws Exception {
        // Two untrained models: the tiny GPT-2 architecture with two seeds' weights.
        String trained = "untrained:" + fixture("tiny-gpt2") + "@5";
        String untrained = "untrained:" + fixture("tiny-gpt2") + "@1";
        Path serial = tmp.resolve("serial.db");
        for (String model : List.of(trained, untrained)) {
            cli("score", "--model", model, "--benchmark", "Tuckute2024-ridge", "--store", serial.toString(), "--no-progress",
                    "--no-activation-cache");
            cli("score", "--model", model, "--benchmark", "Pereira2018.243sentences-ridge,Fedorenko2016-ridge", "--simulated",
                    "--store", serial.toString(), "--no-progress", "--no-activation-cache");
        }
        Path spark = tmp.resolve("spark.db");
        StringWriter out = new StringWriter();
        int code = ScoreJob.run(new PrintWriter(out, true), new PrintWriter(out, true), "--master", "local[2]", "--models",
                trained + "," + untrained, "--benchmarks",
                "Tuckute2024-ridge,simulated:Pereira2018.243sentences-ridge,simulated:Fedorenko2016-ridge", "--store", spark.toString());
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("done: 6 scored, 0 already in the store, 0 failed");
        List<String> a = rows(serial);
        List<String> b = rows(spark);
        assertThat(a).hasSize(2 * 3 * 5); // 2 models x 3 benchmarks x 5 layers of the tiny GPT-2
        assertThat(b).isEqualTo(a);

        // A corrupt model directory: the fixture's config with a truncated weights file.
        Path corrupt = Files.createDirectories(tmp.resolve("corrupt-model"));
        for (String f : List.of("config.json", "tokenizer.json", "tokenizer_config.json")) {
            Files.copy(fixture("tiny-gpt2").resolve(f), corrupt.resolve(f));
        }
        byte[] weights = Files.readAllBytes(fixture("tiny-gpt2").resolve("model.safetensors"));
        Files.write(corrupt.resolve("model.safetensors"), java.util.Arrays.copyOf(weights, weights.length / 3));
        StringWriter again = new StringWriter();
        int resumed = ScoreJob.run(new PrintWriter(again, true), new PrintWriter(again, true), "--master", "local[2]", "--models",
                trained + "," + untrained + "," + corrupt, "--benchmarks", "Tuckute2024-ridge", "--store", spark.toString(), "--resume");
        assertThat(again.toString()).contains("done: 0 scored, 2 already in the store, 1 failed")
                .containsPattern("corrupt-model × Tuckute2024-ridge: FAILED on .*model.safetensors");
        assertThat(resumed).isEqualTo(1);
        assertThat(rows(spark)).isEqualTo(a);
    }

    /**
     * A llama2.c checkpoint given alone to --models is that model (not a list file), given by a
     * relative path it is made absolute on the driver, and its rows equal serial score's exactly;
     * likewise a BERT-family encoder (libtorch forward), whose surprisal benchmark is reported as not run.
     */
    @Test
    void aSingleLlama2cCheckpointAndABertEncoderByRelativePathsMatchSerialExactly() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        Path bin = org.brainalign.core.testing.Shared.require(org.brainalign.core.testing.Shared.Part.MODELS).resolve("stories260K").resolve("stories260K.bin").toAbsolutePath();
        String relativeBin = cwd.relativize(bin).toString();
        Path bert = Files.createDirectories(tmp.resolve("tiny-bert"));
        Files.copy(fixture("tiny-bert").resolve("config.json"), bert.resolve("config.json"));
        Files.copy(fixture("tiny-bert").resolve("model.safetensors"), bert.resolve("model.safetensors"));
        writeWordLevelTokenizer(bert);
        String relativeBert = cwd.relativize(bert.toAbsolutePath()).toString();

        Path serial = tmp.resolve("serial.db");
        for (String model : List.of(relativeBin, relativeBert)) {
            cli("score", "--model", model, "--benchmark", "Tuckute2024-ridge", "--store", serial.toString(), "--no-progress",
                    "--no-activation-cache");
        }
        Path spark = tmp.resolve("spark.db");
        StringWriter single = new StringWriter();
        int code = ScoreJob.run(new PrintWriter(single, true), new PrintWriter(single, true), "--master", "local[2]", "--models",
                relativeBin, "--benchmarks", "Tuckute2024-ridge", "--store", spark.toString());
        assertThat(code).as(single.toString()).isZero();
        assertThat(single.toString()).contains("1 jobs (1 models x 1 benchmarks)").contains(bin.toString() + " × Tuckute2024-ridge")
                .contains("done: 1 scored, 0 already in the store, 0 failed");
        StringWriter encoder = new StringWriter();
        code = ScoreJob.run(new PrintWriter(encoder, true), new PrintWriter(encoder, true), "--master", "local[2]", "--models",
                relativeBert, "--benchmarks", "Tuckute2024-ridge,Futrell2018-pearsonr", "--store", spark.toString());
        assertThat(code).as(encoder.toString()).isZero();
        assertThat(encoder.toString()).contains(bert.toAbsolutePath() + " × Tuckute2024-ridge")
                .contains("Futrell2018-pearsonr: not run: Futrell2018-pearsonr needs surprisal (next-word probabilities), but tiny-bert "
                        + "is a bert encoder without a causal language-model head")
                .contains("done: 1 scored, 0 already in the store, 0 failed, 1 not run");
        List<String> a = rows(serial);
        assertThat(a).anyMatch(r -> r.startsWith("stories260K\t")).anyMatch(r -> r.startsWith("tiny-bert\t"));
        assertThat(rows(spark)).isEqualTo(a);
    }

    /** A word-level tokenizer.json with [CLS]=1 / [SEP]=2 around every sequence, every other word [UNK]. */
    private static void writeWordLevelTokenizer(Path dir) throws java.io.IOException {
        org.brainalign.core.testing.WordLevelTokenizer.write(dir, List.of("the", "a", "of", "and", "to", "in", "was", "he", "she", "it"));
    }

    /** The Spark launcher's bad command lines are one "error: " line, as brainalign's are, with no usage dump. */
    @Test
    void badArgumentsAreOneErrorLine() {
        for (String[] args : new String[][] {{"--models"}, {"--model", "x", "--benchmarks", "y", "--store", "z"}, {}}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = ScoreJob.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
            assertThat(code).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString().strip().lines().toList()).as(String.join(" ", args)).hasSize(1);
            assertThat(err.toString()).startsWith("error: ").doesNotContain("Usage:");
        }
        StringWriter err = new StringWriter();
        ScoreJob.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "--model", "x", "--benchmarks", "y", "--store", "z");
        assertThat(err.toString()).contains("has no option '--model'; did you mean --models?");
    }

    static void cli(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertThat(cli.execute(args)).as(err.toString()).isZero();
    }

    static List<String> rows(Path db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM scores ORDER BY model, data, benchmark, layer")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(rs.getString(i)).append('\t');
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}
