package org.brainalign.core.text;

/**
 * The edit distance brainalign uses to suggest what a mistyped name meant (a benchmark id, a
 * command-line option): weighted so that completing a prefix is cheap and changing what was typed is
 * not, which ranks "Pereira2018-ridge" next to "Pereira2018.243sentences-ridge".
 */
public final class EditDistance {
    private EditDistance() {}

    /** Edit distance from {@code a} to {@code b}, in quarters: substituting or deleting a character of a costs 4, inserting one of b costs 1. */
    public static int quarters(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = 4 * i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 4);
                cur[j] = Math.min(sub, Math.min(prev[j] + 4, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
