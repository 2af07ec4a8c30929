package org.brainalign.models.tokenizer;

import java.util.Objects;

/**
 * A text and its token ids with each token's character span {@code [start, end)} in the text
 * (UTF-16 indices). Special tokens the tokenizer adds ({@code [CLS]}, {@code <s>}) have no span:
 * {@code start = end = -1}.
 *
 * @param text the encoded text
 * @param ids token ids
 * @param starts first char of each token, or −1
 * @param ends one past the last char of each token, or −1
 */
public record TokenizedText(String text, long[] ids, int[] starts, int[] ends) {

    public TokenizedText {
        Objects.requireNonNull(text, "text");
        if (ids.length != starts.length || ids.length != ends.length) {
            throw new IllegalArgumentException("ids, starts and ends differ in length: " + ids.length + ", " + starts.length
                    + ", " + ends.length);
        }
    }

    /** Number of tokens. */
    public int size() {
        return ids.length;
    }

    /** Whether token {@code i} is a special token without a span in the text. */
    public boolean isSpecial(int i) {
        return starts[i] < 0;
    }
}
