package org.brainalign.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.brainalign.benchmarks.Provenance;
import org.brainalign.core.ceiling.Ceiling;
import org.brainalign.core.score.Interval;
import org.brainalign.core.score.LayerScore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store keeps a layer score whole, upgrades a version-1 file, and survives concurrent first use. */
class ResultsStoreTest {
    private static final ResultsStore.ModelKey MODEL = new ResultsStore.ModelKey("m", "generated");
    private static final ResultsStore.RunInfo INFO = new ResultsStore.RunInfo(1,
            new Provenance(Map.of("bootstrap", 0L), Map.of("f", "abc"), "none"), "none", "test");

    @TempDir
    Path tmp;

    @Test
    void aLayerScoreComesBackAsItWasRecorded() {
        double[][] m = {{0.1, Double.NaN, 0.3}, {0.4, 0.5, -0.6}};
        LayerScore in = new LayerScore("h.0", 0.2, 0.5, 0.55, new Interval(0.1, 0.3), new Interval(0.25, 0.75), m, "note",
                Map.of("word_perplexity", 123.5));
        Ceiling ceiling = new Ceiling(0.4, 0.35, 0.45, new double[0], "extrapolated");
        try (ResultsStore store = ResultsStore.open(tmp.resolve("s.db"))) {
            store.record(MODEL, "b", INFO, ceiling, in);
            LayerScore out = store.layerScores(MODEL, "b", 1, List.of("h.0")).getFirst();
            assertThat(java.util.Arrays.deepToString(out.splitByNeuroid())).isEqualTo(java.util.Arrays.deepToString(m));
            assertThat(out.rawInterval()).isEqualTo(in.rawInterval());
            assertThat(out.normalizedInterval()).isEqualTo(in.normalizedInterval());
            assertThat(out.measures()).isEqualTo(in.measures());
            assertThat(List.of(out.raw(), out.normalized(), out.unclipped())).containsExactly(0.2, 0.5, 0.55);
            assertThat(store.ceiling(MODEL, "b", 1)).usingRecursiveComparison().isEqualTo(ceiling);
            assertThat(store.perplexity(MODEL)).isEqualTo(123.5);
        }
    }

    @Test
    void aVersionOneStoreIsUpgradedInPlaceAndStillRead() throws Exception {
        Path file = tmp.resolve("v1.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            st.execute("INSERT INTO meta VALUES ('schema_version', '1')");
            st.execute("""
                    CREATE TABLE scores (model TEXT NOT NULL, checkpoint TEXT NOT NULL, benchmark TEXT NOT NULL,
                      benchmark_version INTEGER NOT NULL, layer TEXT NOT NULL, raw REAL, ceiling REAL, normalized REAL,
                      unclipped REAL, ci_low REAL, ci_high REAL, per_split TEXT NOT NULL, note TEXT NOT NULL,
                      ceiling_source TEXT NOT NULL, seeds TEXT NOT NULL, checksums TEXT NOT NULL, context TEXT NOT NULL,
                      split TEXT NOT NULL, software TEXT NOT NULL, created TEXT NOT NULL,
                      PRIMARY KEY (model, checkpoint, benchmark, benchmark_version, layer))""");
            st.execute("INSERT INTO scores VALUES ('m', 'generated', 'b', 1, 'h.0', 0.2, NULL, 0.2, 0.2, 0.1, 0.3, "
                    + "'[0.25,null]', '', 'none', '{}', '{}', 'c', 's', 'brainalign 0.1.0', 't')");
        }
        try (ResultsStore store = ResultsStore.open(file)) {
            LayerScore l = store.layerScores(MODEL, "b", 1, List.of("h.0")).getFirst();
            assertThat(java.util.Arrays.deepToString(l.splitByNeuroid())).isEqualTo("[[0.25], [NaN]]");
            assertThat(l.rawInterval().known()).isFalse();
            assertThat(store.perplexity(MODEL)).isNaN();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("3");
        }
    }

