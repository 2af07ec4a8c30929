package org.brainalign.models.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.nio.file.Path;
import org.brainalign.models.ModelFormatException;

/**
 * A HuggingFace {@code tokenizer.json} run by DJL's binding of the Rust {@code tokenizers} library,
 * with truncation and padding off and HuggingFace's default special tokens.
 */
public final class HfTokenizer implements TextTokenizer {

    private final HuggingFaceTokenizer tokenizer;
    private final Path file;
    private final int vocabularySize;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, Path file, int vocabularySize) {
        this.tokenizer = tokenizer;
        this.file = file;
        this.vocabularySize = vocabularySize;
    }

    /** Loads {@code tokenizer.json}. */
    public static HfTokenizer load(Path file) {
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(file)
                    .optTruncation(false)
                    .optPadding(false)
                    .optAddSpecialTokens(true)
                    .optMaxLength(Integer.MAX_VALUE / 2)
                    .build();
            int vocabulary = countVocabulary(file);
            if (vocabulary <= 0) {
                t.close();
                throw new ModelFormatException(file + ": the tokenizer's vocabulary is empty (model.vocab and added_tokens hold no id)");
            }
            return new HfTokenizer(t, file, vocabulary);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(file + ": cannot load tokenizer (" + e.getMessage() + ")", e);
        }
    }

    private static int countVocabulary(Path file) throws IOException {
        var root = org.brainalign.core.json.StrictJson.parse(file.toString(), java.nio.file.Files.readString(file)).getAsJsonObject();
        int max = -1;
        var model = root.getAsJsonObject("model");
        if (model != null && model.get("vocab") != null && model.get("vocab").isJsonObject()) {
            for (var e : model.getAsJsonObject("vocab").entrySet()) {
                max = Math.max(max, e.getValue().getAsInt());
            }
        } else if (model != null && model.get("vocab") != null && model.get("vocab").isJsonArray()) {
            max = model.getAsJsonArray("vocab").size() - 1;
        }
        var added = root.getAsJsonArray("added_tokens");
        if (added != null) {
            for (var e : added) {
                max = Math.max(max, e.getAsJsonObject().get("id").getAsInt());
            }
        }
        return max + 1;
    }

    @Override
    public TokenizedText encode(String text) {
        Encoding e = tokenizer.encode(text);
        long[] ids = e.getIds();
        long[] special = e.getSpecialTokenMask();
        CharSpan[] spans = e.getCharTokenSpans();
        int[] starts = new int[ids.length];
        int[] ends = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            CharSpan s = spans[i];
            if (s == null || special[i] != 0) {
                starts[i] = -1;
                ends[i] = -1;
            } else {
                starts[i] = s.getStart();
                ends[i] = s.getEnd();
            }
        }
        return new TokenizedText(text, ids, starts, ends);
    }

    @Override
    public String decode(long[] ids) {
        return tokenizer.decode(ids, false);
    }

    @Override
    public int vocabularySize() {
        return vocabularySize;
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
