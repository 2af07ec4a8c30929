package org.brainalign.models.tokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import org.brainalign.models.ModelFormatException;

/** Finds and loads the tokenizer of a model directory. */
public final class Tokenizers {

    private Tokenizers() {
    }

    /** Whether {@code dir} holds a tokenizer this class can load. */
    public static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve("tokenizer.json"))
                || (Files.isRegularFile(dir.resolve("vocab.json")) && Files.isRegularFile(dir.resolve("merges.txt")));
    }

    /**
     * Loads {@code tokenizer.json} from {@code dir} if present, else GPT-2 style {@code vocab.json}
     * + {@code merges.txt}; an error naming the expected files otherwise.
     */
    public static TextTokenizer fromDirectory(Path dir) {
        Path json = dir.resolve("tokenizer.json");
        if (Files.isRegularFile(json)) {
            return HfTokenizer.load(json);
        }
        Path vocab = dir.resolve("vocab.json");
        Path merges = dir.resolve("merges.txt");
        if (Files.isRegularFile(vocab) && Files.isRegularFile(merges)) {
            return ByteLevelBpe.fromVocabAndMerges(vocab, merges);
        }
        throw new ModelFormatException(dir + ": no tokenizer found; expected tokenizer.json, or vocab.json + merges.txt");
    }
}
