package org.brainalign.benchmarks.futrell2018;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.brainalign.benchmarks.data.DataMissingException;

/**
 * The Natural Stories self-paced reading corpus as Futrell2018 uses it: the 10,256 words of the 10
 * stories in reading order ({@code naturalstories_RTS_all_stories.tok}, sorted by story then zone),
 * each with the mean reading time over readers ({@code meanItemRT} of
 * {@code naturalstories_RTS_processed_wordinfo.tsv}, joined on story + zone; NaN where absent) and
 * whether it begins a sentence (the first word of a story, or see {@link #startsSentence}); this gives
 * 480 sentences where BSL's assembly, built from the corpus's own segmentation, has 481.
 */
public record NaturalStories(List<String> words, int[] story, int[] zone, double[] meanRt, boolean[] sentenceInitial) {
    private static final Pattern SENTENCE_END = Pattern.compile(".*[.!?][\"'\u2019\u201d)]*$");
    private static final Pattern SENTENCE_START = Pattern.compile("^[\"'\u2018\u201c(]*[A-Z0-9].*");
    private static final java.util.Set<String> ABBREVIATIONS = java.util.Set.of("Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Jr.");

    public static NaturalStories load(Path dir) {
        Path tok = dir.resolve("naturalstories_RTS_all_stories.tok");
        Path info = dir.resolve("naturalstories_RTS_processed_wordinfo.tsv");
        record Row(String word, int zone, int item) {}
        List<Row> rows = new ArrayList<>();
        for (String[] f : tsv(tok, 3, "word\tzone\titem")) {
            rows.add(new Row(f[0], parseInt(tok, f[1]), parseInt(tok, f[2])));
        }
        rows.sort(Comparator.comparingInt(Row::item).thenComparingInt(Row::zone));
        Map<String, Double> rt = new HashMap<>();
        for (String[] f : tsv(info, 5, "word\tzone\titem\tnItem\tmeanItemRT")) {
            rt.put(parseInt(info, f[2]) + "/" + parseInt(info, f[1]), Double.parseDouble(f[4]));
        }
        int n = rows.size();
        List<String> words = new ArrayList<>(n);
        int[] story = new int[n];
        int[] zone = new int[n];
        double[] mean = new double[n];
        boolean[] initial = new boolean[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            words.add(r.word());
            story[i] = r.item();
            zone[i] = r.zone();
            mean[i] = rt.getOrDefault(r.item() + "/" + r.zone(), Double.NaN);
            initial[i] = i == 0 || story[i - 1] != r.item() || startsSentence(rows.get(i - 1).word(), r.word());
        }
        return new NaturalStories(List.copyOf(words), story, zone, mean, initial);
    }

    /**
     * A word begins a sentence when the previous word ends in . ! or ? (closing quotes and brackets
     * allowed), is not a title abbreviation (Mr., Dr., …), and this word starts with a capital or a
     * digit (after opening quotes) — so "'Scratch!' sounded …" stays one sentence.
     */
    static boolean startsSentence(String previous, String word) {
        return SENTENCE_END.matcher(previous).matches() && !ABBREVIATIONS.contains(previous)
                && SENTENCE_START.matcher(word).matches();
    }

    private static List<String[]> tsv(Path file, int minFields, String header) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new DataMissingException(file + " cannot be read (" + e.getMessage()
                    + "); the naturalstories data set belongs in <data>/naturalstories (see 'brainalign data list')", e);
        }
        if (lines.isEmpty() || !lines.getFirst().startsWith(header)) {
            throw new DataMissingException(file + ": expected a header starting with '" + header.replace("\t", "\\t")
                    + "', found '" + (lines.isEmpty() ? "" : lines.getFirst()) + "'");
        }
        List<String[]> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            String[] f = lines.get(i).split("\t", -1);
            if (f.length < minFields) {
                throw new DataMissingException(file + " line " + (i + 1) + ": expected at least " + minFields + " tab-separated fields, found "
                        + f.length);
            }
            out.add(f);
        }
        return out;
    }

    private static int parseInt(Path file, String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new DataMissingException(file + ": expected an integer zone/item, found '" + s + "'");
        }
    }
}
