package org.brainalign.models.external;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.brainalign.models.ModelFormatException;

/**
 * Surprisals computed elsewhere, in reading order: a CSV (or, for {@code .tsv}/{@code .tab} files or a
 * tab in the header, TSV) with a header, one row per word or per token. The text column is
 * {@code word}, {@code token} or {@code text}; the value column is, by name, {@code surprisal} (bits),
 * {@code surprisal_nats}, or {@code logprob} / {@code log_prob} (natural log, as APIs return), unless a
 * column is named explicitly (read as bits, or as a natural-log probability when its name starts with
 * {@code log}). An empty value (e.g. a text's first token, which has no context) is NaN. A token's text
 * keeps its whitespace in the file; alignment ignores whitespace.
 *
 * @param file where it was read from
 * @param tokens the text of each row
 * @param bits the surprisal of each row in bits (NaN when empty)
 * @param lines the file line of each row, for messages
 * @param column the value column used, with its unit
 */
public record SurprisalFile(Path file, List<String> tokens, double[] bits, long[] lines, String column) {
    /** -log2 of the smallest positive float64 (2^-1074), rounded up: no computed probability is smaller. */
    static final double MAX_BITS = 1075;

    private static final List<String> TEXT = List.of("word", "token", "text");
    private static final List<String> VALUES = List.of("surprisal", "surprisal_bits", "surprisal_nats", "logprob", "log_prob");

    /** {@code in} past a leading byte-order mark (an editor's), which would otherwise become part of the first column's name. */
    private static Reader withoutByteOrderMark(java.io.BufferedReader in) throws java.io.IOException {
        in.mark(1);
        if (in.read() != '\uFEFF') {
            in.reset();
        }
        return in;
    }

    /** Reads {@code file}; {@code column} names the value column, or is null to find it by name. */
    public static SurprisalFile read(Path file, String column) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file + ": no such surprisal file");
        }
        try (Reader in = withoutByteOrderMark(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            String first;
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                first = lines.findFirst().orElse("");
            }
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            char delimiter = name.endsWith(".tsv") || name.endsWith(".tab") || first.contains("\t") ? '\t' : ',';
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                    .setIgnoreSurroundingSpaces(false).get();
            try (CSVParser parser = CSVParser.parse(in, format)) {
                List<String> header = parser.getHeaderNames();
                String text = TEXT.stream().filter(header::contains).findFirst().orElseThrow(() -> new ModelFormatException(
                        file + ": no text column; expected one of " + TEXT + ", the header has " + header));
                String value = column != null ? column : VALUES.stream().filter(header::contains).findFirst()
                        .orElseThrow(() -> new ModelFormatException(file + ": no value column; expected one of " + VALUES
                                + " (or name one: surprisal:<file>#<column>), the header has " + header));
                if (!header.contains(value)) {
                    throw new ModelFormatException(file + ": no column '" + value + "'; the header has " + header);
                }
                boolean logProb = value.startsWith("log");
                boolean nats = value.equals("surprisal_nats");
                List<String> tokens = new ArrayList<>();
                List<Double> bits = new ArrayList<>();
                List<Long> lines = new ArrayList<>();
                for (CSVRecord r : parser) {
                    if (!r.isConsistent()) {
                        throw new ModelFormatException(file + ": line " + parser.getCurrentLineNumber() + " has " + r.size()
                                + " fields; the header has " + header.size());
                    }
                    tokens.add(r.get(text));
                    String v = r.get(value).strip();
                    double b;
                    if (v.isEmpty()) {
                        b = Double.NaN;
                    } else {
                        double x;
                        try {
                            x = Double.parseDouble(v);
                        } catch (NumberFormatException e) {
                            throw new ModelFormatException(file + ": line " + parser.getCurrentLineNumber() + ", column "
                                    + value + " is '" + v + "'; expected a number or nothing");
                        }
                        b = logProb ? -x / Math.log(2) : nats ? x / Math.log(2) : x;
                        if (!Double.isFinite(b) || b < -1e-9) {
                            throw new ModelFormatException(file + ": line " + parser.getCurrentLineNumber() + ", column "
                                    + value + " is " + v + ", which is no " + (logProb ? "log-probability (≤ 0)" : "surprisal (≥ 0)"));
                        }
                        if (b > MAX_BITS) {
                            throw new ModelFormatException(file + ": line " + parser.getCurrentLineNumber() + ", column "
                                    + value + " is " + v + ": a probability below the smallest a float64 holds (2^-1075), "
                                    + "so no model computed it");
                        }
                    }
                    bits.add(b);
                    lines.add(parser.getCurrentLineNumber());
                }
                if (tokens.isEmpty()) {
                    throw new ModelFormatException(file + ": no rows after the header");
                }
                return new SurprisalFile(file, List.copyOf(tokens), bits.stream().mapToDouble(Double::doubleValue).toArray(),
                        lines.stream().mapToLong(Long::longValue).toArray(), value + (logProb ? " (natural-log probability)"
                        : nats ? " (nats)" : " (bits)"));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
            if (cause instanceof java.nio.charset.CharacterCodingException) {
                throw new ModelFormatException(file + ": not UTF-8 text; save the surprisal file as UTF-8", e);
            }
            throw new ModelFormatException(file + ": cannot read surprisals: " + e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException(file + ": not a readable CSV/TSV surprisal file: " + e.getMessage(), e);
        }
    }
}
