package org.brainalign.benchmarks.drivesuppress;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a paragraph of prose into sentences: a sentence ends at {@code .}, {@code !} or {@code ?}
 * (with any closing quotes or brackets after it) followed by whitespace and then an upper-case
 * letter, an opening quote or bracket, or the end of the paragraph — unless the word before the
 * period is a common abbreviation ({@code Mr.}, {@code Dr.}, {@code e.g.} …) or a single capital
 * (an initial). Whitespace runs become single spaces. Good enough for fiction, fortunes and
 * glosses; it is a rule, not a trained segmenter.
 */
public final class SentenceSplitter {
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "rev", "gen",
            "col", "capt", "lt", "sgt", "vs", "etc", "e.g", "i.e", "cf", "no", "vol", "fig", "mt", "ft", "inc", "ltd", "co");

    private SentenceSplitter() {}

    /** The sentences of {@code paragraph}, each stripped, with single spaces. */
    public static List<String> split(String paragraph) {
        String text = paragraph.strip().replaceAll("\\s+", " ");
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c != '.' && c != '!' && c != '?') {
                continue;
            }
            int end = i + 1;
            while (end < n && (text.charAt(end) == '.' || text.charAt(end) == '!' || text.charAt(end) == '?')) {
                end++;
            }
            while (end < n && "\"')]".indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            boolean last = end >= n;
            boolean boundary = last || (text.charAt(end) == ' ' && end + 1 < n && startsSentence(text.charAt(end + 1)));
            if (!boundary || (c == '.' && abbreviation(text, start, i))) {
                i = end - 1;
                continue;
            }
            add(out, text.substring(start, end));
            start = end;
            i = end - 1;
        }
        if (start < n) {
            add(out, text.substring(start));
        }
        return out;
    }

    private static boolean startsSentence(char c) {
        return Character.isUpperCase(c) || c == '"' || c == '\'' || c == '(' || c == '[';
    }

    /** Whether the word ending at the period {@code dot} is an abbreviation or an initial. */
    private static boolean abbreviation(String text, int start, int dot) {
        int w = dot;
        while (w > start && text.charAt(w - 1) != ' ') {
            w--;
        }
        String word = text.substring(w, dot).replaceAll("^[\"'(\\[]+", "");
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            return true;
        }
        return ABBREVIATIONS.contains(word.toLowerCase(java.util.Locale.ROOT));
    }

    private static void add(List<String> out, String s) {
        String t = s.strip();
        if (!t.isEmpty()) {
            out.add(t);
        }
    }
}
