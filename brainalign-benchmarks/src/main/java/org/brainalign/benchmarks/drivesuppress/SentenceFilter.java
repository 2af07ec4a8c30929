package org.brainalign.benchmarks.drivesuppress;

import java.util.Locale;

/**
 * Which corpus sentences are candidates, as in the paper's search: a length in words within
 * [{@code minWords}, {@code maxWords}] (by default the baseline set's range), only the characters
 * of ordinary prose — ASCII letters, spaces and {@code . , ; : ! ? ' " - ( )} — so no digits, markup,
 * symbols, URLs or non-Latin script, at least one letter in every word, and each sentence once:
 * a sentence whose {@link #key normalised form} was seen before (including every baseline sentence)
 * is dropped.
 *
 * @param minWords fewest words
 * @param maxWords most words
 */
public record SentenceFilter(int minWords, int maxWords) {

    /** The characters a candidate may contain besides ASCII letters. */
    public static final String PUNCTUATION = " .,;:!?'\"-()";

    public SentenceFilter {
        if (minWords < 1 || maxWords < minWords) {
            throw new IllegalArgumentException("word range must satisfy 1 ≤ min ≤ max, got " + minWords + "–" + maxWords);
        }
    }

    /** Why {@code sentence} is rejected, or null when it passes (duplicates are checked separately). */
    public String reject(String sentence) {
        int words = words(sentence);
        if (words < minWords || words > maxWords) {
            return "length";
        }
        for (int i = 0; i < sentence.length(); i++) {
            char c = sentence.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || PUNCTUATION.indexOf(c) >= 0)) {
                return "characters";
            }
        }
        for (String w : sentence.trim().split("\\s+")) {
            if (w.chars().noneMatch(Character::isLetter)) {
                return "characters";
            }
        }
        return null;
    }

    /** Whitespace-separated words. */
    public static int words(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    /**
     * A 64-bit key of the sentence's normalised form (lower case, runs of whitespace as one space,
     * trailing sentence punctuation dropped), for duplicate detection in bounded memory; two different
     * sentences share a key with probability about 2<sup>−64</sup> per pair.
     */
    public static long key(String sentence) {
        String n = sentence.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replaceAll("[.!?]+$", "").strip();
        long h = 0xcbf29ce484222325L; // FNV-1a over UTF-16 units, then SplitMix64's finaliser
        for (int i = 0; i < n.length(); i++) {
            h ^= n.charAt(i);
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
