package org.brainalign.benchmarks.pereira2018;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.data.CsvTable;
import org.brainalign.benchmarks.data.DataCatalog;
import org.brainalign.benchmarks.data.DataMissingException;
import org.brainalign.benchmarks.data.DataVerifier;
import org.brainalign.benchmarks.neural.NeuralData;
import org.brainalign.core.assembly.Assembly;
import org.brainalign.core.assembly.Coordinate;
import org.brainalign.core.linalg.DMatrix;

/**
 * Reads {@code pereira2018-network/pereira2018_network_average.csv} (pinned by sha256): all 627
 * Pereira2018 sentences in BSL's stimulus order with BSL's ids, passages and topics ({@code story} =
 * experiment + topic), and the real left-hemisphere language-network response to each — one neuroid
 * ({@code language_network}, subject {@code average}). Rows keep the file's order.
 *
 * <p>BSL's voxel assembly labels every passage ({@code Beekeeping_1}, {@code Beekeeping_2}, …) and
 * presents one passage per call. This stimulus set labels the 243-sentence experiment's passages by
 * their topic only ({@code beekeeping} for three passages), telling them apart by
 * {@code passage_index}; such a label gets the passage's rank within its topic appended
 * ({@code beekeeping_1}, …), so that each call is one passage as in BSL.
 */
public final class PereiraNetworkData {
    static final String DATASET = "pereira2018-network";
    static final String FILE = "pereira2018_network_average.csv";

    private PereiraNetworkData() {}

    /** One experiment's sentences, presenting {@code source.sentences()}'s text. */
    public static NeuralData load(DataSource source, Pereira2018.Experiment e) {
        Table t = table(source);
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < t.experiment.length; i++) {
            if (t.experiment[i].equals(e.label())) {
                rows.add(i);
            }
        }
        if (rows.isEmpty()) {
            throw new DataMissingException(t.file + ": no row of experiment " + e.label());
        }
        int n = rows.size();
        String[] text = source.sentences() == DataSource.Sentences.SHOWN ? t.shown : t.sentence;
        DMatrix values = DMatrix.zeros(n, 1);
        String[] ids = new String[n];
        String[] stimulus = new String[n];
        String[] passage = new String[n];
        double[] passageIndex = new double[n];
        String[] category = new String[n];
        String[] story = new String[n];
        String[] experiment = new String[n];
        for (int k = 0; k < n; k++) {
            int i = rows.get(k);
            if (!Double.isFinite(t.response[i])) {
                throw new DataMissingException(t.file + ": stimulus " + t.ids[i] + " has no finite language_network_effect_size");
            }
            values.set(k, 0, t.response[i]);
            ids[k] = t.ids[i];
            stimulus[k] = text[i];
            passage[k] = passageLabel(t, rows, i);
            passageIndex[k] = t.passageIndex[i];
            category[k] = t.category[i];
            story[k] = t.story[i];
            experiment[k] = t.experiment[i];
        }
        Assembly a = new Assembly(values, List.of(new Coordinate.Text("stimulus_id", ids), new Coordinate.Text("stimulus", stimulus),
                new Coordinate.Text("passage_label", passage), new Coordinate.Numbers("passage_index", passageIndex),
                new Coordinate.Text("passage_category", category), new Coordinate.Text("story", story),
                new Coordinate.Text("experiment", experiment)),
                List.of(new Coordinate.Text("neuroid_id", new String[] {"language_network"}),
                        new Coordinate.Text("subject", new String[] {"average"})));
        return new NeuralData(a, t.checksums, false);
    }

    /** The label of row {@code i}'s passage, unique per passage among {@code rows} (see the class comment). */
    private static String passageLabel(Table t, List<Integer> rows, int i) {
        String label = t.passage[i];
        List<Double> passages = new ArrayList<>();
        for (int r : rows) {
            if (t.passage[r].equals(label) && !passages.contains(t.passageIndex[r])) {
                passages.add(t.passageIndex[r]);
            }
        }
        return passages.size() == 1 ? label : label + "_" + (passages.indexOf(t.passageIndex[i]) + 1);
    }

    /** The whole file's columns (both experiments). */
    record Table(Path file, String[] ids, String[] experiment, String[] passage, double[] passageIndex, String[] category,
            String[] story, String[] sentence, String[] shown, double[] response, Map<String, String> checksums) {}

    static Table table(DataSource source) {
        DataCatalog.Dataset dataset = source.catalog().get(DATASET);
        Path file = source.directory().dataset(DATASET).resolve(FILE);
        String sha = DataVerifier.requirePinned(dataset, source.directory(), FILE);
        CsvTable t = CsvTable.read(file);
        Map<String, String> sums = new LinkedHashMap<>();
        sums.put(DATASET + "/" + FILE, sha);
        return new Table(file, t.text("stimulus_id"), t.text("experiment"), t.text("passage_label"), t.numbers("passage_index"),
                t.text("passage_category"), t.text("story"), t.text("sentence"), t.text("sentence_as_shown"),
                t.numbers("language_network_effect_size"), sums);
    }
}
