package org.brainalign.app.store;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.brainalign.core.ceiling.Ceiling;
import org.brainalign.core.metric.Stats;
import org.brainalign.core.score.Interval;
import org.brainalign.core.score.LayerScore;

/**
 * The embedded results store: every layer score of every {@code score} run, in SQLite (WAL
 * journal). A row is one (model, benchmark + version, layer) job, written in its own transaction the
 * moment it is computed, so a run killed at any point leaves only complete rows and
 * {@code score --resume} redoes exactly the missing jobs. Rows carry the model's checkpoint
 * fingerprint, raw / ceiling / normalised / unclipped scores, the 95 % interval, per-split values,
 * seeds, data checksums, ceiling source, context and split policies, software version and time.
 * Schema version 1 ({@code meta.schema_version}); a newer file is refused, not guessed at.
 */
public final class ResultsStore implements AutoCloseable {
    private static final int SCHEMA_VERSION = 1;
    private static final Gson GSON = new Gson();

    private final Connection connection;
    private final Path file;

    private ResultsStore(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    /** Opens (creating if needed) the store at {@code file}. */
    public static ResultsStore open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=NORMAL");
                st.execute("PRAGMA busy_timeout=10000");
                st.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                st.execute("""
                        CREATE TABLE IF NOT EXISTS scores (
                          model TEXT NOT NULL, checkpoint TEXT NOT NULL,
                          benchmark TEXT NOT NULL, benchmark_version INTEGER NOT NULL, layer TEXT NOT NULL,
                          raw REAL, ceiling REAL, normalized REAL, unclipped REAL, ci_low REAL, ci_high REAL,
                          per_split TEXT NOT NULL, note TEXT NOT NULL, ceiling_source TEXT NOT NULL,
                          seeds TEXT NOT NULL, checksums TEXT NOT NULL, context TEXT NOT NULL, split TEXT NOT NULL,
                          software TEXT NOT NULL, created TEXT NOT NULL,
                          PRIMARY KEY (model, checkpoint, benchmark, benchmark_version, layer))""");
            }
            String version = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = 'schema_version'");
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    version = rs.getString(1);
                }
            }
            if (version == null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO meta (key, value) VALUES ('schema_version', ?)")) {
                    ps.setString(1, Integer.toString(SCHEMA_VERSION));
                    ps.executeUpdate();
                }
            } else if (!version.equals(Integer.toString(SCHEMA_VERSION))) {
                c.close();
                throw new IllegalStateException(file + ": results store schema version " + version + ", this brainalign reads "
                        + SCHEMA_VERSION + "; use a newer brainalign or another --store file");
            }
            return new ResultsStore(c, file);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot open the results store " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The identity of a model's rows. */
    public record ModelKey(String model, String checkpoint) {}

    /** Context of one benchmark's rows. */
    public record RunInfo(int benchmarkVersion, Map<String, Long> seeds, Map<String, String> checksums, String context,
            String split, String software) {}

    /** Records several layers in one transaction: all of them or none. */
    public synchronized void recordAll(ModelKey model, String benchmark, RunInfo info, Ceiling ceiling, List<LayerScore> layers) {
        try {
            connection.setAutoCommit(false);
            for (LayerScore l : layers) {
                record(model, benchmark, info, ceiling, l);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the original failure is the one to report
            }
            throw new IllegalStateException("cannot record " + benchmark + " in " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // connection is unusable anyway
            }
        }
    }

    /** The ceiling recorded with a benchmark's rows (value and source), or null when there are none. */
    public synchronized Ceiling ceiling(ModelKey model, String benchmark, int version) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT ceiling, ceiling_source FROM scores WHERE model = ? "
                + "AND checkpoint = ? AND benchmark = ? AND benchmark_version = ? LIMIT 1")) {
            ps.setString(1, model.model());
            ps.setString(2, model.checkpoint());
            ps.setString(3, benchmark);
            ps.setInt(4, version);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Ceiling(real(rs, 1), Double.NaN, Double.NaN, new double[0], rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Records one layer's score (replacing an earlier row of the same job) in its own transaction. */
    public synchronized void record(ModelKey model, String benchmark, RunInfo info, Ceiling ceiling, LayerScore layer) {
        double[][] m = layer.splitByNeuroid();
        JsonArray perSplit = new JsonArray();
        for (double[] split : m) {
            double v = Stats.nanMedian(split);
            perSplit.add(Double.isNaN(v) ? null : v);
        }
        String sql = """
                INSERT OR REPLACE INTO scores (model, checkpoint, benchmark, benchmark_version, layer, raw, ceiling, normalized,
                  unclipped, ci_low, ci_high, per_split, note, ceiling_source, seeds, checksums, context, split, software, created)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, model.model());
            ps.setString(2, model.checkpoint());
            ps.setString(3, benchmark);
            ps.setInt(4, info.benchmarkVersion());
            ps.setString(5, layer.layer());
            setReal(ps, 6, layer.raw());
            setReal(ps, 7, ceiling.value());
            setReal(ps, 8, layer.normalized());
            setReal(ps, 9, layer.unclipped());
            setReal(ps, 10, layer.normalizedInterval().lower());
            setReal(ps, 11, layer.normalizedInterval().upper());
            ps.setString(12, perSplit.toString());
            ps.setString(13, layer.note());
            ps.setString(14, ceiling.source());
            ps.setString(15, GSON.toJson(info.seeds()));
            ps.setString(16, GSON.toJson(info.checksums()));
            ps.setString(17, info.context());
            ps.setString(18, info.split());
            ps.setString(19, info.software());
            ps.setString(20, Instant.now().toString());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record " + benchmark + " / " + layer.layer() + " in " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static void setReal(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            ps.setNull(i, java.sql.Types.REAL);
        } else {
            ps.setDouble(i, v);
        }
    }

    /** Layers already recorded for this model and benchmark version. */
    public synchronized Set<String> layersDone(ModelKey model, String benchmark, int version) {
        Set<String> out = new LinkedHashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT layer FROM scores WHERE model = ? AND checkpoint = ? AND benchmark = ? AND benchmark_version = ?")) {
            ps.setString(1, model.model());
            ps.setString(2, model.checkpoint());
            ps.setString(3, benchmark);
            ps.setInt(4, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The recorded layer scores of a job set, in the given layer order (missing layers skipped). */
    public synchronized List<LayerScore> layerScores(ModelKey model, String benchmark, int version, List<String> order) {
        List<LayerScore> out = new ArrayList<>();
        String sql = "SELECT raw, normalized, unclipped, ci_low, ci_high, per_split, note FROM scores "
                + "WHERE model = ? AND checkpoint = ? AND benchmark = ? AND benchmark_version = ? AND layer = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (String layer : order) {
                ps.setString(1, model.model());
                ps.setString(2, model.checkpoint());
                ps.setString(3, benchmark);
                ps.setInt(4, version);
                ps.setString(5, layer);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    JsonArray splits = JsonParser.parseString(rs.getString(6)).getAsJsonArray();
                    double[][] m = new double[splits.size()][1];
                    for (int s = 0; s < m.length; s++) {
                        m[s][0] = splits.get(s).isJsonNull() ? Double.NaN : splits.get(s).getAsDouble();
                    }
                    Interval ci = new Interval(real(rs, 4), real(rs, 5));
                    out.add(new LayerScore(layer, real(rs, 1), real(rs, 2), real(rs, 3), Interval.UNKNOWN, ci, m,
                            rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** One benchmark headline of one model: the mean over its recorded layers (NaN-skipping). */
    public record BenchmarkResult(ModelKey model, String benchmark, int version, double raw, double normalized, int layers) {}

    /** Every (model, benchmark) headline in the store, latest benchmark version only. */
    public synchronized List<BenchmarkResult> benchmarkResults() {
        List<BenchmarkResult> out = new ArrayList<>();
        String sql = "SELECT model, checkpoint, benchmark, benchmark_version, AVG(raw), AVG(normalized), COUNT(*) FROM scores s "
                + "WHERE benchmark_version = (SELECT MAX(benchmark_version) FROM scores t WHERE t.benchmark = s.benchmark) "
                + "GROUP BY model, checkpoint, benchmark, benchmark_version ORDER BY model, benchmark";
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new BenchmarkResult(new ModelKey(rs.getString(1), rs.getString(2)), rs.getString(3), rs.getInt(4),
                        real(rs, 5), real(rs, 6), rs.getInt(7)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** One stored layer score, for per-model pages. */
    public record LayerRow(String benchmark, String layer, double raw, double normalized, double ciLow, double ciHigh) {}

    /** Model ids in the store, in first-recorded order. */
    public synchronized List<ModelKey> models() {
        List<ModelKey> out = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT model, checkpoint FROM scores GROUP BY model, checkpoint ORDER BY MIN(rowid)")) {
            while (rs.next()) {
                out.add(new ModelKey(rs.getString(1), rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** A model's layer scores, benchmark by benchmark, layers in the order they were recorded. */
    public synchronized List<LayerRow> layerRows(ModelKey model) {
        List<LayerRow> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT benchmark, layer, raw, normalized, ci_low, ci_high "
                + "FROM scores WHERE model = ? AND checkpoint = ? ORDER BY benchmark, rowid")) {
            ps.setString(1, model.model());
            ps.setString(2, model.checkpoint());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LayerRow(rs.getString(1), rs.getString(2), real(rs, 3), real(rs, 4), real(rs, 5), real(rs, 6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The word perplexity a next-word benchmark recorded for the model (from its note), or NaN. */
    public synchronized double perplexity(ModelKey model) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT note FROM scores WHERE model = ? AND checkpoint = ? "
                + "AND note LIKE '%word perplexity%' ORDER BY benchmark = 'Wikitext-accuracy' DESC LIMIT 1")) {
            ps.setString(1, model.model());
            ps.setString(2, model.checkpoint());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    var m = java.util.regex.Pattern.compile("word perplexity ([0-9.]+)").matcher(rs.getString(1));
                    if (m.find()) {
                        return Double.parseDouble(m.group(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return Double.NaN;
    }

    /** Number of rows (for tests and reports). */
    public synchronized long rowCount() {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM scores")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static double real(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? Double.NaN : v;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
