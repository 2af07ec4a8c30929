package org.brainalign.benchmarks.futrell2018;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.brainalign.benchmarks.data.DataMissingException;

/**
 * The Natural Stories self-paced reading corpus as Futrell2018 uses it: the 10,256 words of the 10
 * stories in reading order ({@code naturalstories_RTS_all_stories.tok}, sorted by story then zone),
 * each with the mean reading time over readers ({@code meanItemRT} of
 * {@code naturalstories_RTS_processed_wordinfo.tsv}, joined on story + zone; NaN where absent) and
 * whether it begins a sentence (the first word, or see {@link #startsSentence}: BSL's
 * {@code data_packaging.py} loop, which finds BSL's 481 sentences).
 */
public record NaturalStories(List<String> words, int[] story, int[] zone, double[] meanRt, boolean[] sentenceInitial) {
    /** The endings after which BSL's loop may start a sentence. */
    private static final List<String> SENTENCE_ENDINGS = List.of(".", "?", "!", ".'", "?'", "!'", ";'");

    /** Reads the corpus in {@code dir} after checking both files against {@code set}'s pins (the catalog's naturalstories). */
    public static NaturalStories load(org.brainalign.benchmarks.data.DataCatalog.Dataset set, Path dir) {
        Path tok = dir.resolve("naturalstories_RTS_all_stories.tok");
        Path info = dir.resolve("naturalstories_RTS_processed_wordinfo.tsv");
        for (Path p : List.of(tok, info)) {
            org.brainalign.benchmarks.data.DataVerifier.requirePinned(set, dir, p.getFileName().toString());
        }
        record Row(String word, int zone, int item) {}
        List<Row> rows = new ArrayList<>();
        for (Line l : tsv(tok, 3, "word\tzone\titem")) {
            rows.add(new Row(l.fields()[0], l.integer(tok, 1, "zone"), l.integer(tok, 2, "item")));
        }
        rows.sort(Comparator.comparingInt(Row::item).thenComparingInt(Row::zone));
        Map<String, Double> rt = new HashMap<>();
        for (Line l : tsv(info, 5, "word\tzone\titem\tnItem\tmeanItemRT")) {
            rt.put(l.integer(info, 2, "item") + "/" + l.integer(info, 1, "zone"), l.number(info, 4, "meanItemRT"));
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
            initial[i] = i == 0 || startsSentence(rows.get(i - 1).word(), r.word());
        }
        return new NaturalStories(List.copyOf(words), story, zone, mean, initial);
    }

    /**
     * BSL's rule ({@code data_packaging.py} of Futrell2018, which finds 481 sentences): a word begins
     * a sentence when the previous word ends in {@code . ? ! .' ?' !'} or {@code ;'}, is not "Mr."
     * (the only exemption: "Dr. Georges" in story 10 is two sentences), and this word is not
     * lower-case in Python's sense ({@code str.islower()}: some cased letter, none upper- or
     * title-case) — so "'Scratch!' sounded …" stays one sentence and a story's first word, after
     * the last story's final period, starts one.
     */
    static boolean startsSentence(String previous, String word) {
        return SENTENCE_ENDINGS.stream().anyMatch(previous::endsWith) && !previous.equals("Mr.") && !pythonIsLower(word);
    }

    /** Python's {@code str.islower()}. */
    static boolean pythonIsLower(String s) {
        boolean cased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
                return false;
            }
            cased |= Character.isLowerCase(c);
            i += Character.charCount(c);
        }
        return cased;
    }

    /** One data line of a TSV file: its 1-based number and its fields. */
    private record Line(int number, String[] fields) {
        int integer(Path file, int column, String name) {
            try {
                return Integer.parseInt(fields[column].trim());
            } catch (NumberFormatException e) {
                throw new DataMissingException(file + " line " + number + ", column " + (column + 1) + " (" + name
                        + "): expected an integer, found '" + fields[column] + "'");
            }
        }

        double number(Path file, int column, String name) {
            try {
                return Double.parseDouble(fields[column].trim());
            } catch (NumberFormatException e) {
                throw new DataMissingException(file + " line " + number + ", column " + (column + 1) + " (" + name
                        + "): expected a number, found '" + fields[column] + "'");
            }
        }
    }

    private static List<Line> tsv(Path file, int minFields, String header) {
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
        List<Line> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            String[] f = lines.get(i).split("\t", -1);
            if (f.length < minFields) {
                throw new DataMissingException(file + " line " + (i + 1) + ": expected at least " + minFields + " tab-separated fields, found "
                        + f.length);
            }
            out.add(new Line(i + 1, f));
        }
        return out;
    }

}
