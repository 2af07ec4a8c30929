package org.brainalign.models.tokenizer;

/**
 * Turns text into token ids with character offsets, and ids back into text. Implementations must
 * reproduce HuggingFace's encodings exactly (tested against the GPT-2 reference encodings), and
 * never truncate.
 */
public interface TextTokenizer extends AutoCloseable {

    /** Encodes {@code text}, adding the special tokens HuggingFace adds by default. */
    TokenizedText encode(String text);

    /** Decodes ids to text (special tokens included as their text). */
    String decode(long[] ids);

    /** The number of distinct ids this tokenizer can produce. */
    int vocabularySize();

    /** Where the tokenizer was loaded from, for logs and cache keys. */
    String describe();

    @Override
    default void close() {
    }
}
