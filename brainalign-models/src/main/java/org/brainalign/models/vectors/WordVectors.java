package org.brainalign.models.vectors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.brainalign.models.ModelFormatException;

/**
 * Word vectors in Stanford's GloVe text format ({@code glove.6B.100d.txt}, {@code glove.840B.300d.txt}):
 * one word per line, the word then its values, separated by single spaces, no header. The dimension is
 * that of the first line; a line's last {@code dims} fields are its vector and everything before them is
 * its word (a few 840B words contain spaces). Opening reads the file once as a stream and checks every
 * line — the field count, every value a finite number, valid UTF-8 — and any malformed line is an
 * error naming the file and the line number. It keeps only each word's byte offset and length (the
 * first occurrence of a repeated word wins, as in gensim), and {@link #vector} reads the line again, so
 * a 5 GB file needs memory for its index only.
 */
public final class WordVectors implements AutoCloseable {
    private static final int MAX_LINE = 1 << 20;

    private final Path file;
    private final int dims;
    private final Map<String, Long> index;
    private final FileChannel channel;
    private final boolean cased;

    private WordVectors(Path file, int dims, Map<String, Long> index, FileChannel channel, boolean cased) {
        this.cased = cased;
        this.file = file;
        this.dims = dims;
        this.index = index;
        this.channel = channel;
    }

    /** Opens and validates {@code file}. */
    public static WordVectors open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file + ": no such word-vector file");
        }
        Map<String, Long> index = new HashMap<>();
        int dims = -1;
        boolean cased = false;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            byte[] line = new byte[1024];
            int len = 0;
            long lineStart = 0, pos = 0, lineNo = 0;
            int n;
            boolean eof = false;
            while (!eof) {
                n = in.read(buf);
                eof = n < 0;
                int limit = eof ? 0 : n;
                for (int i = 0; i <= limit; i++) {
                    boolean end = i < limit ? buf[i] == '\n' : eof && len > 0;
                    if (i == limit && !end) {
                        break;
                    }
                    if (!end) {
                        if (len == line.length) {
                            if (len >= MAX_LINE) {
                                throw new ModelFormatException(file + ": line " + (lineNo + 1) + " is longer than " + MAX_LINE
                                        + " bytes; not a GloVe text file");
                            }
                            line = java.util.Arrays.copyOf(line, len * 2);
                        }
                        line[len++] = buf[i];
                        pos++;
                        continue;
                    }
                    lineNo++;
                    int content = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
                    String text = decode(line, content, file, lineNo);
                    if (lineNo == 1 && text.startsWith("\uFEFF")) {
                        text = text.substring(1); // a byte-order mark (an editor's) is not part of the first word
                    }
                    String[] fields = text.split(" ", -1);
                    if (dims < 0) {
                        dims = fields.length - 1;
                        if (dims < 1) {
                            throw new ModelFormatException(file + ": line 1 has no values after the word; expected 'word v1 v2 …'");
                        }
                    }
                    if (fields.length < dims + 1) {
                        throw new ModelFormatException(file + ": line " + lineNo + " has " + (fields.length - 1) + " values; "
                                + "expected " + dims + " (the dimension of line 1)");
                    }
                    int wordFields = fields.length - dims;
                    // A word may contain spaces (glove.840B has a few), but not a number right after its first
                    // field: that is a line with more values than line 1.
                    if (wordFields > 1 && decimal(fields[1]) != null) {
                        throw new ModelFormatException(file + ": line " + lineNo + " has " + (fields.length - 1) + " values; "
                                + "expected " + dims + " (the dimension of line 1)");
                    }
                    String word = wordFields == 1 ? fields[0] : String.join(" ", java.util.Arrays.copyOf(fields, wordFields));
                    if (word.isEmpty() && wordFields == 1) {
                        throw new ModelFormatException(file + ": line " + lineNo + " starts with a space; expected 'word v1 v2 …'");
                    }
                    for (int f = wordFields; f < fields.length; f++) {
                        parse(fields[f], file, lineNo, f - wordFields + 1);
                    }
                    if (len > 0xFFFFF || lineStart > 0xFFFFFFFFFFL) {
                        throw new ModelFormatException(file + ": line " + lineNo + " is beyond the index's 1 TB / 1 MiB limits");
                    }
                    index.putIfAbsent(word, lineStart << 24 | content);
                    cased |= !word.equals(word.toLowerCase(java.util.Locale.ROOT));
                    if (i < limit) {
                        pos++; // the newline
                    }
                    lineStart = pos;
                    len = 0;
                }
            }
            if (index.isEmpty()) {
                throw new ModelFormatException(file + ": empty; expected GloVe lines 'word v1 v2 …'");
            }
            return new WordVectors(file, dims, index, FileChannel.open(file, StandardOpenOption.READ), cased);
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot read word vectors: " + e.getMessage(), e);
        }
    }

    private static String decode(byte[] line, int len, Path file, long lineNo) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line, 0, len)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(file + ": line " + lineNo + " is not valid UTF-8");
        }
    }

    /** The value of a decimal number as GloVe writes it (digits, sign, point, exponent), or null; Java's extras such as "1f", "NaN" or hex are not decimals. */
    private static Float decimal(String field) {
        if (field.isEmpty()) {
            return null;
        }
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                return null;
            }
        }
        try {
            return Float.parseFloat(field);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static float parse(String field, Path file, long lineNo, int column) {
        Float v = decimal(field);
        if (v == null || !Float.isFinite(v)) {
            throw new ModelFormatException(file + ": line " + lineNo + ", value " + column + " is '" + abbreviate(field)
                    + "'; expected a finite decimal number");
        }
        return v;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** The vector of {@code word} as written (no case folding), or empty when it has none. */
    public Optional<float[]> vector(String word) {
        Long entry = index.get(word);
        if (entry == null) {
            return Optional.empty();
        }
        long offset = entry >>> 24;
        int length = (int) (entry & 0xFFFFFF);
        ByteBuffer b = ByteBuffer.allocate(length);
        try {
            while (b.hasRemaining()) {
                if (channel.read(b, offset + b.position()) < 0) {
                    throw new ModelFormatException(file + " shrank while open (reading '" + word + "')");
                }
            }
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot read the vector of '" + word + "': " + e.getMessage(), e);
        }
        String[] fields = new String(b.array(), StandardCharsets.UTF_8).split(" ", -1);
        float[] v = new float[dims];
        for (int d = 0; d < dims; d++) {
            v[d] = Float.parseFloat(fields[fields.length - dims + d]);
        }
        return Optional.of(v);
    }

    /** Whether any word has upper-case letters (840B is cased; 6B is not). */
    public boolean cased() {
        return cased;
    }

    /** The vector length. */
    public int dims() {
        return dims;
    }

    /** The number of distinct words. */
    public int size() {
        return index.size();
    }

    /** The file, for ids and messages. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written; a failed close of a read-only channel loses nothing
        }
    }
}
