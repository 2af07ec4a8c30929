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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.brainalign.benchmarks.data.fetch.Archives;
import org.brainalign.benchmarks.data.fetch.Recipes;

/**
 * Brings a data set into the data directory from its public source, as the catalog pins it: each file
 * from its commit-pinned URLs (tried in order), from a member of a downloaded archive, from a recipe
 * over downloaded inputs, or, for BSL's assemblies, from BSL's bucket. Downloads resume a partial file
 * with an HTTP Range request; every download and every file made is checked against its pinned size,
 * sha256 or sha1 before it is moved, atomically, into {@code <data>/<set>/}, so a data set folder holds
 * verified files or nothing. Partial and intermediate files live in {@code <data>/.downloads/<set>/},
 * which no reader looks at, and go once the set is complete; a mismatch deletes the partial file.
 * Every failure is one {@link DataMissingException} naming the URL or file: an unknown host or a
 * refused connection is "offline or host unreachable" (nothing to resume), a cut connection or a
 * timeout says to run the command again to resume. A mirror ({@code http://host:port/base/}) serves
 * {@code https://<host>/<path>} at {@code <mirror><host>/<path>}. The JVM's proxy settings
 * ({@code -Dhttps.proxyHost=…}) apply. {@link #importBrainio} takes BSL's files from a Brain-Score
 * user's brainio cache instead.
 */
public final class DataFetcher {
    /** BSL's public bucket (since BSL PR #374). */
    public static final String BSL_BUCKET = "https://brainscore-storage.s3.amazonaws.com/brainscore-language/";

    /** Receives progress of the data set being fetched: a phase ("download", "unpack"), bytes so far and the total (-1 when unknown). */
    @FunctionalInterface
    public interface Progress {
        void update(String phase, long done, long total);
    }

    private final DataDirectory dir;
    private final String mirror;
    private final Duration timeout;
    private final Progress progress;
    private long setDone;
    private long setTotal;

    /**
     * {@code mirror} is null to fetch from the sources themselves, else a base URL ending with '/'
     * under which each source host's paths are served; {@code timeout} bounds connecting and every read.
     */
    public DataFetcher(DataDirectory dir, String mirror, Duration timeout, Progress progress) {
        this.dir = dir;
        this.mirror = mirror == null || mirror.isBlank() ? null : mirror.endsWith("/") ? mirror : mirror + "/";
        this.timeout = timeout;
        this.progress = progress == null ? (f, d, t) -> {} : progress;
    }

    /** Where {@code url} is fetched from: itself, or its place on the mirror ({@code <mirror><host>/<path>}). */
    public String locate(String url) {
        if (mirror == null) {
            return url;
        }
        URI u = URI.create(url);
        return mirror + u.getHost() + u.getRawPath();
    }

