package org.brainalign.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A HuggingFace {@code tokenizer.json} for tests of encoders whose fixtures ship without one: a
 * word-level vocabulary ([UNK] = 0, [CLS] = 1, [SEP] = 2, then the given words from id 10), split on
 * whitespace, with [CLS] / [SEP] around every sequence as BERT's template does.
 */
public final class WordLevelTokenizer {
    private WordLevelTokenizer() {}

    /** Writes {@code dir/tokenizer.json} with {@code words} at ids 10, 11, …. */
    public static void write(Path dir, List<String> words) throws IOException {
        StringBuilder vocab = new StringBuilder("\"[UNK]\":0,\"[CLS]\":1,\"[SEP]\":2");
        for (int i = 0; i < words.size(); i++) {
            vocab.append(",\"").append(words.get(i)).append("\":").append(10 + i);
        }
        String special = "{\"id\":%d,\"content\":\"%s\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,"
                + "\"normalized\":false,\"special\":true}";
        String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":["
                + special.formatted(1, "[CLS]") + "," + special.formatted(2, "[SEP]") + "],"
                + "\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"WhitespaceSplit\"},"
                + "\"post_processor\":{\"type\":\"TemplateProcessing\","
                + "\"single\":[{\"SpecialToken\":{\"id\":\"[CLS]\",\"type_id\":0}},{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},"
                + "{\"SpecialToken\":{\"id\":\"[SEP]\",\"type_id\":0}}],"
                + "\"pair\":[{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},{\"Sequence\":{\"id\":\"B\",\"type_id\":1}}],"
                + "\"special_tokens\":{\"[CLS]\":{\"id\":\"[CLS]\",\"ids\":[1],\"tokens\":[\"[CLS]\"]},"
                + "\"[SEP]\":{\"id\":\"[SEP]\",\"ids\":[2],\"tokens\":[\"[SEP]\"]}}},"
                + "\"decoder\":null,\"model\":{\"type\":\"WordLevel\",\"vocab\":{" + vocab + "},\"unk_token\":\"[UNK]\"}}";
        Files.writeString(dir.resolve("tokenizer.json"), json);
    }
}
