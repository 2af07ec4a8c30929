package org.brainalign.benchmarks.tuckute2024;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.data.CsvTable;
import org.brainalign.benchmarks.data.DataCatalog;
import org.brainalign.benchmarks.data.DataMissingException;
import org.brainalign.benchmarks.data.DataVerifier;
import org.brainalign.benchmarks.data.NetcdfAssemblyReader;
import org.brainalign.benchmarks.neural.NeuralData;
import org.brainalign.core.assembly.Assembly;
import org.brainalign.core.assembly.Coordinate;
import org.brainalign.core.linalg.DMatrix;

/**
 * Reads the real Tuckute et al. 2024 responses, {@code tuckute2024/bold_response_LH.csv} (pinned by
 * sha256 in the catalog): 1,000 baseline sentences, the left-hemisphere language network's response
 * ({@code lang_LH_netw}, BSL's {@code Tuckute2024.language}) and its five fROIs, averaged over the 5
 * train participants.
 *
 * <p>Presentation order decides the ShuffleSplit indices, hence the scores. BSL builds its assembly
 * with a pandas {@code groupby('item_id')} over the authors' participant file, where (as far as the
 * public sources show) {@code item_id} is the integer item number: BSL's order is numeric, {@code B.1},
 * {@code B.2}, …, {@code B.1000} — this file's order, which is kept as it is (never sorted as strings,
 * which would put {@code B.10} before {@code B.2}). When BSL's own file is in the same folder
 * ({@code Tuckute2024.language.nc} or {@code assy_Tuckute2024_language.nc}), its order is used instead,
 * and its values must equal this file's {@code lang_LH_netw} row by row (to 1e-6); the first
 * disagreeing stimulus is an error.
 */
public final class TuckuteData {
    static final String FILE = "bold_response_LH.csv";
    /** The network response, BSL's single neuroid. */
    public static final String NETWORK = "lang_LH_netw";
    /** The five fROIs the network response averages. */
    public static final List<String> FROIS = List.of("lang_LH_AntTemp", "lang_LH_IFG", "lang_LH_IFGorb", "lang_LH_MFG",
            "lang_LH_PostTemp");
    static final List<String> BSL_FILES = List.of("Tuckute2024.language.nc", "assy_Tuckute2024_language.nc");

    private TuckuteData() {}

