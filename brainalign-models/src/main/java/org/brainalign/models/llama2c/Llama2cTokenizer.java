package org.brainalign.models.llama2c;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.brainalign.models.ModelFormatException;
import org.brainalign.models.tokenizer.TextTokenizer;
import org.brainalign.models.tokenizer.TokenizedText;

/**
 * llama2.c's tokenizer ({@code tok*.bin}): a sentencepiece-style BPE vocabulary in which each piece
 * has a score. Encoding follows {@code run.c}: {@code <s>} (id 1) first, a dummy-prefix space before a
 * non-empty text, every code point as its own piece when the vocabulary has it and otherwise as byte
 * pieces ({@code <0xXX>}, id = byte + 3), then repeatedly the adjacent pair whose concatenation is a
 * piece with the highest score is merged (the leftmost among equal scores) until no pair is a piece.
 *
 * <p>The file is an int32 maximum piece length, then per piece a float32 score, an int32 byte length
 * and the UTF-8 bytes, little-endian, until the end of the file. Each token's span is the characters
 * its bytes came from (the dummy prefix has none of its own: a token made of it alone is an empty
 * span at 0).
 */
public final class Llama2cTokenizer implements TextTokenizer {
    /** {@code <unk>}, {@code <s>} and {@code </s>} in llama2.c's vocabularies. */
    public static final int UNK = 0, BOS = 1, EOS = 2;
    private static final int BYTE_OFFSET = 3;

    private final String source;
    private final byte[][] pieces;
    private final float[] scores;
    /** Piece bytes as an ISO-8859-1 string (one char per byte) → id; the first id of duplicated pieces. */
    private final Map<String, Integer> ids = new HashMap<>();
    private final int dummyPrefix;

    private Llama2cTokenizer(String source, byte[][] pieces, float[] scores) {
        this.source = source;
        this.pieces = pieces;
        this.scores = scores;
        for (int i = 0; i < pieces.length; i++) {
            ids.putIfAbsent(new String(pieces[i], StandardCharsets.ISO_8859_1), i);
        }
        Integer space = ids.get(" ");
        if (space == null) {
            throw new ModelFormatException(source + ": the vocabulary has no ' ' piece, which run.c's dummy prefix needs");
        }
        if (pieces.length < BYTE_OFFSET + 256) {
            throw new ModelFormatException(source + ": " + pieces.length + " pieces; a llama2.c vocabulary has at least the 3 "
                    + "special and 256 byte pieces");
        }
        this.dummyPrefix = space;
    }

