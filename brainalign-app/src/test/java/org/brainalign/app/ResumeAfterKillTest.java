package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.brainalign.app.store.ResultsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code score} run killed with SIGKILL mid-way leaves the results store consistent (only whole
 * rows), and {@code score --resume} runs exactly the missing (model, benchmark, layer) jobs.
 */
class ResumeAfterKillTest {
    @TempDir
    Path tmp;

    private static final String[] BENCHMARKS = {"Tuckute2024-linear,Tuckute2024-ridge,Tuckute2024-cka"};

    @Test
    void killedRunLeavesWholeRowsAndResumeFinishesOnlyTheMissingJobs() throws Exception {
        Path db = tmp.resolve("results.db");
        String model = CliTest.fixture("tiny-gpt2").toString();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), "org.brainalign.app.Main", "score", "--model", model,
                "--benchmark", BENCHMARKS[0], "--simulated", "--layers", "all", "--store", db.toString(), "--cache-dir", tmp.resolve("cache").toString(), "--no-progress"));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        long rows = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (rows == 0 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            rows = java.nio.file.Files.exists(db) ? count(db) : 0;
        }
        assertThat(child.isAlive()).as("the child must still be running when it is killed; log: %s",
                java.nio.file.Files.exists(tmp.resolve("child.log")) ? java.nio.file.Files.readString(tmp.resolve("child.log")) : "")
                .isTrue();
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
        child.waitFor(30, TimeUnit.SECONDS);
        assertThat(child.exitValue()).isEqualTo(137);

        long before = count(db);
        assertThat(before).isBetween(1L, 14L); // 3 benchmarks x 5 layers of tiny-gpt2 = 15 jobs
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
        String firstCreated = created(db);

        CliTest.Run resumed = CliTest.run("score", "--model", model, "--benchmark", BENCHMARKS[0], "--simulated", "--layers",
                "all", "--store", db.toString(), "--cache-dir", tmp.resolve("cache").toString(), "--resume", "--no-progress");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).containsAnyOf("resumed", "complete in the store");
        try (ResultsStore store = ResultsStore.open(db)) {
            assertThat(store.rowCount()).isEqualTo(15);
        }
        // Rows that survived the kill were not recomputed.
        assertThat(created(db)).isEqualTo(firstCreated);

        CliTest.Run again = CliTest.run("score", "--model", model, "--benchmark", BENCHMARKS[0], "--simulated", "--layers",
                "all", "--store", db.toString(), "--cache-dir", tmp.resolve("cache").toString(), "--resume", "--no-progress");
        assertThat(again.out()).contains("Tuckute2024-linear: complete in the store").contains("Tuckute2024-cka: complete in the store");
    }

    private static long count(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM scores")) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (java.sql.SQLException notYet) {
            return 0;
        }
    }

    private static String created(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT created FROM scores ORDER BY created LIMIT 1")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
