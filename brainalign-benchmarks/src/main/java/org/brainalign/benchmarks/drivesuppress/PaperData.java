package org.brainalign.benchmarks.drivesuppress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.data.CsvTable;
import org.brainalign.benchmarks.data.DataCatalog;
import org.brainalign.benchmarks.data.DataMissingException;
import org.brainalign.benchmarks.data.DataVerifier;

/**
 * The paper's own numbers beside the real responses, read from the {@code tuckute2024} folder (both
 * files pinned by SHA-256 in the catalog): the blocked validation experiment's measured responses
 * to model-selected drive (D), suppress (S) and baseline (B) sentences in 4 new participants, and
 * the GPT2-XL encoding model's cross-validated r per layer ({@code SI6-CV-UID-data.csv}).
 */
public final class PaperData {
    static final String BLOCKED = "brain-lang-blocked-data_participant_20230728.csv";
    static final String SI6 = "SI6-CV-UID-data.csv";

    private PaperData() {}

    /**
     * One condition of the blocked experiment for one ROI.
     *
     * @param condition D, S or B
     * @param participants how many participants
     * @param normalised mean over participants of the normalised response ({@code response_target})
     * @param raw mean over participants of the response before normalisation ({@code response_target_non_norm})
     */
    public record Condition(String condition, int participants, double normalised, double raw) {}

    /** The blocked experiment's D, S and B means for {@code roi}, in that order. */
    public static List<Condition> blocked(DataSource source, String roi) {
        CsvTable t = CsvTable.read(file(source, BLOCKED));
        String[] rois = t.text("roi");
        String[] conds = t.text("cond");
        double[] norm = t.numbers("response_target");
        double[] raw = t.numbers("response_target_non_norm");
        List<Condition> out = new ArrayList<>();
        for (String c : List.of("D", "S", "B")) {
            double n = 0;
            double r = 0;
            int k = 0;
            for (int i = 0; i < rois.length; i++) {
                if (rois[i].equals(roi) && conds[i].equals(c)) {
                    n += norm[i];
                    r += raw[i];
                    k++;
                }
            }
            if (k == 0) {
                throw new DataMissingException(t.file() + ": no rows with roi = " + roi + " and cond = " + c);
            }
            out.add(new Condition(c, k, n / k, r / k));
        }
        return out;
    }

    /**
     * The paper's GPT2-XL encoding r per source layer (0 … 48) on {@code roi}: the mean over the
     * leave-one-participant-out rows of {@code full_score}, last-token embeddings.
     */
    public static Map<Integer, Double> gpt2XlCurve(DataSource source, String roi) {
        Path file = file(source, SI6);
        Map<Integer, double[]> sums = new TreeMap<>();
        // pandas wrote its index as a first column without a name, which CsvTable refuses; read it leniently.
        var format = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true).get();
        try (var parser = format.parse(java.nio.file.Files.newBufferedReader(file))) {
            for (var row : parser) {
                if (row.get("roi").equals(roi) && row.get("sent_embed").equals("last-tok") && row.get("source_model").equals("gpt2-xl")) {
                    double[] s = sums.computeIfAbsent(Integer.parseInt(row.get("source_layer")), k -> new double[2]);
                    s[0] += Double.parseDouble(row.get("full_score"));
                    s[1]++;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            throw new DataMissingException(file + ": cannot read the columns roi, sent_embed, source_model, source_layer, "
                    + "full_score (" + e.getMessage() + ")", e);
        }
        if (sums.isEmpty()) {
            throw new DataMissingException(file + ": no gpt2-xl last-tok rows for roi " + roi);
        }
        Map<Integer, Double> out = new LinkedHashMap<>();
        sums.forEach((k, s) -> out.put(k, s[0] / s[1]));
        return out;
    }

    private static Path file(DataSource source, String name) {
        DataCatalog.Dataset d = source.catalog().get("tuckute2024");
        Path p = source.directory().dataset(d.id()).resolve(name);
        DataMissingException.requireFile(d, p);
        DataVerifier.requirePinned(d, source.directory(), name);
        return p;
    }
}
