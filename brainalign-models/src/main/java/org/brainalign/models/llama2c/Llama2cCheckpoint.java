package org.brainalign.models.llama2c;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.brainalign.models.ModelFormatException;
import org.brainalign.models.config.Activation;
import org.brainalign.models.config.DecoderConfig;
import org.brainalign.models.config.RopeScaling;
import org.brainalign.models.safetensors.MemoryTensors;

/**
 * A checkpoint in llama2.c's legacy format ({@code run.c}'s {@code stories*.bin}), read into the
 * Llama family. The file is a header of seven little-endian int32 ({@code dim, hidden_dim, n_layers,
 * n_heads, n_kv_heads, vocab_size, seq_len}; a negative vocab size means the classifier is stored
 * separately) followed by fp32 tensors in a fixed order: token embedding, every layer's attention
 * RMSNorm, wq, wk, wv, wo, every layer's FFN RMSNorm, w1, w2, w3, the final RMSNorm, the old format's
 * RoPE tables (skipped; RoPE is recomputed) and the optional classifier.
 *
 * <p>The header is checked before anything is allocated: every size positive, the heads dividing the
 * width, and the file exactly as long as the header implies. llama2.c rotates adjacent pairs
 * {@code (2i, 2i+1)} of each head, HuggingFace's Llama the halves {@code (i, i + d/2)}; the query and
 * key rows of each head are permuted (pair element e of pair p goes to row {@code e·d/2 + p}) so that
 * the HuggingFace forward computes exactly {@code run.c}'s. RMSNorm eps is {@code run.c}'s 1e-5,
 * RoPE theta 10000.
 *
 * @param config the Llama configuration the header implies
 * @param tensors the weights under HuggingFace's names
 */
public record Llama2cCheckpoint(DecoderConfig config, MemoryTensors tensors) {

    /** llama2.c's {@code rmsnorm} epsilon. */
    public static final double RMS_EPS = 1e-5;
    /** llama2.c's RoPE base. */
    public static final double ROPE_THETA = 10000.0;
    private static final int HEADER_BYTES = 7 * Integer.BYTES;
    /** First int32 of llama2.c's newer {@code export.py} formats (version 1 and 2): "ak42". */
    private static final int MAGIC_V1 = 0x616b3432;

    /** The seven header fields. */
    record Header(int dim, int hiddenDim, int layers, int heads, int kvHeads, int vocab, boolean sharedClassifier,
                  int seqLen) {
        int headSize() {
            return dim / heads;
        }

        /** fp32 values after the header. */
        long floats() {
            long d = dim;
            long kv = (long) kvHeads * headSize();
            // Exact arithmetic: a corrupt header must not wrap around into a plausible size.
            long perLayer = Math.addExact(Math.addExact(2 * d, Math.multiplyExact(2 * d, d)),
                    Math.addExact(Math.multiplyExact(2 * d, kv), Math.multiplyExact(3 * d, hiddenDim)));
            long total = Math.addExact(Math.addExact(Math.multiplyExact(vocab, d), Math.multiplyExact(layers, perLayer)),
                    d + (long) seqLen * headSize());
            return sharedClassifier ? total : Math.addExact(total, Math.multiplyExact(vocab, d));
        }
    }

    /** Reads {@code file}; any inconsistency is a {@link ModelFormatException} naming the file and field. */
    public static Llama2cCheckpoint read(Path file) {
        String where = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = checkedHeader(ch, where);
            FloatBuffer data = ch.map(FileChannel.MapMode.READ_ONLY, HEADER_BYTES, ch.size() - HEADER_BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            return new Llama2cCheckpoint(config(header), tensors(header, data, where));
        } catch (IOException e) {
            throw new ModelFormatException(where + ": cannot read llama2.c checkpoint: " + e.getMessage(), e);
        }
    }

