package org.brainalign.models.tokenizer;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns a GPT-2-style byte-level BPE from a corpus (Sennrich et al. 2016 on GPT-2's byte
 * alphabet): the text is cut with GPT-2's pre-tokenization pattern, every piece starts as its
 * UTF-8 bytes, and the most frequent adjacent pair (counted over piece types weighted by their
 * frequency) is merged until the vocabulary holds the requested number of ids. Ties go to the pair
 * whose merged symbol sorts first, so training is deterministic.
 *
 * <p>The result is written as {@code vocab.json} + {@code merges.txt}, the files
 * {@link ByteLevelBpe#fromVocabAndMerges} (and HuggingFace's GPT-2 tokenizer) read. Ids 0–255 are
 * the 256 byte symbols, then one id per merge, and the last id is {@code <|endoftext|>}.
 */
public final class BpeTrainer {

    /** End-of-text marker, the vocabulary's last id. */
    public static final String END_OF_TEXT = "<|endoftext|>";

    /** A trained vocabulary: symbols by id (the last is {@link #END_OF_TEXT}) and merges in rank order. */
    public record Vocabulary(List<String> symbols, List<String[]> merges) {

        /** Writes {@code vocab.json}, {@code merges.txt} and a {@code tokenizer_config.json} into {@code dir}. */
        public void write(Path dir) throws IOException {
            Files.createDirectories(dir);
            Map<String, Integer> vocab = new LinkedHashMap<>();
            for (int i = 0; i < symbols.size(); i++) {
                vocab.put(symbols.get(i), i);
            }
            var gson = new GsonBuilder().disableHtmlEscaping().create();
            Files.writeString(dir.resolve("vocab.json"), gson.toJson(vocab), StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder("#version: 0.2\n");
            for (String[] m : merges) {
                sb.append(m[0]).append(' ').append(m[1]).append('\n');
            }
            Files.writeString(dir.resolve("merges.txt"), sb.toString(), StandardCharsets.UTF_8);
            JsonObject config = new JsonObject();
            config.addProperty("tokenizer_class", "GPT2Tokenizer");
            config.addProperty("bos_token", END_OF_TEXT);
            config.addProperty("eos_token", END_OF_TEXT);
            config.addProperty("unk_token", END_OF_TEXT);
            config.addProperty("model_max_length", 1_000_000);
            Files.writeString(dir.resolve("tokenizer_config.json"), gson.toJson(config), StandardCharsets.UTF_8);
        }
    }

    private BpeTrainer() {
    }

    /** Trains a vocabulary of {@code vocabularySize} ids (≥ 257: the bytes and the end marker) on {@code text}. */
    public static Vocabulary train(String text, int vocabularySize) {
        if (vocabularySize < 257) {
            throw new IllegalArgumentException("a byte-level BPE needs at least 257 ids (256 bytes + " + END_OF_TEXT
                    + "), got " + vocabularySize);
        }
        Map<String, Integer> pieceCounts = new HashMap<>();
        for (String piece : ByteLevelBpe.pretokenize(text)) {
            pieceCounts.merge(ByteLevelBpe.bytesToSymbols(piece.getBytes(StandardCharsets.UTF_8)), 1, Integer::sum);
        }
        List<String> symbols = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (int b = 0; b < 256; b++) {
            String s = String.valueOf(ByteLevelBpe.symbolOf(b));
            ids.put(s, symbols.size());
            symbols.add(s);
        }
        // Every piece type as a sequence of symbol ids, with its count.
        List<int[]> words = new ArrayList<>(pieceCounts.size());
        int[] counts = new int[pieceCounts.size()];
        int w = 0;
        for (var e : pieceCounts.entrySet()) {
            String piece = e.getKey();
            int[] seq = new int[piece.length()];
            for (int i = 0; i < seq.length; i++) {
                seq[i] = ids.get(String.valueOf(piece.charAt(i)));
            }
            words.add(seq);
            counts[w++] = e.getValue();
        }
        List<String[]> merges = new ArrayList<>();
        while (symbols.size() < vocabularySize - 1) {
            Map<Long, Long> pairs = new HashMap<>();
            for (int i = 0; i < words.size(); i++) {
                int[] seq = words.get(i);
                for (int j = 0; j + 1 < seq.length; j++) {
                    pairs.merge(((long) seq[j] << 32) | seq[j + 1], (long) counts[i], Long::sum);
                }
            }
            long bestPair = -1;
            long bestCount = 0;
            String bestSymbol = null;
            for (var e : pairs.entrySet()) {
                long count = e.getValue();
                if (count < bestCount) {
                    continue;
                }
                String merged = symbols.get((int) (e.getKey() >>> 32)) + symbols.get((int) (long) e.getKey());
                if (count > bestCount || merged.compareTo(bestSymbol) < 0) {
                    bestPair = e.getKey();
                    bestCount = count;
                    bestSymbol = merged;
                }
            }
            if (bestPair < 0) {
                break; // every piece is a single symbol: nothing left to merge
            }
            int a = (int) (bestPair >>> 32);
            int b = (int) bestPair;
            int id = symbols.size();
            if (ids.containsKey(bestSymbol)) {
                // the same string reached by another split: reuse its id so the vocabulary stays a bijection
                id = ids.get(bestSymbol);
            } else {
                ids.put(bestSymbol, id);
                symbols.add(bestSymbol);
            }
            merges.add(new String[] {symbols.get(a), symbols.get(b)});
            for (int i = 0; i < words.size(); i++) {
                int[] seq = words.get(i);
                int out = 0;
                for (int j = 0; j < seq.length; j++) {
                    if (j + 1 < seq.length && seq[j] == a && seq[j + 1] == b) {
                        seq[out++] = id;
                        j++;
                    } else {
                        seq[out++] = seq[j];
                    }
                }
                if (out < seq.length) {
                    words.set(i, java.util.Arrays.copyOf(seq, out));
                }
            }
        }
        symbols.add(END_OF_TEXT);
        return new Vocabulary(List.copyOf(symbols), List.copyOf(merges));
    }
}
