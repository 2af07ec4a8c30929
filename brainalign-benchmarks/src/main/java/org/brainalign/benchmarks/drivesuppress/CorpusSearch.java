package org.brainalign.benchmarks.drivesuppress;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The search of Tuckute et al. 2024 ({@code use_mapping_search.py}): streams corpus sentences,
 * keeps those the {@link SentenceFilter} passes and that were not seen before (baseline sentences
 * included), predicts their response in chunks, and keeps the top {@code n} (drive) and bottom
 * {@code n} (suppress) in bounded memory, with a histogram of all predictions.
 *
 * <p>Resumable: every {@code checkpointEvery} candidates, at a chunk boundary, the position in the
 * corpora, both selections, the histogram and the duplicate filter are written atomically to the
 * checkpoint file. Chunks are formed from the corpus stream alone, so a resumed search predicts
 * exactly the same chunks (and padded batches) as an uninterrupted one and ends with the same
 * result. A checkpoint written with other settings (encoder, corpora, filter, top, chunk) is refused.
 */
public final class CorpusSearch {
    private static final String MAGIC = "brainalign drive-suppress checkpoint";
    private static final int VERSION = 1;

    /** Predicts the encoder's response to each sentence of one chunk. */
    @FunctionalInterface
    public interface Predictor {
        double[] predict(List<String> sentences);
    }

    /** Where the search stands, after every chunk. */
    public record Status(long read, long candidates, double best, double worst, long rejectedLength, long rejectedCharacters,
            long duplicates) {}

    /**
     * What a search is: a resumed run must have the same settings.
     *
     * @param corpora the corpora, in reading order
     * @param filter length and character filter
     * @param top sentences kept at each end
     * @param chunk candidates predicted together
     * @param checkpointEvery candidates between checkpoints (rounded to whole chunks)
     * @param encoderKey identifies the encoder (its checksum)
     * @param histogramLo lower end of the histogram
     * @param histogramHi upper end
     * @param bins histogram bins
     */
    public record Settings(List<Corpus.Spec> corpora, SentenceFilter filter, int top, int chunk, long checkpointEvery,
            String encoderKey, double histogramLo, double histogramHi, int bins) {
        public Settings {
            corpora = List.copyOf(corpora);
            if (corpora.isEmpty()) {
                throw new IllegalArgumentException("the search needs at least one --corpus");
            }
            if (chunk < 1 || checkpointEvery < 1) {
                throw new IllegalArgumentException("chunk and checkpoint interval must be ≥ 1");
            }
        }

        String key() {
            return "corpora=" + corpora + ";filter=" + filter + ";top=" + top + ";chunk=" + chunk + ";encoder=" + encoderKey
                    + ";histogram=" + histogramLo + "," + histogramHi + "," + bins;
        }
    }

    /** The outcome: both selections best first, the histogram, and the counts. */
    public record Result(List<Candidate> drive, List<Candidate> suppress, Histogram histogram, Status status, double mean,
            double sd, boolean resumed) {}

    private final Settings settings;
    private final Selection drive;
    private final Selection suppress;
    private final Histogram histogram;
    private final LongSet seen = new LongSet();
    private long read;
    private long candidates;
    private long rejectedLength;
    private long rejectedCharacters;
    private long duplicates;
    private double sum;
    private double sumSquares;

    private CorpusSearch(Settings settings) {
        this.settings = settings;
        this.drive = new Selection(Selection.Direction.DRIVE, settings.top());
        this.suppress = new Selection(Selection.Direction.SUPPRESS, settings.top());
        this.histogram = new Histogram(settings.histogramLo(), settings.histogramHi(), settings.bins());
    }