    /** The catalog file of {@code dataset} that BSL publishes, or an error naming the data sets that have one. */
    public static DataCatalog.FileEntry bslFile(DataCatalog catalog, String dataset) {
        return catalog.get(dataset).files().stream().filter(f -> f.bslName() != null && f.sha1() != null).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("data set '" + dataset + "' has no file published by BSL; these do: "
                        + bslSets(catalog)));
    }

    /** The data sets with a file BSL publishes (what {@code data import --brainio} looks for). */
    public static List<String> bslSets(DataCatalog catalog) {
        List<String> out = new ArrayList<>();
        for (DataCatalog.Dataset d : catalog.datasets()) {
            if (d.files().stream().anyMatch(f -> f.bslName() != null && f.sha1() != null)) {
                out.add(d.id());
            }
        }
        return out;
    }

    /** The data sets {@code data fetch} gets from their public sources (all of them, in catalog order). */
    public static List<String> fetchable(DataCatalog catalog) {
        List<String> out = new ArrayList<>();
        for (DataCatalog.Dataset d : catalog.datasets()) {
            if (d.fetchable()) {
                out.add(d.id());
            }
        }
        return out;
    }

    /** Data set {@code id}, when it is known and has a public source to fetch from; otherwise an error saying which. */
    public static DataCatalog.Dataset requireFetchable(DataCatalog catalog, String id) {
        DataCatalog.Dataset d = catalog.get(id);
        if (!d.fetchable()) {
            throw new IllegalArgumentException("data set '" + id + "' has no public source to fetch from; " + d.howToObtain());
        }
        return d;
    }

    /**
     * Fetches every file of {@code dataset} that is not already there and verified; returns the files'
     * paths. A file that is there but fails its pin is fetched again (the damaged copy is replaced only
     * by a verified one).
     */
    public List<Path> fetch(DataCatalog catalog, String dataset) {
        DataCatalog.Dataset d = requireFetchable(catalog, dataset);
        Path work = dir.root().resolve(".downloads").resolve(d.id());
        List<Path> placed = new ArrayList<>();
        List<DataCatalog.FileEntry> todo = new ArrayList<>();
        for (DataCatalog.FileEntry f : d.files()) {
            Path target = target(d, f);
            if (Files.isRegularFile(target) && DataVerifier.mismatch(target, f.sha256(), pinSha1(f), f.bytes()) == null) {
                placed.add(target);
            } else {
                todo.add(f);
            }
        }
        if (todo.isEmpty()) {
            return placed;
        }
        setDone = 0;
        setTotal = expectedBytes(d, todo);
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new DataMissingException("cannot create " + work + ": " + e.getMessage(), e);
        }
        try {
            for (DataCatalog.FileEntry f : todo) {
                Path target = target(d, f);
                Path part = work.resolve(target.getFileName() + ".part");
                switch (f.source()) {
                    case DataCatalog.Source.Urls u -> download(u.urls(), part);
                    case DataCatalog.Source.Bsl b -> download(List.of(b.url()), part);
                    case DataCatalog.Source.Member m -> {
                        Path archive = downloaded(d, d.download(m.download()), work);
                        long before = setDone;
                        Archives.extract(archive, m.path(), part, n -> progress.update("unpack", before + n, -1));
                    }
                    case DataCatalog.Source.Recipe r -> {
                        Map<String, Path> inputs = new LinkedHashMap<>();
                        for (DataCatalog.Download in : d.downloads()) {
                            inputs.put(in.name(), downloaded(d, in, work));
                        }
                        Recipes.make(r.id(), inputs, part);
                    }
                }
                String wrong = DataVerifier.mismatch(part, f.sha256(), pinSha1(f), f.bytes());
                if (wrong != null) {
                    deleteQuietly(part);
                    throw new DataMissingException(describe(f) + ": the " + (f.source() instanceof DataCatalog.Source.Recipe
                            || f.source() instanceof DataCatalog.Source.Member ? "file made" : "downloaded file") + " " + wrong
                            + "; it was deleted, nothing was placed in " + dir.dataset(d.id()));
                }
                placed.add(place(part, target, Placement.MOVE));
            }
            deleteTree(work); // the set is complete: its downloads are spent
        } finally {
            pruneIfEmpty(work); // a failure leaves only what can be resumed
        }
        return placed;
    }

    /** Where a catalog file lives in the data directory (BSL's file under its own name). */
    private Path target(DataCatalog.Dataset d, DataCatalog.FileEntry f) {
        return dir.dataset(d.id()).resolve(f.source() instanceof DataCatalog.Source.Bsl ? f.bslName() : f.name());
    }

    private static String pinSha1(DataCatalog.FileEntry f) {
        return f.source() instanceof DataCatalog.Source.Bsl ? f.sha1() : f.ownSha1();
    }

    private static String describe(DataCatalog.FileEntry f) {
        return switch (f.source()) {
            case DataCatalog.Source.Urls u -> u.urls().getFirst();
            case DataCatalog.Source.Bsl b -> b.url();
            case DataCatalog.Source.Member m -> m.download() + ":" + m.path();
            case DataCatalog.Source.Recipe r -> f.name() + " (recipe " + r.id() + ")";
        };
    }

    private static long expectedBytes(DataCatalog.Dataset d, List<DataCatalog.FileEntry> todo) {
        long total = 0;
        for (DataCatalog.FileEntry f : todo) {
            if (f.source() instanceof DataCatalog.Source.Urls || f.source() instanceof DataCatalog.Source.Bsl) {
                total += f.bytes() == null ? 0 : f.bytes();
            }
        }
        for (DataCatalog.Download in : d.downloads()) {
            total += in.bytes() == null ? 0 : in.bytes();
        }
        return total;
    }

    /** A download of the set, fetched and checked once (kept in the work folder until the set is complete). */
    private Path downloaded(DataCatalog.Dataset d, DataCatalog.Download in, Path work) {
        Path file = work.resolve(in.name());
        if (Files.isRegularFile(file)) {
            return file;
        }
        Path part = work.resolve(in.name() + ".part");
        download(in.urls(), part);
        String wrong = DataVerifier.mismatch(part, in.sha256(), in.sha1(), in.bytes());
        if (wrong != null) {
            deleteQuietly(part);
            throw new DataMissingException(in.urls().getFirst() + ": the downloaded file " + wrong
                    + "; it was deleted, nothing was placed in " + dir.dataset(d.id()));
        }
        try {
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DataMissingException("cannot move " + part + " to " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** Downloads into {@code part} from the first URL that answers; a host that is down or lacks the file passes to the next. */
    private void download(List<String> urls, Path part) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            String url = locate(urls.get(i));
            try {
                download(url, part);
                return;
            } catch (Unavailable e) {
                failures.add(e.getMessage());
                if (i == urls.size() - 1) {
                    throw new DataMissingException(String.join("; ", failures), e.getCause());
                }
            }
        }
        throw new IllegalStateException("no URL to fetch " + part.getFileName() + " from");
    }

    /** A source that did not serve the file at all (nothing was received from it), so another may be tried. */
    private static final class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private void download(String url, Path part) throws Unavailable {
        long have = Files.isRegularFile(part) ? sizeOf(part) : 0;
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        } catch (IllegalArgumentException | IOException e) {
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
            if (status == 416 && have > 0) {
                return; // the partial file is already whole; its pins decide
            }
            if (status != HttpURLConnection.HTTP_OK && !resumed) {
                String why = url + ": the server answered " + status + " " + c.getResponseMessage();
                if (status == 404 || status == 403 || status == 410) {
                    throw new Unavailable(why, null);
                }
                throw new DataMissingException(why);
            }
            long length = c.getContentLengthLong();
            long total = length < 0 ? -1 : (resumed ? have : 0) + length;
            long done = resumed ? have : 0;
            long setBase = setDone;
            try (InputStream in = c.getInputStream();
                 OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    done += n;
                    setDone = setBase + done;
                    progress.update("download", setDone, Math.max(setTotal, setDone));
                }
            }
            if (total >= 0 && done != total) {
                throw new DataMissingException(url + ": the connection ended after " + done + " of " + total + " bytes; run the "
                        + "same command again to resume");
            }
        } catch (java.net.UnknownHostException | java.net.ConnectException | java.net.NoRouteToHostException e) {
            // Nothing was received, so there is nothing to resume: say what is wrong instead.
            throw new Unavailable(url + ": offline or host unreachable (" + e.getMessage() + "); nothing was downloaded", e);
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

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the mismatch is what to report
        }
    }

    /** Removes {@code work}, then {@code .downloads}, each where it holds nothing (one already gone counts as removed). */
    private static void pruneIfEmpty(Path work) {
        for (Path p : List.of(work, work.getParent())) {
            try {
                if (Files.isDirectory(p)) {
                    try (var rest = Files.list(p)) {
                        if (rest.findAny().isPresent()) {
                            return;
                        }
                    }
                    Files.delete(p);
                }
            } catch (IOException e) {
                return; // leftovers in .downloads harm nothing; no reader looks there
            }
        }
    }

    /** Removes the set's work folder and all in it. */
    private static void deleteTree(Path work) {
        try (var walk = Files.walk(work)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // leftovers in .downloads harm nothing; no reader looks there
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
