package org.brainalign.app.store;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.brainalign.benchmarks.Provenance;
import org.brainalign.benchmarks.wikitext.NextWord;
import org.brainalign.core.ceiling.Ceiling;
import org.brainalign.core.metric.Stats;
import org.brainalign.core.score.Interval;
import org.brainalign.core.score.LayerScore;

/**
 * The embedded results store: every layer score of every {@code score} run, in SQLite (WAL
 * journal). A row is one (model, benchmark + version, layer) job, written in its own transaction the
 * moment it is computed, so a run killed at any point leaves only complete rows and
 * {@code score --resume} redoes exactly the missing jobs. A row keeps everything its layer score
 * and the benchmark's ceiling were made of — raw / normalised / unclipped scores, both intervals,
 * the split × neuroid matrix (float64), side measures such as next-word perplexity, the ceiling with
 * its interval and source — plus the model's checkpoint fingerprint, seeds, data checksums, context
 * and split policies, software version and time, so that a resumed run reports exactly what a fresh
 * one does. Rows on simulated recordings are kept apart from real ones: the data kind is part of
 * every row's key ({@link ModelKey#simulated()}), so a simulated run never replaces a real row, and
 * readers ask for one kind. Schema version 2 ({@code meta.schema_version}); a version-1 file is
 * upgraded in place (its rows keep only per-split medians; rows whose checksums name simulated data
 * are marked simulated), a newer one is refused, not guessed at.
 */
public final class ResultsStore implements AutoCloseable {
    private static final int SCHEMA_VERSION = 3;
    private static final Gson GSON = new Gson();
    /** Columns added by schema version 2, with their SQL types. */
    private static final Map<String, String> V2_COLUMNS = v2Columns();

    private final Connection connection;
    private final Path file;

    /** The scores table's columns the row digest covers, read once when the store is opened (migrated by then). */
    private final List<String[]> digested;

    private ResultsStore(Connection connection, Path file) throws SQLException {
        this.connection = connection;
        this.file = file;
        this.digested = digestedColumns(connection);
    }

    private static Map<String, String> v2Columns() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("raw_ci_low", "REAL");
        m.put("raw_ci_high", "REAL");
        m.put("ceiling_low", "REAL");
        m.put("ceiling_high", "REAL");
        m.put("split_by_neuroid", "BLOB");
        m.put("measures", "TEXT NOT NULL DEFAULT '{}'");
        m.put("digest", "TEXT"); // version 3: sha256 of the row's other columns (see rowDigest)
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Opens (creating or upgrading if needed) the store at {@code file}, after SQLite's full
     * {@code integrity_check} (every page, and every index against its table: a damaged unique index
     * passes {@code quick_check} and then lists a model twice). The check is skipped only when this JVM
     * already checked the file in the same state (same size and modification time of the file and its
     * write-ahead log), so a web server that opens the store per request pays once per change.
     * On a 10,000-row store it takes about 20 ms (bench/store-integrity.py, docs/leaderboard.md).
     */
    public static ResultsStore open(Path file) {
        return open(file, false);
    }

