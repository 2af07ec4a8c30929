package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One results store shared by separate JVMs, as on a cluster node: 4 processes scoring different
 * benchmarks into it at once, and 8 processes creating a fresh store at once. Every row arrives and
 * SQLite's full integrity check passes.
 */
class StoreProcessesTest {
    @TempDir
    Path tmp;

    private Process start(Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true", "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), "org.brainalign.app.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void finish(List<Process> ps, List<Path> logs) throws Exception {
        for (int i = 0; i < ps.size(); i++) {
            assertThat(ps.get(i).waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(ps.get(i).exitValue()).as("process %d: %s", i, Files.readString(logs.get(i))).isZero();
        }
    }

    private static long rows(Path db, String where) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("ok");
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM scores" + where)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void fourScoringProcessesShareOneStore() throws Exception {
        Path db = tmp.resolve("shared.db");
        String data = org.brainalign.core.testing.Shared.require(org.brainalign.core.testing.Shared.Part.DATA).toString();
        List<String> benchmarks = List.of("Tuckute2024-linear", "Tuckute2024-ridge", "Pereira2018.243sentences-network-ridge",
                "Pereira2018.384sentences-network-ridge");
        List<Process> ps = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (String b : benchmarks) {
            Path log = tmp.resolve(b + ".log");
            logs.add(log);
            ps.add(start(log, "score", "--model", "randomembedding-100", "--benchmark", b, "--data-dir", data, "--store",
                    db.toString(), "--cache-dir", tmp.resolve("cache-" + b).toString(), "--no-progress"));
        }
        finish(ps, logs);
        assertThat(rows(db, "")).isEqualTo(benchmarks.size()); // one layer ('embedding') per benchmark
        for (String b : benchmarks) {
            assertThat(rows(db, " WHERE benchmark = '" + b + "'")).as(b).isEqualTo(1);
        }
        CliTest.Run check = CliTest.run("leaderboard", "--store", db.toString(), "--check");
        assertThat(check.code()).as(check.err()).isZero();
    }

    @Test
    void eightProcessesCreateOneFreshStore() throws Exception {
        for (int round = 0; round < 2; round++) {
            Path db = tmp.resolve("fresh-" + round + ".db");
            List<Process> ps = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Path log = tmp.resolve("open-" + round + "-" + i + ".log");
                logs.add(log);
                // score on a simulated benchmark writes its rows into the store it creates on first use
                ps.add(start(log, "score", "--model", "randomembedding-" + (10 + i), "--benchmark", "Tuckute2024-linear",
                        "--simulated", "--store", db.toString(), "--cache-dir", tmp.resolve("cache-o" + i).toString(),
                        "--no-progress", "--no-activation-cache"));
            }
            finish(ps, logs);
            assertThat(rows(db, "")).as("round %d", round).isEqualTo(8);
        }
    }
}
