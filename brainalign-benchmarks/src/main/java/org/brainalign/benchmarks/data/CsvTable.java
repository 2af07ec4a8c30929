package org.brainalign.benchmarks.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV data file with a header row, read whole and kept in file order (never re-sorted): typed
 * access to its columns, where every error names the file, the column and, for a bad value, the
 * data row (1-based, header excluded) and what was found.
 */
public final class CsvTable {
    private final Path file;
    private final List<String> header;
    private final List<CSVRecord> rows;

    private CsvTable(Path file, List<String> header, List<CSVRecord> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    /** Reads {@code file} (UTF-8, RFC 4180 quoting). */
    public static CsvTable read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataMissingException(file + ": file not found");
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser p = CSVParser.parse(r, format)) {
            List<String> header = List.copyOf(p.getHeaderNames());
            List<CSVRecord> rows = p.getRecords();
            for (CSVRecord row : rows) {
                if (row.size() != header.size()) {
                    throw new DataMissingException(file + ": data row " + row.getRecordNumber() + " has " + row.size()
                            + " fields, the header has " + header.size());
                }
            }
            return new CsvTable(file, header, List.copyOf(rows));
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new DataMissingException(file + ": not a readable CSV table (" + e.getMessage() + ")", e);
        }
    }

    public Path file() {
        return file;
    }

    public int rows() {
        return rows.size();
    }

    /** The text column {@code name}, in file order. */
    public String[] text(String name) {
        int j = index(name);
        String[] out = new String[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).get(j);
        }
        return out;
    }

    /** The numeric column {@code name}, in file order; an empty cell or {@code NaN} reads as NaN. */
    public double[] numbers(String name) {
        int j = index(name);
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            String v = rows.get(i).get(j).trim();
            if (v.isEmpty() || v.equals("NaN") || v.equals("nan")) {
                out[i] = Double.NaN;
                continue;
            }
            try {
                out[i] = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new DataMissingException(file + ": column '" + name + "', data row " + (i + 1) + ": expected a number, found '"
                        + v + "'");
            }
        }
        return out;
    }

    private int index(String name) {
        int j = header.indexOf(name);
        if (j < 0) {
            throw new DataMissingException(file + ": no column '" + name + "'; the header has " + header);
        }
        return j;
    }

    /** Rows per distinct value of {@code name}, for checks; not used to reorder anything. */
    public Map<String, Long> counts(String name) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (String v : text(name)) {
            out.merge(v, 1L, Long::sum);
        }
        return out;
    }

    /** The header, in file order. */
    public List<String> header() {
        return new ArrayList<>(header);
    }
}