    /** The configuration of {@code file}, checked against the file's length, without reading the weights. */
    public static DecoderConfig readConfig(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return config(checkedHeader(ch, file.toString()));
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot read llama2.c checkpoint: " + e.getMessage(), e);
        }
    }

    /** Whether {@code path} is written as a llama2.c checkpoint: a regular file named {@code *.bin}. */
    public static boolean isCheckpointName(Path path) {
        return path.getFileName() != null && path.getFileName().toString().endsWith(".bin") && Files.isRegularFile(path);
    }

    private static Header checkedHeader(FileChannel ch, String where) throws IOException {
        long size = ch.size();
        if (size < HEADER_BYTES) {
            throw new ModelFormatException(where + ": " + size + " bytes, shorter than llama2.c's 28-byte header");
        }
        ByteBuffer head = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, head, 0, where);
        head.flip();
        int[] h = new int[7];
        for (int i = 0; i < 7; i++) {
            h[i] = head.getInt();
        }
        if (h[0] == MAGIC_V1) {
            throw new ModelFormatException(where + ": starts with the magic 'ak42' of llama2.c's export version " + h[1]
                    + "; only the legacy format (run.c's, without magic) is read — export with --version 0");
        }
        Header header = header(h, where);
        long expected;
        try {
            expected = Math.addExact(HEADER_BYTES, Math.multiplyExact(4, header.floats()));
        } catch (ArithmeticException e) {
            throw new ModelFormatException(where + ": the header's sizes " + java.util.Arrays.toString(h)
                    + " overflow any file size; not a llama2.c checkpoint");
        }
        long classifierBytes = 4L * header.vocab() * header.dim();
        long alternative = header.sharedClassifier() ? expected + classifierBytes : expected - classifierBytes;
        if (size != expected) {
            throw new ModelFormatException(where + ": the header (dim " + header.dim() + ", hidden_dim " + header.hiddenDim()
                    + ", n_layers " + header.layers() + ", n_heads " + header.heads() + ", n_kv_heads " + header.kvHeads()
                    + ", vocab_size " + (header.sharedClassifier() ? "" : "-") + header.vocab() + ", seq_len " + header.seqLen()
                    + ") implies " + expected + " bytes but the file has " + size
                    + (size == alternative ? " — the size with" + (header.sharedClassifier() ? "" : "out") + " a separate "
                    + "classifier; the sign of vocab_size is wrong" : size < expected ? " (truncated?)" : ""));
        }
        return header;
    }

    private static Header header(int[] h, String where) {
        String[] names = {"dim", "hidden_dim", "n_layers", "n_heads", "n_kv_heads", "vocab_size", "seq_len"};
        for (int i = 0; i < 7; i++) {
            if (i != 5 && h[i] <= 0 || i == 5 && (h[i] == 0 || h[i] == Integer.MIN_VALUE)) {
                throw new ModelFormatException(where + ": header field " + names[i] + " is " + h[i] + "; expected a positive "
                        + "number (is this a llama2.c checkpoint?)");
            }
        }
        if (h[0] % h[3] != 0 || (h[0] / h[3]) % 2 != 0) {
            throw new ModelFormatException(where + ": dim " + h[0] + " is not n_heads " + h[3] + " times an even head size");
        }
        if (h[4] > h[3] || h[3] % h[4] != 0) {
            throw new ModelFormatException(where + ": n_heads " + h[3] + " is not a multiple of n_kv_heads " + h[4]);
        }
        return new Header(h[0], h[1], h[2], h[3], h[4], Math.abs(h[5]), h[5] > 0, h[6]);
    }

    private static DecoderConfig config(Header h) {
        return DecoderConfig.llama(h.layers(), h.dim(), h.heads(), h.kvHeads(), h.headSize(), h.hiddenDim(), h.vocab(), h.seqLen(),
                RMS_EPS, ROPE_THETA, RopeScaling.NONE, false, false, Activation.SILU, 0.02, h.sharedClassifier(), null);
    }

    private static MemoryTensors tensors(Header h, FloatBuffer data, String where) {
        int d = h.dim();
        int hs = h.headSize();
        int kv = h.kvHeads() * hs;
        int f = h.hiddenDim();
        int layers = h.layers();
        MemoryTensors t = new MemoryTensors(where);
        t.put("model.embed_tokens.weight", new long[] {h.vocab(), d}, take(data, (long) h.vocab() * d));
        float[][] attnNorm = per(data, layers, d);
        float[][] wq = per(data, layers, (long) d * d);
        float[][] wk = per(data, layers, (long) kv * d);
        float[][] wv = per(data, layers, (long) kv * d);
        float[][] wo = per(data, layers, (long) d * d);
        float[][] ffnNorm = per(data, layers, d);
        float[][] w1 = per(data, layers, (long) f * d);
        float[][] w2 = per(data, layers, (long) d * f);
        float[][] w3 = per(data, layers, (long) f * d);
        float[] norm = take(data, d);
        data.position(data.position() + h.seqLen() * hs); // freq_cis_real and freq_cis_imag: seq_len * head_size / 2 each
        for (int i = 0; i < layers; i++) {
            String l = "model.layers." + i + ".";
            t.put(l + "input_layernorm.weight", new long[] {d}, attnNorm[i]);
            t.put(l + "self_attn.q_proj.weight", new long[] {d, d}, pairsToHalves(wq[i], h.heads(), hs, d));
            t.put(l + "self_attn.k_proj.weight", new long[] {kv, d}, pairsToHalves(wk[i], h.kvHeads(), hs, d));
            t.put(l + "self_attn.v_proj.weight", new long[] {kv, d}, wv[i]);
            t.put(l + "self_attn.o_proj.weight", new long[] {d, d}, wo[i]);
            t.put(l + "post_attention_layernorm.weight", new long[] {d}, ffnNorm[i]);
            t.put(l + "mlp.gate_proj.weight", new long[] {f, d}, w1[i]);
            t.put(l + "mlp.up_proj.weight", new long[] {f, d}, w3[i]);
            t.put(l + "mlp.down_proj.weight", new long[] {d, f}, w2[i]);
        }
        t.put("model.norm.weight", new long[] {d}, norm);
        if (!h.sharedClassifier()) {
            t.put("lm_head.weight", new long[] {h.vocab(), d}, take(data, (long) h.vocab() * d));
        }
        if (data.hasRemaining()) {
            throw new IllegalStateException(where + ": " + data.remaining() + " floats left after the last tensor");
        }
        return t;
    }

    /**
     * Reorders the rows of a [heads·headSize, cols] projection from llama2.c's interleaved rotary pairs
     * to HuggingFace's halves: within each head, row {@code 2p + e} moves to {@code e·headSize/2 + p}.
     */
    static float[] pairsToHalves(float[] w, int heads, int headSize, int cols) {
        float[] out = new float[w.length];
        int half = headSize / 2;
        for (int hd = 0; hd < heads; hd++) {
            for (int p = 0; p < half; p++) {
                for (int e = 0; e < 2; e++) {
                    int from = hd * headSize + 2 * p + e;
                    int to = hd * headSize + e * half + p;
                    System.arraycopy(w, from * cols, out, to * cols, cols);
                }
            }
        }
        return out;
    }

    private static float[][] per(FloatBuffer data, int layers, long each) {
        float[][] out = new float[layers][];
        for (int i = 0; i < layers; i++) {
            out[i] = take(data, each);
        }
        return out;
    }

    private static float[] take(FloatBuffer data, long n) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException("llama2.c tensor of " + n + " values exceeds one Java array");
        }
        float[] out = new float[(int) n];
        data.get(out);
        return out;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long at, String where) throws IOException {
        long pos = at;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new ModelFormatException(where + ": ended inside the header");
            }
            pos += n;
        }
    }
}