    /**
     * Runs (or, with {@code resume} and an existing checkpoint, continues) the search; the checkpoint
     * is deleted when the search completes.
     *
     * @param exclude sentences never to select (the baseline set)
     * @param checkpoint the checkpoint file
     * @param progress hears the status after every chunk
     */
    public static Result run(Settings settings, Collection<String> exclude, Predictor predictor, Path checkpoint, boolean resume,
            java.util.function.Consumer<Status> progress) {
        CorpusSearch search = new CorpusSearch(settings);
        boolean resumed = false;
        if (Files.exists(checkpoint)) {
            if (!resume) {
                throw new IllegalArgumentException("a checkpoint of an unfinished search exists (" + checkpoint
                        + "); pass --resume to continue it, or delete it to start again");
            }
            search.load(checkpoint);
            resumed = true;
        } else {
            for (String s : exclude) {
                search.seen.add(SentenceFilter.key(s));
            }
        }
        Corpus corpus = new Corpus(settings.corpora());
        try {
            for (long i = 0; i < search.read; i++) {
                if (!corpus.hasNext()) {
                    throw new IllegalArgumentException("checkpoint " + checkpoint + " is at sentence " + search.read
                            + " but the corpora hold only " + i + "; were they changed?");
                }
                corpus.next();
            }
            long chunksPerCheckpoint = Math.max(1, settings.checkpointEvery() / settings.chunk());
            long chunks = 0;
            while (true) {
                List<Corpus.Sentence> chunk = new ArrayList<>();
                List<Long> positions = new ArrayList<>();
                while (chunk.size() < settings.chunk() && corpus.hasNext()) {
                    Corpus.Sentence s = corpus.next();
                    long position = search.read++;
                    String why = settings.filter().reject(s.text());
                    if (why != null) {
                        if (why.equals("length")) {
                            search.rejectedLength++;
                        } else {
                            search.rejectedCharacters++;
                        }
                    } else if (!search.seen.add(SentenceFilter.key(s.text()))) {
                        search.duplicates++;
                    } else {
                        chunk.add(s);
                        positions.add(position);
                    }
                }
                if (chunk.isEmpty()) {
                    break;
                }
                double[] predicted = predictor.predict(chunk.stream().map(Corpus.Sentence::text).toList());
                if (predicted.length != chunk.size()) {
                    throw new IllegalStateException("the predictor returned " + predicted.length + " values for " + chunk.size()
                            + " sentences");
                }
                for (int i = 0; i < chunk.size(); i++) {
                    Corpus.Sentence s = chunk.get(i);
                    double p = predicted[i];
                    if (!Double.isFinite(p)) {
                        throw new IllegalStateException("non-finite prediction " + p + " for '" + s.text() + "' (" + s.source() + ":"
                                + s.line() + ")");
                    }
                    Candidate c = new Candidate(s.text(), s.source(), s.line(), positions.get(i), p);
                    search.drive.offer(c);
                    search.suppress.offer(c);
                    search.histogram.add(p);
                    search.sum += p;
                    search.sumSquares += p * p;
                }
                search.candidates += chunk.size();
                if (++chunks % chunksPerCheckpoint == 0) {
                    search.save(checkpoint);
                }
                progress.accept(search.status());
            }
        } finally {
            corpus.close();
        }
        try {
            Files.deleteIfExists(checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the finished search's checkpoint " + checkpoint, e);
        }
        long n = search.candidates;
        double mean = n == 0 ? Double.NaN : search.sum / n;
        double sd = n < 2 ? Double.NaN : Math.sqrt(Math.max(0, (search.sumSquares - n * mean * mean) / (n - 1)));
        return new Result(search.drive.ranked(), search.suppress.ranked(), search.histogram, search.status(), mean, sd, resumed);
    }

    private Status status() {
        return new Status(read, candidates, drive.best(), suppress.best(), rejectedLength, rejectedCharacters, duplicates);
    }

    private void save(Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            CRC32 crc = new CRC32();
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp));
                 DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc))) {
                out.writeUTF(MAGIC);
                out.writeInt(VERSION);
                out.writeUTF(settings.key());
                for (long v : new long[] {read, candidates, rejectedLength, rejectedCharacters, duplicates}) {
                    out.writeLong(v);
                }
                out.writeDouble(sum);
                out.writeDouble(sumSquares);
                long[] counts = histogram.counts();
                out.writeInt(counts.length);
                for (long c : counts) {
                    out.writeLong(c);
                }
                out.writeLong(histogram.below());
                out.writeLong(histogram.above());
                for (Selection sel : List.of(drive, suppress)) {
                    List<Candidate> kept = sel.ranked();
                    out.writeInt(kept.size());
                    for (Candidate c : kept) {
                        out.writeUTF(c.text());
                        out.writeUTF(c.source());
                        out.writeLong(c.line());
                        out.writeLong(c.position());
                        out.writeDouble(c.predicted());
                    }
                }
                long[] keys = seen.sorted();
                out.writeInt(keys.length);
                for (long k : keys) {
                    out.writeLong(k);
                }
                out.flush();
                raw.write(longBytes(crc.getValue()));
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the search checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private void load(Path file) {
        try {
            long size = Files.size(file);
            if (size < 8) {
                throw new IllegalArgumentException("checkpoint " + file + " is truncated (" + size + " bytes)");
            }
            CRC32 crc = new CRC32();
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
                 DataInputStream in = new DataInputStream(new CheckedInputStream(new BoundedStream(raw, size - 8), crc))) {
                if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
                    throw new IllegalArgumentException(file + " is not a version-" + VERSION + " drive/suppress search checkpoint");
                }
                String key = in.readUTF();
                if (!key.equals(settings.key())) {
                    throw new IllegalArgumentException("checkpoint " + file + " was written by a search with other settings:\n  it: "
                            + key + "\n  now: " + settings.key() + "\ndelete it to start again, or run with the same settings");
                }
                read = in.readLong();
                candidates = in.readLong();
                rejectedLength = in.readLong();
                rejectedCharacters = in.readLong();
                duplicates = in.readLong();
                sum = in.readDouble();
                sumSquares = in.readDouble();
                long[] counts = new long[count(in, settings.bins(), file)];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = in.readLong();
                }
                histogram.restore(counts, in.readLong(), in.readLong());
                for (Selection sel : List.of(drive, suppress)) {
                    int n = count(in, settings.top(), file);
                    for (int i = 0; i < n; i++) {
                        sel.offer(new Candidate(in.readUTF(), in.readUTF(), in.readLong(), in.readLong(), in.readDouble()));
                    }
                }
                int keys = count(in, (int) Math.min(Integer.MAX_VALUE, (size - 8) / 8), file);
                for (int i = 0; i < keys; i++) {
                    seen.add(in.readLong());
                }
                boolean bodyEnds = in.read() == -1;
                long expected = crc.getValue();
                byte[] tail = raw.readNBytes(8);
                if (!bodyEnds || tail.length != 8 || bytesLong(tail) != expected) {
                    throw new IllegalArgumentException("checkpoint " + file + " is corrupt (checksum mismatch); delete it to start again");
                }
            }
        } catch (EOFException e) {
            throw new IllegalArgumentException("checkpoint " + file + " is truncated; delete it to start again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the search checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static int count(DataInputStream in, int max, Path file) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IllegalArgumentException("checkpoint " + file + " is corrupt: a count of " + n + " where at most " + max
                    + " is possible");
        }
        return n;
    }

    private static byte[] longBytes(long v) {
        return java.nio.ByteBuffer.allocate(8).putLong(v).array();
    }

    private static long bytesLong(byte[] b) {
        return java.nio.ByteBuffer.wrap(b).getLong();
    }

    /** The first {@code limit} bytes of a stream (the checksummed body, without the trailing CRC). */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
