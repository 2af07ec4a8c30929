package org.brainalign.benchmarks.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brings BSL's published recordings into the data directory: downloads {@code assy_<Identifier>.nc}
 * from BSL's public bucket (or a mirror), resuming a partial download with an HTTP Range request,
 * checks BSL's published sha1, and only then moves the file into {@code <data>/<id>/} atomically.
 * Partial downloads live in {@code <data>/.downloads/}, which no reader looks at; a checksum mismatch
 * deletes the partial file. Every failure (HTTP status, timeout, checksum) is one
 * {@link DataMissingException} naming the URL or file. The JVM's proxy settings
 * ({@code -Dhttps.proxyHost=…}) apply. {@link #importBrainio} takes the same files from a Brain-Score
 * user's brainio cache instead.
 */
public final class DataFetcher {
    /** BSL's public bucket (since BSL PR #374). */
    public static final String BSL_BUCKET = "https://brainscore-storage.s3.amazonaws.com/brainscore-language/";

    /** Receives download progress: bytes so far and the total (-1 when unknown). */
    @FunctionalInterface
    public interface Progress {
        void update(String file, long done, long total);
    }

    private final DataDirectory dir;
    private final String baseUrl;
    private final Duration timeout;
    private final Progress progress;

    /** {@code baseUrl} ends with '/' (the file name is appended); {@code timeout} bounds connecting and every read. */
    public DataFetcher(DataDirectory dir, String baseUrl, Duration timeout, Progress progress) {
        this.dir = dir;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.timeout = timeout;
        this.progress = progress == null ? (f, d, t) -> {} : progress;
    }

    /** The catalog file of {@code dataset} that BSL publishes, or an error naming the data sets that have one. */
    public static DataCatalog.FileEntry bslFile(DataCatalog catalog, String dataset) {
        return catalog.get(dataset).files().stream().filter(f -> f.bslName() != null && f.sha1() != null).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("data set '" + dataset + "' has no file published by BSL; these do: "
                        + fetchable(catalog)));
    }

    /** The data sets whose BSL file can be fetched or imported. */
    public static List<String> fetchable(DataCatalog catalog) {
        List<String> out = new ArrayList<>();
        for (DataCatalog.Dataset d : catalog.datasets()) {
            if (d.fetchable()) {
                out.add(d.id());
            }
        }
        return out;
    }

    /** Downloads {@code dataset}'s BSL file (skipped when a verified copy is already there); returns its path. */
    public Path fetch(DataCatalog catalog, String dataset) {
        DataCatalog.FileEntry f = bslFile(catalog, dataset);
        Path target = dir.dataset(dataset).resolve(f.bslName());
        if (Files.isRegularFile(target) && f.sha1().equalsIgnoreCase(DataVerifier.sha1OrFail(target))) {
            return target;
        }
        Path part = dir.root().resolve(".downloads").resolve(f.bslName() + ".part");
        String url = baseUrl + f.bslName();
        try {
            Files.createDirectories(part.getParent());
            download(url, part, f.bslName());
        } catch (IOException e) {
            throw new DataMissingException("cannot write " + part + ": " + e.getMessage(), e);
        }
        String found = DataVerifier.sha1OrFail(part);
        if (!f.sha1().equalsIgnoreCase(found)) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // the mismatch is what to report
            }
            throw new DataMissingException(url + ": downloaded file has sha1 " + found + ", BSL publishes " + f.sha1()
                    + "; the partial file was deleted, nothing was placed in " + dir.dataset(dataset));
        }
        return place(part, target, Placement.MOVE);
    }

    private void download(String url, Path part, String name) throws IOException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        } catch (IllegalArgumentException e) {
            throw new DataMissingException("not a valid URL: " + url, e);
        }
        c.setConnectTimeout((int) timeout.toMillis());
        c.setReadTimeout((int) timeout.toMillis());
        if (have > 0) {
            c.setRequestProperty("Range", "bytes=" + have + "-");
        }
        try {
            int status = c.getResponseCode();
            boolean resumed = status == HttpURLConnection.HTTP_PARTIAL;
            if (status != HttpURLConnection.HTTP_OK && !resumed) {
                throw new DataMissingException(url + ": the server answered " + status + " " + c.getResponseMessage());
            }
            long length = c.getContentLengthLong();
            long total = length < 0 ? -1 : (resumed ? have : 0) + length;
            long done = resumed ? have : 0;
            try (InputStream in = c.getInputStream();
                 OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    done += n;
                    progress.update(name, done, total);
                }
            }
            if (total >= 0 && done != total) {
                throw new DataMissingException(url + ": the connection ended after " + done + " of " + total + " bytes; run the "
                        + "same command again to resume");
            }
        } catch (java.net.UnknownHostException | java.net.ConnectException | java.net.NoRouteToHostException e) {
            // Nothing was received, so there is nothing to resume: say what is wrong instead.
            throw new DataMissingException(url + ": offline or host unreachable (" + e.getMessage() + "); nothing was downloaded", e);
        } catch (SocketTimeoutException e) {
            throw new DataMissingException(url + ": no data for " + timeout.toSeconds() + " s (timed out); run the same command "
                    + "again to resume", e);
        } catch (IOException e) {
            String why = e.getMessage() == null || e instanceof java.io.FileNotFoundException ? e.toString() : e.getMessage();
            throw new DataMissingException(url + ": download failed (" + why + "); run the same command again to resume", e);
        } finally {
            c.disconnect();
        }
    }

    /**
     * Takes {@code dataset}'s BSL file from a brainio cache — {@code <cache>/<sha1>/assy_X.nc} (current
     * brainscore_core) or {@code <cache>/assy_X/assy_X.nc} (older brainio) — after checking its sha1, by a
     * symbolic link or, with {@code copy}, a copy. Empty when the cache has no such file.
     */
    public Optional<Path> importBrainio(DataCatalog catalog, String dataset, Path cache, boolean copy) {
        DataCatalog.FileEntry f = bslFile(catalog, dataset);
        String stem = f.bslName().substring(0, f.bslName().length() - ".nc".length());
        for (Path candidate : List.of(cache.resolve(f.sha1()).resolve(f.bslName()), cache.resolve(stem).resolve(f.bslName()))) {
            if (!Files.isRegularFile(candidate)) {
                continue;
            }
            String found = DataVerifier.sha1OrFail(candidate);
            if (!f.sha1().equalsIgnoreCase(found)) {
                throw new DataMissingException(candidate + ": sha1 " + found + ", BSL publishes " + f.sha1()
                        + " (truncated or another version); not imported");
            }
            return Optional.of(place(candidate, dir.dataset(dataset).resolve(f.bslName()), copy ? Placement.COPY : Placement.LINK));
        }
        return Optional.empty();
    }

    /** The default brainio cache: {@code $BRAINIO_HOME}, else {@code ~/.brainio}. */
    public static Path defaultBrainioCache() {
        String env = System.getenv("BRAINIO_HOME");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".brainio");
    }

    /** How {@link #place} brings a verified file to its target. */
    private enum Placement { MOVE, COPY, LINK }

    /** Moves, copies or links a verified file to {@code target} so that it appears there whole or not at all. */
    private static Path place(Path source, Path target, Placement how) {
        try {
            Files.createDirectories(target.getParent());
            Path staged = target.resolveSibling("." + target.getFileName() + ".incoming");
            Files.deleteIfExists(staged);
            switch (how) {
                case LINK -> Files.createSymbolicLink(staged, source.toAbsolutePath());
                case MOVE -> Files.move(source, staged, StandardCopyOption.REPLACE_EXISTING);
                case COPY -> Files.copy(source, staged, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new DataMissingException("cannot place " + source + " at " + target + ": " + e.getMessage(), e);
        }
    }
}
