package org.brainalign.benchmarks.frank2015;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.brainalign.benchmarks.data.CsvTable;
import org.brainalign.benchmarks.data.DataMissingException;

/**
 * Frank et al. (2015)'s per-word ERP data ({@code frank2015-eeg/all_measures.csv}): 205 sentences, and
 * for 1,726 of their words (every word but the first) the component amplitudes averaged over
 * participants and the surprisals that published models assign. Every row's {@code word} must be the
 * word at {@code context_length} of its {@code sentence} (whitespace-split), and all rows of a
 * sentence must carry the same sentence; a row that does not is an error naming it.
 *
 * @param sentenceIds the {@code sent_id}s, ascending
 * @param sentences each sentence's words, in the order of {@link #sentenceIds}
 * @param rowSentence per data row (in sentence order, then word position), the index of its sentence
 * @param rowPosition per data row, its word's position in the sentence
 * @param sentenceFinal per data row, whether its word ends the sentence ({@code is_start_end = 1})
 * @param columns per numeric column of the file (components, published surprisals), its values per data row
 */
public record Frank2015Data(List<Integer> sentenceIds, List<List<String>> sentences, int[] rowSentence, int[] rowPosition,
                            boolean[] sentenceFinal, Map<String, double[]> columns) {

    /** The ERP components of the file. */
    public static final List<String> COMPONENTS = List.of("ELAN", "LAN", "N400", "EPNP", "P600", "PNP");
    /** The published model surprisals of the file. */
    public static final List<String> PUBLISHED = List.of("s_GPT2", "s_GPT2_medium", "s_GPT2_large", "s_GPT2_xl",
            "s_GPTNeo_125M", "s_GPTNeo", "s_GPTNeo_2.7B", "bigram", "trigram", "tetragram", "rnn", "psg");

    /** Reads {@code all_measures.csv} from the data set folder. */
    public static Frank2015Data load(Path dir) {
        Path file = dir.resolve("all_measures.csv");
        CsvTable t = CsvTable.read(file);
        String[] sentence = t.text("sentence");
        String[] word = t.text("word");
        double[] sentId = t.numbers("sent_id");
        double[] position = t.numbers("context_length");
        double[] startEnd = t.numbers("is_start_end");
        Map<Integer, String> texts = new TreeMap<>();
        for (int r = 0; r < t.rows(); r++) {
            int id = (int) sentId[r];
            String previous = texts.putIfAbsent(id, sentence[r]);
            if (previous != null && !previous.equals(sentence[r])) {
                throw new DataMissingException(file + ": row " + (r + 2) + " gives sent_id " + id + " the sentence '" + sentence[r]
                        + "' but an earlier row gave '" + previous + "'");
            }
            String[] words = sentence[r].trim().split("\\s+");
            int p = (int) position[r];
            if (p < 0 || p >= words.length || !words[p].equals(word[r])) {
                throw new DataMissingException(file + ": row " + (r + 2) + " has word '" + word[r] + "' at context_length " + p
                        + " but that position of its sentence is " + (p >= 0 && p < words.length ? "'" + words[p] + "'" : "absent"));
            }
        }
        List<Integer> ids = new ArrayList<>(texts.keySet());
        Map<Integer, Integer> index = new HashMap<>();
        List<List<String>> sentences = new ArrayList<>();
        for (int id : ids) {
            index.put(id, sentences.size());
            sentences.add(List.of(texts.get(id).trim().split("\\s+")));
        }
        // Rows in reading order: by sentence, then position.
        Integer[] order = new Integer[t.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> sentId[a] != sentId[b] ? Double.compare(sentId[a], sentId[b])
                : Double.compare(position[a], position[b]));
        int n = order.length;
        int[] rowSentence = new int[n];
        int[] rowPosition = new int[n];
        boolean[] fin = new boolean[n];
        for (int k = 0; k < n; k++) {
            int r = order[k];
            rowSentence[k] = index.get((int) sentId[r]);
            rowPosition[k] = (int) position[r];
            fin[k] = startEnd[r] != 0;
            if (k > 0 && rowSentence[k] == rowSentence[k - 1] && rowPosition[k] == rowPosition[k - 1]) {
                throw new DataMissingException(file + ": sent_id " + (int) sentId[r] + " has two rows for word position "
                        + rowPosition[k]);
            }
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        List<String> wanted = new ArrayList<>(COMPONENTS);
        wanted.addAll(PUBLISHED);
        for (String c : wanted) {
            double[] raw = t.numbers(c);
            double[] sorted = new double[n];
            for (int k = 0; k < n; k++) {
                sorted[k] = raw[order[k]];
                if (!Double.isFinite(sorted[k])) {
                    throw new DataMissingException(file + ": column " + c + " has a non-finite value in row " + (order[k] + 2));
                }
            }
            columns.put(c, sorted);
        }
        return new Frank2015Data(List.copyOf(ids), List.copyOf(sentences), rowSentence, rowPosition, fin, columns);
    }

    /** The number of data rows (scored and sentence-final words). */
    public int rows() {
        return rowSentence.length;
    }

    /** Column {@code name} per data row (reading order); an error naming the known columns when absent. */
    public double[] column(String name) {
        double[] c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("frank2015-eeg has no column '" + name + "'; known: " + columns.keySet());
        }
        return c;
    }
}