    /** {@link #open(Path)}; {@code alwaysCheck} runs the integrity check even when this state of the file was checked. */
    public static ResultsStore open(Path file, boolean alwaysCheck) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            checkFile(file);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
                    // Switching a fresh file to WAL needs an exclusive lock, and SQLite answers BUSY at once,
                    // without its busy handler, while another opener holds the file: retry within the timeout.
                    retryWhileBusy(() -> st.execute("PRAGMA journal_mode=WAL"));
                    st.execute("PRAGMA synchronous=NORMAL");
                }
                Stamp stamp = Stamp.of(file);
                boolean verify = alwaysCheck || stamp == null || !CHECKED.contains(stamp);
                if (verify) {
                    check(c, file, "integrity_check");
                }
                retryWhileBusy(() -> migrate(c, file));
                if (verify) {
                    verifyRows(c, file);
                    if (stamp != null) {
                        CHECKED.add(stamp);
                    }
                }
                return new ResultsStore(c, file);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot open the results store " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * An existing, non-empty store file must be an SQLite database (SQLite's header), else it is refused
     * and never written into. An empty file is a store another opener has just created (SQLite writes
     * the header with the first transaction); commands that only read refuse it themselves.
     */
    private static void checkFile(Path file) throws java.io.IOException {
        if (!Files.exists(file)) {
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is not a file; --store names the results store's SQLite file");
        }
        long size = Files.size(file);
        byte[] head = new byte[16];
        try (var in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 16);
            if (size > 0 && (n < 16 || !new String(head, 0, 15, java.nio.charset.StandardCharsets.US_ASCII).equals("SQLite format 3"))) {
                throw new IllegalStateException(file + " is not an SQLite database, so not a results store; it was left untouched "
                        + "(delete it or pass another --store)");
            }
        }
    }

    /** SQLite's structural check ({@code pragma}); a damaged store is refused and never written into. */
    /** A store file's state: its path, and the size and modification time of it and of its write-ahead log. */
    private record Stamp(Path file, long size, long modified, long walSize, long walModified) {
        static Stamp of(Path file) {
            try {
                Path wal = file.resolveSibling(file.getFileName() + "-wal");
                boolean hasWal = Files.exists(wal);
                return new Stamp(file.toAbsolutePath(), Files.size(file), Files.getLastModifiedTime(file).toMillis(),
                        hasWal ? Files.size(wal) : -1, hasWal ? Files.getLastModifiedTime(wal).toMillis() : -1);
            } catch (java.io.IOException e) {
                return null; // a new file: checked, never remembered
            }
        }
    }

    /** File states this JVM has run the full integrity check on. */
    private static final java.util.Set<Stamp> CHECKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static void check(Connection c, Path file, String pragma) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + pragma)) {
            String first = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(first)) {
                throw new IllegalStateException(file + " is damaged (SQLite " + pragma + ": " + first
                        + "); it was left untouched — restore it from a copy or pass another --store");
            }
        }
    }

    /** How long an opener waits for another process's lock, in ms. */
    private static final int BUSY_TIMEOUT_MS = 10_000;

    /** One SQL step that may meet another connection's lock. */
    @FunctionalInterface
    private interface SqlStep {
        void run() throws SQLException;
    }

    /** Runs {@code step}, again after a short pause while SQLite reports the file busy, for at most the busy timeout. */
    private static void retryWhileBusy(SqlStep step) throws SQLException {
        long deadline = System.nanoTime() + BUSY_TIMEOUT_MS * 1_000_000L;
        java.util.Random jitter = new java.util.Random();
        while (true) {
            try {
                step.run();
                return;
            } catch (SQLException e) {
                boolean busy = e.getErrorCode() == 5 || e.getErrorCode() == 6 || String.valueOf(e.getMessage()).contains("SQLITE_BUSY")
                        || String.valueOf(e.getMessage()).contains("SQLITE_LOCKED");
                if (!busy || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(5 + jitter.nextInt(20));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Creates the schema, or upgrades a version-1 file, in one immediate transaction (safe with concurrent openers). */
    private static void migrate(Connection c, Path file) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            try {
                createOrUpgrade(st, file);
                st.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                st.execute("ROLLBACK");
                throw e;
            }
        }
    }

    /** The version-1 columns, which an upgrade copies as they are. */
    private static final String V1_COLUMNS = "model, checkpoint, benchmark, benchmark_version, layer, raw, ceiling, normalized, "
            + "unclipped, ci_low, ci_high, per_split, note, ceiling_source, seeds, checksums, context, split, software, created";

    private static void createScores(Statement st, String table) throws SQLException {
        StringBuilder extra = new StringBuilder();
        V2_COLUMNS.forEach((name, type) -> extra.append(", ").append(name).append(' ').append(type));
        st.execute("CREATE TABLE " + table + """
                 (
                  model TEXT NOT NULL, checkpoint TEXT NOT NULL, data TEXT NOT NULL CHECK (data IN ('real', 'simulated')),
                  benchmark TEXT NOT NULL, benchmark_version INTEGER NOT NULL, layer TEXT NOT NULL,
                  raw REAL, ceiling REAL, normalized REAL, unclipped REAL, ci_low REAL, ci_high REAL,
                  per_split TEXT NOT NULL, note TEXT NOT NULL, ceiling_source TEXT NOT NULL,
                  seeds TEXT NOT NULL, checksums TEXT NOT NULL, context TEXT NOT NULL, split TEXT NOT NULL,
                  software TEXT NOT NULL, created TEXT NOT NULL""" + extra + """
                ,
                  PRIMARY KEY (model, checkpoint, data, benchmark, benchmark_version, layer))""");
    }

    private static void createOrUpgrade(Statement st, Path file) throws SQLException {
        st.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        // What a model cannot give by its kind (GloVe: surprisal), so the leaderboard shows n/a instead of a 0.
        st.execute("CREATE TABLE IF NOT EXISTS model_limits (model TEXT NOT NULL, checkpoint TEXT NOT NULL, part TEXT NOT NULL, "
                + "reason TEXT NOT NULL, PRIMARY KEY (model, checkpoint, part))");
        String version = null;
        try (ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
            if (rs.next()) {
                version = rs.getString(1);
            }
        }
        if (version == null) {
            createScores(st, "scores");
            st.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '" + SCHEMA_VERSION + "')");
        } else if (version.equals("1")) {
            // The key gains the data kind, so the table is rebuilt; version 1 marked simulated rows only in their checksums.
            createScores(st, "scores_v2");
            st.execute("INSERT INTO scores_v2 (" + V1_COLUMNS + ", data) SELECT " + V1_COLUMNS
                    + ", CASE WHEN checksums LIKE '%simulated:%' THEN 'simulated' ELSE 'real' END FROM scores");
            st.execute("DROP TABLE scores");
            st.execute("ALTER TABLE scores_v2 RENAME TO scores");
            st.execute("UPDATE meta SET value = '" + SCHEMA_VERSION + "' WHERE key = 'schema_version'");
        } else if (version.equals("2")) {
            st.execute("ALTER TABLE scores ADD COLUMN digest TEXT");
            st.execute("UPDATE meta SET value = '" + SCHEMA_VERSION + "' WHERE key = 'schema_version'");
        } else if (!version.equals(Integer.toString(SCHEMA_VERSION))) {
            throw new IllegalStateException(file + ": results store schema version " + version + ", this brainalign reads "
                    + SCHEMA_VERSION + " (and upgrades 1 and 2); use a newer brainalign or another --store file");
        }
        if (version != null && !version.equals(Integer.toString(SCHEMA_VERSION))) {
            // Rows from before version 3 are taken as they are and sealed with their digest once, at the upgrade.
            try (ResultSet rs = st.executeQuery("SELECT rowid FROM scores WHERE digest IS NULL")) {
                List<Long> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getLong(1));
                }
                List<String[]> columns = digestedColumns(st.getConnection());
                for (long row : rows) {
                    seal(st.getConnection(), columns, row);
                }
            }
        }
    }

    public Path file() {
        return file;
    }

    /** The identity of a model's rows: its id, checkpoint fingerprint, and whether they score simulated recordings. */
    public record ModelKey(String model, String checkpoint, boolean simulated) implements java.io.Serializable {
        /** A model's rows on real recordings. */
        public ModelKey(String model, String checkpoint) {
            this(model, checkpoint, false);
        }

        /** The {@code data} column's value. */
        public String data() {
            return simulated ? "simulated" : "real";
        }
    }

    /** Context of one benchmark's rows: its version, what produced the score, and the software. */
    public record RunInfo(int benchmarkVersion, Provenance provenance, String context, String software)
            implements java.io.Serializable {
        /** What an assembled score already records about itself (nothing recomputed, no data file read again). */
        public static RunInfo of(org.brainalign.core.score.Score s, String software) {
            return new RunInfo(s.benchmarkVersion(), new Provenance(s.seeds(), s.dataChecksums(), s.splitPolicy(), s.simulated()),
                    s.contextPolicy(), software);
        }
    }

    /** Binds statement parameters. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Reads one result row. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs a query and reads every row; errors name the store. */
    private synchronized <T> List<T> query(String sql, Binder binder, RowReader<T> reader) {
        List<T> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static final String JOB = "model = ? AND checkpoint = ? AND data = ? AND benchmark = ? AND benchmark_version = ?";

    /** Binds the five {@link #JOB} parameters. */
    private static Binder job(ModelKey model, String benchmark, int version) {
        return ps -> {
            ps.setString(1, model.model());
            ps.setString(2, model.checkpoint());
            ps.setString(3, model.data());
            ps.setString(4, benchmark);
            ps.setInt(5, version);
        };
    }

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

    /** The ceiling recorded with a benchmark's rows (value, interval and source), or null when there are none. */
    public Ceiling ceiling(ModelKey model, String benchmark, int version) {
        List<Ceiling> found = query("SELECT ceiling, ceiling_low, ceiling_high, ceiling_source FROM scores WHERE " + JOB + " LIMIT 1",
                job(model, benchmark, version),
                rs -> new Ceiling(real(rs, 1), real(rs, 2), real(rs, 3), new double[0], rs.getString(4)));
        return found.isEmpty() ? null : found.getFirst();
    }

    /** Records one layer's score (replacing an earlier row of the same job) in its own transaction. */
    public synchronized void record(ModelKey model, String benchmark, RunInfo info, Ceiling ceiling, LayerScore layer) {
        if (info.provenance().simulated() != model.simulated()) {
            throw new IllegalStateException("refusing to record " + benchmark + " / " + layer.layer() + " on "
                    + (info.provenance().simulated() ? "simulated" : "real") + " recordings under the "
                    + model.data() + "-data key of " + model.model());
        }
        double[][] m = layer.splitByNeuroid();
        JsonArray perSplit = new JsonArray();
        for (double[] split : m) {
            double v = Stats.nanMedian(split);
            perSplit.add(Double.isNaN(v) ? null : v);
        }
        JsonObject measures = new JsonObject();
        layer.measures().forEach((k, v) -> measures.add(k, Double.isFinite(v) ? new com.google.gson.JsonPrimitive(v)
                : com.google.gson.JsonNull.INSTANCE));
        String sql = """
                INSERT OR REPLACE INTO scores (model, checkpoint, data, benchmark, benchmark_version, layer, raw, ceiling, normalized,
                  unclipped, ci_low, ci_high, per_split, note, ceiling_source, seeds, checksums, context, split, software, created,
                  raw_ci_low, raw_ci_high, ceiling_low, ceiling_high, split_by_neuroid, measures)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (Statement tx = connection.createStatement(); PreparedStatement ps = connection.prepareStatement(sql)) {
            // The row and its digest in one transaction: its own, or recordAll's when called from there.
            boolean own = connection.getAutoCommit();
            if (own) {
                tx.execute("BEGIN IMMEDIATE");
            }
            try {
                job(model, benchmark, info.benchmarkVersion()).bind(ps);
                ps.setString(6, layer.layer());
                setReal(ps, 7, layer.raw());
                setReal(ps, 8, ceiling.value());
                setReal(ps, 9, layer.normalized());
                setReal(ps, 10, layer.unclipped());
                setReal(ps, 11, layer.normalizedInterval().lower());
                setReal(ps, 12, layer.normalizedInterval().upper());
                ps.setString(13, perSplit.toString());
                ps.setString(14, layer.note());
                ps.setString(15, ceiling.source());
                ps.setString(16, GSON.toJson(info.provenance().seeds()));
                ps.setString(17, GSON.toJson(info.provenance().dataChecksums()));
                ps.setString(18, info.context());
                ps.setString(19, info.provenance().splitPolicy());
                ps.setString(20, info.software());
                ps.setString(21, Instant.now().toString());
                setReal(ps, 22, layer.rawInterval().lower());
                setReal(ps, 23, layer.rawInterval().upper());
                setReal(ps, 24, ceiling.lower());
                setReal(ps, 25, ceiling.upper());
                ps.setBytes(26, encode(m));
                ps.setString(27, measures.toString());
                ps.executeUpdate();
                long row;
                try (ResultSet rs = tx.executeQuery("SELECT last_insert_rowid()")) {
                    row = rs.getLong(1);
                }
                seal(connection, digested, row);
                if (own) {
                    tx.execute("COMMIT");
                }
            } catch (SQLException | RuntimeException e) {
                if (own) {
                    tx.execute("ROLLBACK");
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record " + benchmark + " / " + layer.layer() + " in " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** The scores table's columns other than the digest, with their declared types, in table order. */
    private static List<String[]> digestedColumns(Connection c) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(scores)")) {
            while (rs.next()) {
                if (!rs.getString("name").equals("digest")) {
                    out.add(new String[] {rs.getString("name"), rs.getString("type").toUpperCase(java.util.Locale.ROOT)});
                }
            }
        }
        return out;
    }

    /** Writes row {@code rowid}'s digest, computed from the row as SQLite stores it. */
    private static void seal(Connection c, List<String[]> columns, long rowid) throws SQLException {
        String digest;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + names(columns)
                + " FROM scores WHERE rowid = " + rowid)) {
            if (!rs.next()) {
                throw new SQLException("row " + rowid + " vanished before its digest was written");
            }
            digest = rowDigest(rs, columns, null);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE scores SET digest = ? WHERE rowid = ?")) {
            ps.setString(1, digest);
            ps.setLong(2, rowid);
            ps.executeUpdate();
        }
    }

    private static String names(List<String[]> columns) {
        return String.join(", ", columns.stream().map(col -> col[0]).toList());
    }

    /**
     * sha256 over every column's name, storage class and value (a REAL by its bits), so a flipped byte
     * or a value of another type in any column changes it. With {@code where} set, a value whose type
     * its column does not declare is an error naming the row and the column.
     */
    private static String rowDigest(ResultSet rs, List<String[]> columns, String where) throws SQLException {
        MessageDigest md = org.brainalign.core.digest.Sha256.newDigest();
        for (int i = 0; i < columns.size(); i++) {
            Object v = rs.getObject(i + 1);
            String type = columns.get(i)[1];
            String piece;
            if (v == null) {
                piece = "n";
            } else if (v instanceof Double d) {
                piece = "r" + Long.toHexString(Double.doubleToRawLongBits(d));
            } else if (v instanceof Number n) {
                piece = "i" + n.longValue();
            } else if (v instanceof byte[] b) {
                piece = "b" + java.util.HexFormat.of().formatHex(b);
            } else {
                String t = v.toString();
                piece = "t" + t.length() + ":" + t;
            }
            boolean fits = v == null || switch (type.split(" ")[0]) {
                case "REAL" -> v instanceof Double;
                case "INTEGER" -> v instanceof Integer || v instanceof Long;
                case "BLOB" -> v instanceof byte[];
                default -> v instanceof String;
            };
            if (!fits && where != null) {
                String shown = v instanceof byte[] ? "a blob" : "'" + (v.toString().length() > 40 ? v.toString().substring(0, 40) + "…"
                        : v) + "'";
                throw new IllegalStateException(where + ": column " + columns.get(i)[0] + " holds " + shown + " where its type is "
                        + type + " (the store was altered outside brainalign)");
            }
            md.update((columns.get(i)[0] + "=" + piece + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /** Every row against its digest and its columns' types; the first that fails is an error naming it. */
    private static void verifyRows(Connection c, Path file) throws SQLException {
        List<String[]> columns = digestedColumns(c);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + names(columns)
                + ", digest, rowid FROM scores")) {
            while (rs.next()) {
                String where = file + ": row " + rs.getLong(columns.size() + 2) + " (" + rs.getString("model") + ", "
                        + rs.getString("benchmark") + ", layer " + rs.getString("layer") + ")";
                String stored = rs.getString(columns.size() + 1);
                String computed = rowDigest(rs, columns, where);
                if (!computed.equals(stored)) {
                    throw new IllegalStateException(where + " does not match its digest"
                            + (stored == null ? " (it has none)" : "") + ": altered after brainalign wrote it; restore the store "
                            + "from a copy or pass another --store");
                }
            }
        }
    }

    /** rows, cols (int32) then the values row by row (float64), little-endian. */
    private static byte[] encode(double[][] m) {
        int cols = m.length == 0 ? 0 : m[0].length;
        ByteBuffer b = ByteBuffer.allocate(8 + 8 * m.length * cols).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(m.length).putInt(cols);
        for (double[] row : m) {
            for (double v : row) {
                b.putDouble(v);
            }
        }
        return b.array();
    }

    private double[][] decode(byte[] bytes, String where) {
        if (bytes.length < 8) {
            throw new IllegalStateException(file + ": " + where + ": split x neuroid matrix of " + bytes.length
                    + " bytes, expected at least an 8-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int rows = b.getInt();
        int cols = b.getInt();
        if (rows < 0 || cols < 0 || (long) rows * cols * 8 + 8 != bytes.length) {
            throw new IllegalStateException(file + ": " + where + ": split x neuroid matrix header says " + rows + " x " + cols
                    + " but the value holds " + (bytes.length - 8) + " bytes of data");
        }
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = b.getDouble();
            }
        }
        return m;
    }

    private static void setReal(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            ps.setNull(i, java.sql.Types.REAL);
        } else {
            ps.setDouble(i, v);
        }
    }

    /**
     * Every (model, checkpoint, data, benchmark, version) with rows, as
     * {@code model|checkpoint|data|benchmark|version} — the jobs a scale-out run can skip.
     */
    public Set<String> jobKeys() {
        return new LinkedHashSet<>(query("SELECT DISTINCT model, checkpoint, data, benchmark, benchmark_version FROM scores", ps -> { },
                rs -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|" + rs.getInt(5)));
    }

    /** Layers already recorded for this model and benchmark version, in the order they were recorded. */
    public Set<String> layersDone(ModelKey model, String benchmark, int version) {
        return new LinkedHashSet<>(query("SELECT layer FROM scores WHERE " + JOB + " ORDER BY rowid", job(model, benchmark, version),
                rs -> rs.getString(1)));
    }

    /**
     * The recorded layer scores of a job set, in the given layer order (missing layers skipped), as
     * they were computed: both intervals, the split × neuroid matrix and the side measures (rows of a
     * version-1 store carry only per-split medians and no raw interval).
     */
    public List<LayerScore> layerScores(ModelKey model, String benchmark, int version, List<String> order) {
        List<LayerScore> out = new ArrayList<>();
        String sql = "SELECT raw, normalized, unclipped, ci_low, ci_high, per_split, note, raw_ci_low, raw_ci_high, "
                + "split_by_neuroid, measures FROM scores WHERE " + JOB + " AND layer = ?";
        for (String layer : order) {
            Binder key = job(model, benchmark, version);
            out.addAll(query(sql, ps -> {
                key.bind(ps);
                ps.setString(6, layer);
            }, rs -> readLayer(rs, benchmark + " / " + layer, layer)));
        }
        return out;
    }

    private LayerScore readLayer(ResultSet rs, String where, String layer) throws SQLException {
        byte[] blob = rs.getBytes(10);
        double[][] m;
        if (blob != null) {
            m = decode(blob, where);
        } else {
            JsonArray splits = JsonParser.parseString(rs.getString(6)).getAsJsonArray();
            m = new double[splits.size()][1];
            for (int s = 0; s < m.length; s++) {
                m[s][0] = splits.get(s).isJsonNull() ? Double.NaN : splits.get(s).getAsDouble();
            }
        }
        Map<String, Double> measures = new LinkedHashMap<>();
        String text = rs.getString(11);
        if (text != null) {
            for (Map.Entry<String, JsonElement> e : JsonParser.parseString(text).getAsJsonObject().entrySet()) {
                measures.put(e.getKey(), e.getValue().isJsonNull() ? Double.NaN : e.getValue().getAsDouble());
            }
        }
        return new LayerScore(layer, real(rs, 1), real(rs, 2), real(rs, 3), new Interval(real(rs, 8), real(rs, 9)),
                new Interval(real(rs, 4), real(rs, 5)), m, rs.getString(7), measures);
    }

    /**
     * One benchmark headline of one model: its best layer's scores (the max over layers of the
     * normalised score, as {@code score} and the compare page report) and how many layers were scored.
     */
    public record BenchmarkResult(ModelKey model, String benchmark, int version, double raw, double normalized, int layers) {}

    /**
     * Records what model (its name and checkpoint as stored) cannot give by its kind: each part's words
     * ("surprisal (next-word probabilities)") to the reason (a checkpoint's limits are fixed by its kind).
     */
    public synchronized void recordLimits(String model, String checkpoint, Map<String, String> cannot) {
        // A checkpoint's limits never change, so several processes recording the same ones may overwrite each other freely.
        try (PreparedStatement ins = connection.prepareStatement(
                "INSERT OR REPLACE INTO model_limits (model, checkpoint, part, reason) VALUES (?, ?, ?, ?)")) {
            for (var e : cannot.entrySet()) {
                ins.setString(1, model);
                ins.setString(2, checkpoint);
                ins.setString(3, e.getKey());
                ins.setString(4, e.getValue());
                ins.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(file + ": cannot record what " + model + " cannot give: " + e.getMessage(), e);
        }
    }

    /** Every recorded limit: "model|checkpoint" to (part's words to reason); models never recorded are absent. */
    public Map<String, Map<String, String>> limits() {
        Map<String, Map<String, String>> out = new java.util.LinkedHashMap<>();
        query("SELECT model, checkpoint, part, reason FROM model_limits ORDER BY model, checkpoint, part", ps -> { }, rs -> {
            out.computeIfAbsent(rs.getString(1) + "|" + rs.getString(2), k -> new java.util.LinkedHashMap<>())
                    .put(rs.getString(3), rs.getString(4));
            return null;
        });
        return out;
    }

    /** Every (model, benchmark) headline on real recordings, latest benchmark version only. */
    public List<BenchmarkResult> benchmarkResults() {
        return benchmarkResults(false);
    }

    /** Every (model, benchmark) headline on real or on simulated recordings (never both), latest benchmark version only. */
    public List<BenchmarkResult> benchmarkResults(boolean simulated) {
        // SQLite: with a single MAX() the bare column raw comes from the row that holds the maximum.
        String sql = "SELECT model, checkpoint, benchmark, benchmark_version, raw, MAX(normalized), COUNT(*) FROM scores s "
                + "WHERE data = ? AND benchmark_version = (SELECT MAX(benchmark_version) FROM scores t WHERE t.benchmark = s.benchmark "
                + "AND t.data = s.data) GROUP BY model, checkpoint, benchmark, benchmark_version ORDER BY model, benchmark";
        return query(sql, ps -> ps.setString(1, simulated ? "simulated" : "real"),
                rs -> {
                    boolean none = rs.getObject(6) == null; // every layer NaN: no best layer
                    return new BenchmarkResult(new ModelKey(rs.getString(1), rs.getString(2), simulated), rs.getString(3), rs.getInt(4),
                            none ? Double.NaN : real(rs, 5), real(rs, 6), rs.getInt(7));
                });
    }

    /** One stored layer score, for per-model pages ({@code ceiling} NaN where the benchmark has none). */
    public record LayerRow(String benchmark, String layer, double raw, double ceiling, double normalized, double ciLow, double ciHigh) {}

    /** Models with rows on real recordings, in first-recorded order. */
    public List<ModelKey> models() {
        return models(false);
    }

    /** Models with rows on real or on simulated recordings, in first-recorded order. */
    public List<ModelKey> models(boolean simulated) {
        return query("SELECT model, checkpoint FROM scores WHERE data = ? GROUP BY model, checkpoint ORDER BY MIN(rowid)",
                ps -> ps.setString(1, simulated ? "simulated" : "real"), rs -> new ModelKey(rs.getString(1), rs.getString(2), simulated));
    }

    /** A model's layer scores, benchmark by benchmark, layers in the order they were recorded. */
    public List<LayerRow> layerRows(ModelKey model) {
        return query("SELECT benchmark, layer, raw, ceiling, normalized, ci_low, ci_high FROM scores WHERE model = ? AND checkpoint = ? "
                + "AND data = ? ORDER BY benchmark, rowid", ps -> {
                    ps.setString(1, model.model());
                    ps.setString(2, model.checkpoint());
                    ps.setString(3, model.data());
                }, rs -> new LayerRow(rs.getString(1), rs.getString(2), real(rs, 3), real(rs, 4), real(rs, 5), real(rs, 6),
                        real(rs, 7)));
    }

    /**
     * The word perplexity a next-word benchmark recorded for the model (its
     * {@link NextWord#PERPLEXITY} measure; {@code Wikitext-accuracy} before any {@code nextword:} file), or NaN.
     */
    public double perplexity(ModelKey model) {
        String measure = NextWord.PERPLEXITY;
        List<Double> found = query("SELECT json_extract(measures, ?) FROM scores WHERE model = ? AND checkpoint = ? AND data = ? "
                + "AND json_extract(measures, ?) IS NOT NULL ORDER BY benchmark = 'Wikitext-accuracy' DESC, rowid LIMIT 1", ps -> {
                    ps.setString(1, "$." + measure);
                    ps.setString(2, model.model());
                    ps.setString(3, model.checkpoint());
                    ps.setString(4, model.data());
                    ps.setString(5, "$." + measure);
                }, rs -> real(rs, 1));
        return found.isEmpty() ? Double.NaN : found.getFirst();
    }

    /**
     * The id a checkpoint named {@code name} is recorded under ({@link #recordedId}), and the other
     * checkpoints the store holds under that name.
     */
    public record RecordedId(String name, String id, String checkpoint, List<String> otherCheckpoints) {
        /** One line saying the name is taken by another checkpoint and both are kept; empty when the name is this one's. */
        public java.util.Optional<String> note() {
            if (id.equals(name)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of("note: the store already holds '" + name + "' from another checkpoint ("
                    + String.join(", ", otherCheckpoints.stream().map(org.brainalign.models.registry.Checkpoints::shortForm).toList())
                    + "); this checkpoint (" + org.brainalign.models.registry.Checkpoints.shortForm(checkpoint) + ") is recorded as '"
                    + id + "', and both are kept");
        }
    }

    /** The id a checkpoint named {@code name} gets when the store holds that name from another checkpoint. */
    public static String renamedId(String name, String checkpoint) {
        return name + "@" + org.brainalign.models.registry.Checkpoints.shortForm(checkpoint);
    }

    /**
     * How a checkpoint named {@code name} is recorded: under {@code name} itself unless the store
     * already holds rows of {@code name} from another checkpoint; then under {@link #renamedId} (kept
     * beside the other, never replacing it). Stable across runs, so a resumed run finds its rows again.
     */
    public RecordedId recordedId(String name, String checkpoint) {
        List<String> others = query("SELECT DISTINCT checkpoint FROM scores WHERE model = ? AND checkpoint <> ? ORDER BY checkpoint",
                ps -> {
                    ps.setString(1, name);
                    ps.setString(2, checkpoint);
                }, rs -> rs.getString(1));
        String id = others.isEmpty() || hasCheckpoint(name, checkpoint) ? name : renamedId(name, checkpoint);
        return new RecordedId(name, id, checkpoint, others);
    }

    private boolean hasCheckpoint(String name, String checkpoint) {
        return !query("SELECT 1 FROM scores WHERE model = ? AND checkpoint = ? LIMIT 1", ps -> {
            ps.setString(1, name);
            ps.setString(2, checkpoint);
        }, rs -> 1).isEmpty();
    }

    /** Number of rows (for tests and reports). */
    public long rowCount() {
        return query("SELECT COUNT(*) FROM scores", ps -> {}, rs -> rs.getLong(1)).getFirst();
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