    /** Reads a {@code tok*.bin} file; a truncated or inconsistent file is an error naming the piece. */
    public static Llama2cTokenizer read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot read llama2.c tokenizer: " + e.getMessage(), e);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 4) {
            throw new ModelFormatException(file + ": " + bytes.length + " bytes, too short for a llama2.c tokenizer");
        }
        int maxLength = b.getInt();
        if (maxLength <= 0 || maxLength > 1 << 16) {
            throw new ModelFormatException(file + ": max_token_length is " + maxLength + "; expected 1..65536 (is this a "
                    + "llama2.c tok*.bin?)");
        }
        List<byte[]> pieces = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        while (b.hasRemaining()) {
            int id = pieces.size();
            if (b.remaining() < 8) {
                throw new ModelFormatException(file + ": piece " + id + " is truncated (" + b.remaining() + " bytes left, "
                        + "a score and a length need 8)");
            }
            float score = b.getFloat();
            int len = b.getInt();
            if (len < 0 || len > maxLength || len > b.remaining()) {
                throw new ModelFormatException(file + ": piece " + id + " has length " + len + "; expected 0.." + maxLength
                        + " with " + b.remaining() + " bytes left");
            }
            if (!Float.isFinite(score)) {
                throw new ModelFormatException(file + ": piece " + id + " has score " + score);
            }
            byte[] piece = new byte[len];
            b.get(piece);
            pieces.add(piece);
            scores.add(score);
        }
        float[] s = new float[scores.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores.get(i);
        }
        return new Llama2cTokenizer(file.toString(), pieces.toArray(byte[][]::new), s);
    }

    /**
     * The tokenizer of the llama2.c checkpoint {@code model}: {@code given} when set (a {@code tok*.bin}
     * file, or a directory holding one), else the {@code tok*.bin} or {@code tokenizer.bin} beside the
     * checkpoint. Among several, the one with exactly {@code vocab} pieces; none or an ambiguous choice
     * is an error listing what was found.
     */
    public static Llama2cTokenizer forCheckpoint(Path model, java.util.Optional<Path> given, int vocab) {
        Path where = given.orElse(model.toAbsolutePath().getParent());
        if (Files.isRegularFile(where)) {
            return checked(read(where), vocab, model);
        }
        List<Path> candidates;
        try (java.util.stream.Stream<Path> files = Files.list(where)) {
            candidates = files.filter(f -> {
                String n = f.getFileName().toString();
                return Files.isRegularFile(f) && n.endsWith(".bin") && (n.startsWith("tok") || n.equals("tokenizer.bin"))
                        && !f.toAbsolutePath().equals(model.toAbsolutePath());
            }).sorted().toList();
        } catch (IOException e) {
            throw new ModelFormatException(where + ": cannot list llama2.c tokenizers: " + e.getMessage(), e);
        }
        List<Llama2cTokenizer> fitting = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Path c : candidates) {
            Llama2cTokenizer t = read(c);
            seen.add(c.getFileName() + " (" + t.vocabularySize() + " pieces)");
            if (t.vocabularySize() == vocab) {
                fitting.add(t);
            }
        }
        if (fitting.size() != 1) {
            throw new ModelFormatException(model + ": needs a llama2.c tokenizer of " + vocab + " pieces; " + where + " has "
                    + (seen.isEmpty() ? "no tok*.bin or tokenizer.bin" : String.join(", ", seen))
                    + (fitting.size() > 1 ? " (more than one fits)" : "") + "; pass --tokenizer <tok.bin>");
        }
        return fitting.getFirst();
    }

    private static Llama2cTokenizer checked(Llama2cTokenizer t, int vocab, Path model) {
        if (t.vocabularySize() != vocab) {
            throw new ModelFormatException(t.source + " has " + t.vocabularySize() + " pieces but " + model + "'s vocab_size is "
                    + vocab + "; they do not belong together");
        }
        return t;
    }

    /** A token being merged: its piece key and the UTF-8 byte range of the (prefixed) text it covers. */
    private static final class Node {
        String key;
        int id;
        final int from;
        int to;
        Node prev, next;
        int version;
        boolean alive = true;

        Node(String key, int id, int from, int to) {
            this.key = key;
            this.id = id;
            this.from = from;
            this.to = to;
        }
    }

    private record Candidate(Node left, Node right, int leftVersion, int rightVersion, float score, int id) {
    }

    @Override
    public TokenizedText encode(String text) {
        byte[] utf8 = (text.isEmpty() ? "" : " " + text).getBytes(StandardCharsets.UTF_8);
        // charAt[b]: the index in `text` of the char that byte b of the prefixed text encodes (-1 for the prefix).
        int[] charAt = new int[utf8.length + 1];
        List<Node> initial = new ArrayList<>();
        int pos = 0;
        if (!text.isEmpty()) {
            charAt[0] = -1;
            initial.add(new Node(" ", dummyPrefix, 0, 1));
            pos = 1;
        }
        for (int c = 0; c < text.length(); ) {
            int cp = text.codePointAt(c);
            int chars = Character.charCount(cp);
            byte[] cb = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            for (int k = 0; k < cb.length; k++) {
                charAt[pos + k] = c;
            }
            String key = new String(cb, StandardCharsets.ISO_8859_1);
            Integer id = ids.get(key);
            if (id != null) {
                initial.add(new Node(key, id, pos, pos + cb.length));
            } else {
                for (int k = 0; k < cb.length; k++) {
                    int byteId = (cb[k] & 0xff) + BYTE_OFFSET;
                    initial.add(new Node(new String(pieces[byteId], StandardCharsets.ISO_8859_1), byteId, pos + k, pos + k + 1));
                }
            }
            pos += cb.length;
            c += chars;
        }
        charAt[utf8.length] = text.length();
        for (int i = 1; i < initial.size(); i++) {
            initial.get(i - 1).next = initial.get(i);
            initial.get(i).prev = initial.get(i - 1);
        }
        PriorityQueue<Candidate> queue = new PriorityQueue<>((x, y) -> x.score() != y.score()
                ? Float.compare(y.score(), x.score()) : Integer.compare(x.left().from, y.left().from));
        for (Node n : initial) {
            offer(queue, n, n.next);
        }
        while (!queue.isEmpty()) {
            Candidate c = queue.poll();
            Node l = c.left(), r = c.right();
            if (!l.alive || !r.alive || l.next != r || l.version != c.leftVersion() || r.version != c.rightVersion()) {
                continue; // stale: one side has merged since
            }
            l.key = l.key + r.key;
            l.id = c.id();
            l.to = r.to;
            l.version++;
            r.alive = false;
            l.next = r.next;
            if (r.next != null) {
                r.next.prev = l;
            }
            offer(queue, l.prev, l);
            offer(queue, l, l.next);
        }
        List<Node> out = new ArrayList<>();
        for (Node n = initial.isEmpty() ? null : initial.getFirst(); n != null; n = n.next) {
            out.add(n);
        }
        long[] idsOut = new long[out.size() + 1];
        int[] starts = new int[idsOut.length];
        int[] ends = new int[idsOut.length];
        idsOut[0] = BOS;
        starts[0] = -1;
        ends[0] = -1;
        for (int i = 0; i < out.size(); i++) {
            Node n = out.get(i);
            idsOut[i + 1] = n.id;
            starts[i + 1] = Math.max(0, charAt[n.from]);
            int lastChar = charAt[n.to - 1];
            ends[i + 1] = lastChar < 0 ? 0 : lastChar + Character.charCount(text.codePointAt(lastChar));
        }
        return new TokenizedText(text, idsOut, starts, ends);
    }

    private void offer(PriorityQueue<Candidate> queue, Node left, Node right) {
        if (left == null || right == null) {
            return;
        }
        Integer id = ids.get(left.key + right.key);
        if (id != null) {
            queue.add(new Candidate(left, right, left.version, right.version, scores[id], id));
        }
    }

    /**
     * The text of {@code ids} as {@code run.c} prints it: byte pieces become their byte, and a piece
     * right after {@code <s>} loses its leading space (the dummy prefix). A {@code <s>} in first place,
     * which {@link #encode} adds, is not printed, so that decoding an encoding gives back the text;
     * other special pieces print as they are stored ({@code "\n</s>\n"}).
     */
    @Override
    public String decode(long[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long previous = -1;
        for (int i = 0; i < ids.length; i++) {
            long id = ids[i];
            if (id < 0 || id >= pieces.length) {
                throw new IllegalArgumentException("token id " + id + " is outside " + source + "'s " + pieces.length + " pieces");
            }
            if (i == 0 && id == BOS) {
                previous = id;
                continue;
            }
            byte[] piece = pieces[(int) id];
            int byteValue = byteOf(piece);
            if (byteValue >= 0) {
                out.write(byteValue);
            } else {
                int skip = previous == BOS && piece.length > 0 && piece[0] == ' ' ? 1 : 0;
                out.write(piece, skip, piece.length - skip);
            }
            previous = id;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The byte a {@code <0xXX>} piece stands for, else −1. */
    private static int byteOf(byte[] piece) {
        if (piece.length != 6 || piece[0] != '<' || piece[1] != '0' || piece[2] != 'x' || piece[5] != '>') {
            return -1;
        }
        int hi = Character.digit(piece[3], 16), lo = Character.digit(piece[4], 16);
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    @Override
    public int vocabularySize() {
        return pieces.length;
    }

    @Override
    public String describe() {
        return "llama2.c " + source;
    }
}
