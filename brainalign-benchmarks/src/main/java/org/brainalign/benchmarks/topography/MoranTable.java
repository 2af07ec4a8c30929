package org.brainalign.benchmarks.topography;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Moran's I per spatial output (rows) and contrast (columns), in the layout of TopoLM's
 * {@code eval/moran/*.csv}: a first, unnamed column with the row index 0…n−1 (outputs in depth
 * order, each block's attention output then its MLP output), then one column per contrast named as
 * in {@link TopoContrast#column()}.
 *
 * @param columns contrast column names
 * @param values values[row][column]
 */
public record MoranTable(List<String> columns, double[][] values) {

    /** The mean over rows of column {@code column} (NaN rows skipped). */
    public double mean(String column) {
        int c = columns.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in " + columns);
        }
        double sum = 0;
        int n = 0;
        for (double[] row : values) {
            if (!Double.isNaN(row[c])) {
                sum += row[c];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Reads a table written by TopoLM or by {@link #write}, with errors naming the file, line and cell. */
    public static MoranTable read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var parser = CSVFormat.DEFAULT.parse(r);
            List<CSVRecord> records = parser.getRecords();
            if (records.isEmpty()) {
                throw new IllegalArgumentException(file + ": empty; expected a header ',<contrast>,...'");
            }
            CSVRecord header = records.getFirst();
            if (header.size() < 2 || !header.get(0).isEmpty()) {
                throw new IllegalArgumentException(file + ": the header must start with an empty index column, found '"
                        + String.join(",", header.toList()) + "'");
            }
            List<String> columns = header.toList().subList(1, header.size());
            double[][] values = new double[records.size() - 1][];
            for (int i = 1; i < records.size(); i++) {
                CSVRecord rec = records.get(i);
                if (rec.size() != header.size()) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + rec.size() + " cells; the header has "
                            + header.size());
                }
                if (!rec.get(0).equals(Integer.toString(i - 1))) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": row index '" + rec.get(0) + "', expected "
                            + (i - 1));
                }
                values[i - 1] = new double[columns.size()];
                for (int c = 0; c < columns.size(); c++) {
                    String cell = rec.get(c + 1);
                    try {
                        values[i - 1][c] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file + " line " + (i + 1) + ", column " + columns.get(c)
                                + ": not a number: '" + cell + "'", e);
                    }
                }
            }
            return new MoranTable(List.copyOf(columns), values);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the table (full double precision; NaN as an empty cell). */
    public void write(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            // pandas' to_csv header: an empty, unquoted index name, then the columns
            w.write(",");
            p.printRecord(columns);
            for (int i = 0; i < values.length; i++) {
                List<String> row = new ArrayList<>();
                row.add(Integer.toString(i));
                for (double v : values[i]) {
                    row.add(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%s", v));
                }
                p.printRecord(row);
            }
        }
    }
}
