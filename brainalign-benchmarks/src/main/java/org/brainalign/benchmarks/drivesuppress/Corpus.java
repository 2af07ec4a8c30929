package org.brainalign.benchmarks.drivesuppress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * Candidate sentences streamed from text corpora, in a fixed order (corpora as given, files of a
 * folder by name), so that a position — the number of sentences read so far — names the same place
 * on every run. A corpus is {@code [format:]path}:
 * <ul>
 *   <li>{@code text} (default): prose; blank lines end paragraphs, which are split into sentences
 *       ({@link SentenceSplitter});</li>
 *   <li>{@code lines}: one sentence per non-blank line;</li>
 *   <li>{@code wordnet}: WordNet 3.0's {@code data.adj}, {@code data.adv}, {@code data.noun},
 *       {@code data.verb} (Debian's {@code wordnet-base}, {@code /usr/share/wordnet}): each synset's
 *       gloss split at semicolons into its definition(s) and its quoted example sentences;</li>
 *   <li>{@code fortunes}: {@code fortune} files (Debian's {@code fortunes}), records separated by
 *       lines holding {@code %}, each record split into sentences; in a folder, the files without an
 *       extension (not the {@code .dat} indexes or {@code .u8} copies).</li>
 * </ul>
 * Bytes that are not UTF-8 are replaced, never fatal. Each sentence carries its file and the line it
 * starts on.
 */
public final class Corpus implements Iterator<Corpus.Sentence> {

    /** How a corpus file is read. */
    public enum Format { TEXT, LINES, WORDNET, FORTUNES }

    /** A corpus argument: its format and path. */
    public record Spec(Format format, Path path) {
        /** Parses {@code [text|lines|wordnet|fortunes:]path}; the path must exist. */
        public static Spec parse(String arg) {
            Format format = Format.TEXT;
            String path = arg;
            int colon = arg.indexOf(':');
            if (colon > 0) {
                String prefix = arg.substring(0, colon);
                for (Format f : Format.values()) {
                    if (f.name().equalsIgnoreCase(prefix)) {
                        format = f;
                        path = arg.substring(colon + 1);
                    }
                }
            }
            Path p = Path.of(path);
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("corpus '" + arg + "': " + p + " does not exist");
            }
            return new Spec(format, p);
        }

        @Override
        public String toString() {
            return format.name().toLowerCase(java.util.Locale.ROOT) + ":" + path;
        }
    }

    /** One candidate: the text, its file and the line it starts on (1-based). */
    public record Sentence(String text, String source, long line) {}

    /** One file still to read, with its corpus's format. */
    private record Source(Path file, Format format) {}

    private final Deque<Source> files = new ArrayDeque<>();
    private final Deque<Sentence> pending = new ArrayDeque<>();
    private BufferedReader reader;
    private Format format;
    private String source;
    private long lineNumber;

    /** The sentences of {@code specs}, in order. */
    public Corpus(List<Spec> specs) {
        for (Spec s : specs) {
            for (Path f : files(s)) {
                files.add(new Source(f, s.format()));
            }
        }
    }

    private static List<Path> files(Spec s) {
        if (!Files.isDirectory(s.path())) {
            return List.of(s.path());
        }
        try (Stream<Path> list = Files.list(s.path())) {
            return list.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString();
                return switch (s.format()) {
                    case WORDNET -> name.startsWith("data.");
                    case FORTUNES -> !name.contains(".");
                    default -> !name.startsWith(".");
                };
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list corpus folder " + s.path(), e);
        }
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty()) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Sentence next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.poll();
    }

    /** Reads the next unit (paragraph, line, synset or fortune) into {@code pending}; false at the end. */
    private boolean fill() {
        try {
            while (true) {
                if (reader == null) {
                    Source next = files.poll();
                    if (next == null) {
                        return false;
                    }
                    Path f = next.file();
                    format = next.format();
                    reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(f),
                            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                                    .onUnmappableCharacter(CodingErrorAction.REPLACE)));
                    source = f.toString();
                    lineNumber = 0;
                }
                if (readUnit()) {
                    return true;
                }
                reader.close();
                reader = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus file " + source + ": " + e.getMessage(), e);
        }
    }

    /** Adds the next unit's sentences; false at the end of the file. */
    private boolean readUnit() throws IOException {
        switch (format) {
            case LINES -> {
                String line;
                while ((line = reader.readLine()) != null) {
                    lineNumber++;
                    if (!line.isBlank()) {
                        pending.add(new Sentence(line.strip().replaceAll("\\s+", " "), source, lineNumber));
                        return true;
                    }
                }
                return false;
            }
            case WORDNET -> {
                String line;
                while ((line = reader.readLine()) != null) {
                    lineNumber++;
                    int bar = line.indexOf(" | ");
                    if (line.startsWith("  ") || bar < 0) {
                        continue; // the licence header, or a synset without a gloss
                    }
                    for (String part : line.substring(bar + 3).split(";")) {
                        String s = part.strip();
                        if (s.length() > 1 && s.startsWith("\"")) {
                            s = s.substring(1, s.endsWith("\"") ? s.length() - 1 : s.length()).strip();
                        }
                        if (!s.isEmpty()) {
                            pending.add(new Sentence(s, source, lineNumber));
                        }
                    }
                    if (!pending.isEmpty()) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                // TEXT: a paragraph ends at a blank line; FORTUNES: a record ends at a "%" line.
                StringBuilder unit = new StringBuilder();
                long first = -1;
                String line;
                while ((line = reader.readLine()) != null) {
                    lineNumber++;
                    boolean end = format == Format.FORTUNES ? line.strip().equals("%") : line.isBlank();
                    if (end) {
                        if (!unit.isEmpty()) {
                            break;
                        }
                        continue;
                    }
                    if (unit.isEmpty()) {
                        first = lineNumber;
                    }
                    unit.append(line).append('\n');
                }
                if (unit.isEmpty()) {
                    return false;
                }
                for (String s : SentenceSplitter.split(unit.toString())) {
                    pending.add(new Sentence(s, source, first));
                }
                return true;
            }
        }
    }

    /** Closes the open file, if any. */
    public void close() {
        try {
            if (reader != null) {
                reader.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
