package org.brainalign.models.tokenizer;

import com.google.gson.JsonElement;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.brainalign.models.ModelFormatException;

/**
 * GPT-2's byte-level BPE, implemented from its definition: the text is split by GPT-2's
 * pre-tokenization pattern; each piece's UTF-8 bytes are mapped to printable characters; the
 * adjacent pair of lowest rank is merged until no rankable pair remains; the symbols are looked up
 * in the vocabulary. Ranks come either from {@code merges.txt} (the line number of the pair) or,
 * tiktoken-style, from the rank of the merged token itself (the GPT-2 table bundled in jtokkit
 * as {@code r50k_base}), which gives the same merges for GPT-2.
 */
public final class ByteLevelBpe implements TextTokenizer {

    /** GPT-2's pre-tokenization pattern: contractions, letters, numbers, other symbols, whitespace. */
    private static final Pattern PRETOKENIZE = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final Map<Character, Integer> CHAR_TO_BYTE = new HashMap<>();

    static {
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            BYTE_TO_CHAR[b] = printable ? (char) b : (char) (256 + n++);
            CHAR_TO_BYTE.put(BYTE_TO_CHAR[b], b);
        }
    }

    private interface PairRank {
        /** Rank of merging {@code a} and {@code b}; {@code Integer.MAX_VALUE} if they never merge. */
        int rank(String a, String b);
    }

    private final Map<String, Integer> vocab;
    private final String[] idToToken;
    private final PairRank pairRank;
    private final String source;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    private ByteLevelBpe(Map<String, Integer> vocab, PairRank pairRank, String source) {
        this.vocab = vocab;
        this.pairRank = pairRank;
        this.source = source;
        int max = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
        this.idToToken = new String[max + 1];
        vocab.forEach((token, id) -> idToToken[id] = token);
    }

    /** Loads {@code vocab.json} (token → id) and {@code merges.txt} (one "a b" pair per line). */
    public static ByteLevelBpe fromVocabAndMerges(Path vocabFile, Path mergesFile) {
        Map<String, Integer> vocab = new HashMap<>();
        try {
            JsonElement root = org.brainalign.core.json.StrictJson.parse(vocabFile.toString(), Files.readString(vocabFile));
            if (!root.isJsonObject()) {
                throw new ModelFormatException(vocabFile + ": expected a JSON object mapping token -> id");
            }
            for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet()) {
                if (!e.getValue().isJsonPrimitive() || !e.getValue().getAsJsonPrimitive().isNumber()) {
                    throw new ModelFormatException(vocabFile + ": id of token '" + e.getKey() + "' must be an integer, found "
                            + e.getValue());
                }
                vocab.put(e.getKey(), e.getValue().getAsInt());
            }
        } catch (IOException e) {
            throw new ModelFormatException(vocabFile + ": cannot read (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(e.getMessage(), e);
        }
        Map<String, Integer> merges = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(mergesFile, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.startsWith("#version") || line.isBlank()) {
                    continue;
                }
                String[] pair = line.split(" ");
                if (pair.length != 2) {
                    throw new ModelFormatException(mergesFile + ": line " + lineNo + " must hold two symbols separated by one space, found '"
                            + line + "'");
                }
                merges.putIfAbsent(pair[0] + ' ' + pair[1], merges.size());
            }
        } catch (IOException e) {
            throw new ModelFormatException(mergesFile + ": cannot read (" + e.getMessage() + ")", e);
        }
        return new ByteLevelBpe(vocab, (a, b) -> merges.getOrDefault(a + ' ' + b, Integer.MAX_VALUE),
                vocabFile.getParent().toString() + " (vocab.json + merges.txt)");
    }

    /**
     * GPT-2's BPE from the {@code r50k_base} rank table that the jtokkit library ships, so GPT-2
     * presets work without any download; {@code <|endoftext|>} is id 50256 as in GPT-2.
     */
    public static ByteLevelBpe bundledGpt2() {
        String resource = "/com/knuddels/jtokkit/r50k_base.tiktoken";
        Map<String, Integer> vocab = new HashMap<>();
        try (InputStream in = ByteLevelBpe.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelFormatException("the bundled GPT-2 rank table " + resource + " is missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                int space = line.indexOf(' ');
                byte[] bytes = Base64.getDecoder().decode(line.substring(0, space));
                vocab.put(bytesToSymbols(bytes), Integer.parseInt(line.substring(space + 1).trim()));
            }
        } catch (IOException e) {
            throw new ModelFormatException("cannot read the bundled GPT-2 rank table " + resource, e);
        }
        vocab.put("<|endoftext|>", 50256);
        return new ByteLevelBpe(vocab, (a, b) -> vocab.getOrDefault(a + b, Integer.MAX_VALUE), "bundled GPT-2 BPE (r50k_base)");
    }

    /** GPT-2's pre-tokenization of {@code text} into pieces (each later merged on its own). */
    static List<String> pretokenize(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = PRETOKENIZE.matcher(text);
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }

    /** The printable symbol GPT-2's byte-level BPE uses for byte {@code b}. */
    static char symbolOf(int b) {
        return BYTE_TO_CHAR[b & 0xff];
    }

    static String bytesToSymbols(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            sb.append(BYTE_TO_CHAR[b & 0xff]);
        }
        return sb.toString();
    }

    @Override
    public TokenizedText encode(String text) {
        List<Long> ids = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        Matcher m = PRETOKENIZE.matcher(text);
        while (m.find()) {
            String piece = m.group();
            byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
            int[] byteToChar = new int[bytes.length + 1]; // char offset in text of each byte's character
            int b = 0;
            for (int c = 0; c < piece.length(); ) {
                int cp = piece.codePointAt(c);
                int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; // UTF-8 length
                for (int k = 0; k < n; k++) {
                    byteToChar[b++] = m.start() + c;
                }
                c += Character.charCount(cp);
            }
            byteToChar[bytes.length] = m.end();
            String symbols = bytesToSymbols(bytes);
            int[] lengths = cache.computeIfAbsent(symbols, this::merge);
            int offset = 0;
            for (int len : lengths) {
                String token = symbols.substring(offset, offset + len);
                Integer id = vocab.get(token);
                if (id == null) {
                    throw new ModelFormatException(source + ": BPE produced symbol '" + token + "' which is not in the vocabulary");
                }
                ids.add((long) id);
                int start = byteToChar[offset];
                int endByte = offset + len;
                int end = endByte == bytes.length ? m.end() : byteToChar[endByte] == start ? start + 1 : byteToChar[endByte];
                spans.add(new int[] {start, Math.max(end, start + 1)});
                offset += len;
            }
        }
        long[] idArray = ids.stream().mapToLong(Long::longValue).toArray();
        int[] starts = spans.stream().mapToInt(s -> s[0]).toArray();
        int[] ends = spans.stream().mapToInt(s -> s[1]).toArray();
        return new TokenizedText(text, idArray, starts, ends);
    }

    /** BPE on one pre-token's symbols; returns the merged symbols' lengths in order. */
    private int[] merge(String symbols) {
        List<String> parts = new ArrayList<>(symbols.length());
        for (int i = 0; i < symbols.length(); i++) {
            parts.add(String.valueOf(symbols.charAt(i)));
        }
        while (parts.size() > 1) {
            int best = Integer.MAX_VALUE;
            int at = -1;
            for (int i = 0; i + 1 < parts.size(); i++) {
                int r = pairRank.rank(parts.get(i), parts.get(i + 1));
                if (r < best) {
                    best = r;
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            String a = parts.get(at);
            String b = parts.get(at + 1);
            List<String> merged = new ArrayList<>(parts.size());
            for (int i = 0; i < parts.size(); i++) {
                if (i + 1 < parts.size() && parts.get(i).equals(a) && parts.get(i + 1).equals(b)) {
                    merged.add(a + b);
                    i++;
                } else {
                    merged.add(parts.get(i));
                }
            }
            parts = merged;
        }
        return parts.stream().mapToInt(String::length).toArray();
    }

    @Override
    public String decode(long[] ids) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (long id : ids) {
            if (id < 0 || id >= idToToken.length || idToToken[(int) id] == null) {
                throw new IllegalArgumentException("token id " + id + " is not in the vocabulary of " + source);
            }
            String token = idToToken[(int) id];
            for (int i = 0; i < token.length(); i++) {
                Integer b = CHAR_TO_BYTE.get(token.charAt(i));
                if (b == null) {
                    out.writeBytes(String.valueOf(token.charAt(i)).getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write(b);
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public int vocabularySize() {
        return idToToken.length;
    }

    @Override
    public String describe() {
        return source;
    }

    /** Token string (in byte-symbol form) of {@code id}, e.g. {@code Ġquick}. */
    public String token(long id) {
        return idToToken[(int) id];
    }

}