    /** The assembly of {@code columns} as neuroids (one per column, subject {@code average}), 1,000 presentations. */
    public static NeuralData load(DataSource source, List<String> columns) {
        DataCatalog.Dataset dataset = source.catalog().get(Tuckute2024.DATASET);
        Path folder = source.directory().dataset(dataset.id());
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            Path bsl = bslFile(dataset, folder);
            if (bsl == null) {
                throw DataMissingException.missing(dataset, file, "or BSL's " + String.join(" or ", BSL_FILES));
            }
            if (!columns.equals(List.of(NETWORK))) {
                throw new DataMissingException(bsl + " holds only " + NETWORK + "; the fROIs " + columns + " need " + file);
            }
            Map<String, String> sums = new LinkedHashMap<>();
            sums.put(dataset.id() + "/" + bsl.getFileName(), DataVerifier.sha256OrFail(bsl));
            return new NeuralData(NetcdfAssemblyReader.read(bsl), sums, false);
        }
        String sha = DataVerifier.requirePinned(dataset, source.directory(), FILE);
        CsvTable t = CsvTable.read(file);
        String[] ids = t.text("item_id");
        String[] sentences = t.text("sentence");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.length; i++) {
            if (!seen.add(ids[i])) {
                throw new DataMissingException(file + ": item_id '" + ids[i] + "' appears twice (data row " + (i + 1) + ")");
            }
        }
        DMatrix values = DMatrix.zeros(t.rows(), columns.size());
        for (int j = 0; j < columns.size(); j++) {
            double[] col = t.numbers(columns.get(j));
            for (int i = 0; i < col.length; i++) {
                if (!Double.isFinite(col[i])) {
                    throw new DataMissingException(file + ": column '" + columns.get(j) + "', item " + ids[i] + ": not a finite number");
                }
                values.set(i, j, col[i]);
            }
        }
        Map<String, String> sums = new LinkedHashMap<>();
        sums.put(dataset.id() + "/" + FILE, sha);
        int[] order = bslOrder(bslFile(dataset, folder), ids, t.numbers(NETWORK), sums);
        Assembly a = new Assembly(values, List.of(new Coordinate.Text("stimulus_id", ids), new Coordinate.Text("stimulus", sentences)),
                List.of(new Coordinate.Text("neuroid_id", columns.toArray(String[]::new)),
                        new Coordinate.Text("subject", columns.stream().map(c -> "average").toArray(String[]::new))));
        return new NeuralData(order == null ? a : a.select(Assembly.Dim.PRESENTATION, order), sums, false);
    }

    /**
     * The row order of BSL's own file when it is present (each entry: this file's row of BSL's i-th
     * stimulus), after checking its values against {@code network}; null when it is absent.
     */
    static int[] bslOrder(Path bsl, String[] ids, double[] network, Map<String, String> sums) {
        if (bsl == null) {
            return null;
        }
        Assembly theirs = NetcdfAssemblyReader.read(bsl);
        String[] theirIds = theirs.coord(Assembly.Dim.PRESENTATION, "stimulus_id").uniqueLabels().length == theirs.presentations()
                ? labels(theirs, "stimulus_id") : null;
        if (theirIds == null || theirs.neuroids() != 1 || theirs.presentations() != ids.length) {
            throw new DataMissingException(bsl + ": expected " + ids.length + " unique stimulus_id x 1 neuroid, found "
                    + theirs.presentations() + " x " + theirs.neuroids());
        }
        Map<String, Integer> row = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            row.put(ids[i], i);
        }
        int[] order = new int[ids.length];
        for (int i = 0; i < theirIds.length; i++) {
            Integer r = row.get(theirIds[i]);
            if (r == null) {
                throw new DataMissingException(bsl + ": stimulus " + theirIds[i] + " is not in " + FILE);
            }
            double v = theirs.values().get(i, 0);
            if (!(Math.abs(v - network[r]) <= 1e-6)) {
                throw new DataMissingException(bsl + ": stimulus " + theirIds[i] + " has " + v + " where " + FILE + " has "
                        + network[r] + " (" + NETWORK + "); the two files disagree");
            }
            order[i] = r;
        }
        sums.put(Tuckute2024.DATASET + "/" + bsl.getFileName(), DataVerifier.sha256OrFail(bsl));
        return order;
    }

    /**
     * BSL's own file in {@code folder}, if any: the export ({@code Tuckute2024.language.nc}) or BSL's
     * cached file ({@code assy_…}, whose sha1 must be BSL's published one).
     */
    static Path bslFile(DataCatalog.Dataset dataset, Path folder) {
        for (String name : BSL_FILES) {
            Path p = folder.resolve(name);
            if (!Files.isRegularFile(p)) {
                continue;
            }
            DataCatalog.FileEntry entry = dataset.files().getFirst();
            if (name.equals(entry.bslName())) {
                DataVerifier.requireBslSha1(dataset, entry, p);
            }
            return p;
        }
        return null;
    }

    /** A presentation coordinate's labels; BSL's integer item numbers read as this file's {@code B.<n>} ids. */
    private static String[] labels(Assembly a, String coord) {
        Coordinate c = a.coord(Assembly.Dim.PRESENTATION, coord);
        if (c instanceof Coordinate.Numbers num) {
            String[] out = new String[a.presentations()];
            for (int i = 0; i < out.length; i++) {
                out[i] = "B." + (long) num.value(i);
            }
            return out;
        }
        int[] codes = c.codes();
        String[] unique = c.uniqueLabels();
        List<String> out = new ArrayList<>();
        for (int code : codes) {
            out.add(unique[code]);
        }
        return out.toArray(String[]::new);
    }

}