    /** A value changed outside brainalign (it entered the leaderboard before), or a text in a REAL column (read as 0.0): refused by row. */
    @Test
    void everyRowCarriesADigestThatIsCheckedWhenTheStoreIsOpened() throws Exception {
        Path file = tmp.resolve("digest.db");
        try (ResultsStore store = ResultsStore.open(file)) {
            for (String layer : List.of("h.0", "h.1")) {
                store.record(MODEL, "b", INFO, Ceiling.none(), new LayerScore(layer, 0.2105, 0.2105, 0.2105, Interval.UNKNOWN,
                        Interval.UNKNOWN, new double[][] {{0.2105}}, ""));
            }
        }
        try (ResultsStore store = ResultsStore.open(file)) {
            // Rows written together (a behavioural benchmark's) are sealed inside that one transaction.
            store.recordAll(MODEL, "c", INFO, Ceiling.none(), List.of(new LayerScore("reading-times", 0.3, 0.3, 0.3,
                    Interval.UNKNOWN, Interval.UNKNOWN, new double[][] {{0.3}}, "")));
        }
        try (ResultsStore store = ResultsStore.open(file)) {
            assertThat(store.rowCount()).isEqualTo(3);
        }
        for (String edit : List.of("UPDATE scores SET raw = 0.4210 WHERE layer = 'h.1'", "UPDATE scores SET raw = 'abc' WHERE layer = 'h.1'",
                "UPDATE scores SET note = 'edited' WHERE layer = 'h.1'", "UPDATE scores SET digest = NULL WHERE layer = 'h.1'")) {
            Path copy = tmp.resolve("edited-" + Math.abs(edit.hashCode()) + ".db");
            Files.copy(file, copy);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement st = c.createStatement()) {
                st.execute(edit);
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResultsStore.open(copy).close()).as(edit)
                    .hasMessageContaining(copy.toString()).hasMessageContaining("layer h.1")
                    .hasMessageContaining(edit.contains("'abc'") ? "column raw holds 'abc' where its type is REAL" : "digest");
        }
    }

    @Test
    void eightConnectionsOpeningAFreshStoreAtOnceAllSucceed() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path file = tmp.resolve("race-" + round + ".db");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Long>> futures = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Callable<Long> open = () -> {
                        try (ResultsStore s = ResultsStore.open(file)) {
                            return s.rowCount();
                        }
                    };
                    futures.add(pool.submit(open));
                }
                for (Future<Long> f : futures) {
                    assertThat(f.get()).isZero();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aForeignOrADamagedFileIsRefusedAndLeftUntouched() throws Exception {
        Path text = tmp.resolve("text.db");
        Files.writeString(text, "model,benchmark,raw\n");
        Path good = tmp.resolve("good.db");
        try (ResultsStore store = ResultsStore.open(good)) {
            for (int i = 0; i < 200; i++) {
                store.record(MODEL, "b" + i, INFO, Ceiling.none(), new LayerScore("h.0", 0.1, 0.1, 0.1, Interval.UNKNOWN,
                        Interval.UNKNOWN, new double[][] {{0.1}}, ""));
            }
        }
        byte[] all = Files.readAllBytes(good);
        Path damaged = tmp.resolve("damaged.db");
        Files.write(damaged, java.util.Arrays.copyOf(all, all.length / 2));
        for (Path p : List.of(text, damaged)) {
            byte[] before = Files.readAllBytes(p);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResultsStore.open(p).close()).as(p.toString())
                    .hasMessageContaining(p.toString());
            assertThat(Files.readAllBytes(p)).as("%s untouched", p).isEqualTo(before);
        }
    }

    @Test
    void everyOpenRunsTheFullCheckThatFindsWhatTheQuickCheckCannot() throws Exception {
        Path file = tmp.resolve("index.db");
        try (ResultsStore store = ResultsStore.open(file)) {
            store.record(MODEL, "b", INFO, Ceiling.none(), new LayerScore("h.0", 0.1, 0.1, 0.1, Interval.UNKNOWN,
                    Interval.UNKNOWN, new double[][] {{0.1}}, ""));
        }
        // An index whose declared columns no longer match its content: quick_check does not compare indexes
        // with their tables, integrity_check does.
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement()) {
            st.execute("CREATE TABLE probe(a INTEGER, b INTEGER)");
            st.execute("CREATE INDEX probe_a ON probe(a)");
            st.execute("INSERT INTO probe VALUES (1, 10), (2, 20), (3, 30)");
            st.execute("PRAGMA writable_schema=ON");
            st.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX probe_a ON probe(b)' WHERE name = 'probe_a'");
        }
        // Every open runs the full check now (a quick_check let such a store through, and a damaged unique index then
        // listed one model twice on the leaderboard).
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResultsStore.open(file).close())
                .hasMessageContaining(file.toString()).hasMessageContaining("integrity_check");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResultsStore.open(file, true).close())
                .hasMessageContaining("integrity_check");
    }
}
