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
        return Path.of(System.getenv("BRAINALIGN_FIXTURES")).resolve(name);
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
