package org.brainalign.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.brainalign.models.config.ConfigLoader;
import org.brainalign.models.config.ModelConfig;
import org.brainalign.models.nn.Architecture;
import org.brainalign.models.nn.ForwardOutput;
import org.brainalign.models.nn.ForwardRequest;
import org.brainalign.models.nn.HalfTensor;
import org.brainalign.models.nn.ParamSpec;
import org.brainalign.models.nn.TransformerModel;
import org.brainalign.models.safetensors.Checkpoint;
import org.brainalign.models.untrained.UntrainedWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Matrices held as 16-bit values and expanded to float32 for each step. A bf16 checkpoint held as
 * bf16 gives exactly what the same checkpoint read as float32 gives (bf16 → float32 is exact and
 * both multiply in float32; bound 1e-6 relative, float32 summation noise only). Untrained weights
 * generated as bf16 differ from their float32 draw by bf16's rounding: each weight by at most 2^−9
 * relative, so over the 2 + 4·L matrices on a 3-layer decoder's path the activations by at most about
 * 14·2^−9 ≈ 0.027 relative (first order), and not by nothing.
 */
class HalfPrecisionTest {
    @TempDir
    Path tmp;

    static final String CONFIG = "{\"model_type\": \"qwen2\", \"num_hidden_layers\": 3, \"hidden_size\": 32, "
            + "\"num_attention_heads\": 4, \"num_key_value_heads\": 2, \"intermediate_size\": 40, \"vocab_size\": 96, "
            + "\"max_position_embeddings\": 64, \"rope_theta\": 10000.0, \"rms_norm_eps\": 1e-6, \"tie_word_embeddings\": false}";

    /** Writes every parameter as BF16 (random bf16 values, so the file's bits are the values). */
    private static void writeBf16Checkpoint(Path dir, ModelConfig config) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), CONFIG);
        Files.writeString(dir.resolve("tokenizer.json"), "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,"
                + "\"added_tokens\":[],\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"WhitespaceSplit\"},"
                + "\"post_processor\":null,\"decoder\":null,\"model\":{\"type\":\"WordLevel\","
                + "\"vocab\":{\"[UNK]\":0,\"the\":1,\"brain\":2,\"reads\":3},\"unk_token\":\"[UNK]\"}}");
        Random random = new Random(3);
        JsonObject header = new JsonObject();
        List<ParamSpec> specs = TransformerModel.parameterSpecs(config).stream().sorted(java.util.Comparator.comparing(ParamSpec::name))
                .toList();
        long offset = 0;
        ByteBuffer data = ByteBuffer.allocate((int) specs.stream().mapToLong(s -> 2 * s.elementCount()).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        for (ParamSpec s : specs) {
            JsonObject t = new JsonObject();
            t.addProperty("dtype", "BF16");
            JsonArray shape = new JsonArray();
            for (long d : s.shape()) {
                shape.add(d);
            }
            t.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += 2 * s.elementCount();
            offsets.add(offset);
            t.add("data_offsets", offsets);
            header.add(s.name(), t);
            boolean norm = s.name().endsWith("norm.weight");
            for (long i = 0; i < s.elementCount(); i++) {
                float v = (float) (norm ? 1 + 0.3 * random.nextGaussian() : 0.25 * random.nextGaussian());
                data.putShort((short) (Float.floatToRawIntBits(v) >>> 16)); // a bf16 value: float32's upper half
            }
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer file = ByteBuffer.allocate(8 + padded + data.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            file.put((byte) ' ');
        }
        file.put(data.array());
        Files.write(dir.resolve("model.safetensors"), file.array());
    }

    private static float[][] run(TransformerModel model, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            ForwardOutput out = model.forward(scope, new long[][] {{5, 17, 3, 88, 42, 0, 61, 9}}, ForwardRequest.allLayers(model, true));
            int[] hs = model.hiddenStateLayers();
            float[][] all = new float[hs.length + 1][];
            for (int i = 0; i < hs.length; i++) {
                all[i] = out.layer(hs[i]).toFloatArray();
            }
            all[hs.length] = out.logits().toFloatArray();
            return all;
        }
    }

    @Test
    void aBf16CheckpointHeldAs16BitGivesWhatItsFloat32ReadingGives() throws Exception {
        ModelConfig config = ConfigLoader.parse("qwen2", CONFIG);
        Path dir = tmp.resolve("bf16");
        writeBf16Checkpoint(dir, config);
        Architecture<?> arch = Architecture.forConfig(config);
        try (NDManager manager = NDManager.newBaseManager(); Checkpoint checkpoint = Checkpoint.open(dir)) {
            assertThat(ModelLoader.storedHalf(config, checkpoint)).isEqualTo(HalfTensor.Kind.BF16);
            try (TransformerModel half = arch.create(config, ModelLoader.weightsFor(config, checkpoint), manager, HalfTensor.Kind.BF16);
                 TransformerModel full = arch.create(config, ModelLoader.weightsFor(config, checkpoint), manager, null)) {
                assertThat(half.halfPrecision()).contains(HalfTensor.Kind.BF16);
                assertThat(full.halfPrecision()).isEmpty();
                assertThat(half.parameterCount()).isEqualTo(full.parameterCount());
                float[][] a = run(half, manager);
                float[][] b = run(full, manager);
                for (int i = 0; i < a.length; i++) {
                    assertThat(TestData.maxRelativeError(a[i], 0, b[i])).as("output %d", i).isLessThanOrEqualTo(1e-6);
                }
            }
        }
    }

    /** Bytes of the float32 vectors (norms, biases) of {@code config}'s parameters: what a 16-bit model allocates besides its matrices. */
    private static long vectorBytes(ModelConfig config) {
        return TransformerModel.parameterSpecs(config).stream().filter(s -> s.shape().length < 2)
                .mapToLong(s -> s.elementCount() * Float.BYTES).sum();
    }

    @Test
    void aBf16CheckpointsMatricesAreTheMappedFileNotACopy() throws Exception {
        ModelConfig config = ConfigLoader.parse("qwen2", CONFIG);
        Path dir = tmp.resolve("bf16");
        writeBf16Checkpoint(dir, config);
        try (NDManager manager = NDManager.newBaseManager();
             LoadedModel model = ModelLoader.open(dir.toString(), ModelLoader.Options.defaults(), manager)) {
            TransformerModel network = model.network();
            assertThat(network.halfPrecision()).contains(HalfTensor.Kind.BF16);
            assertThat(network.allocatedParameterBytes()).as("only the float32 vectors are allocated")
                    .isEqualTo(vectorBytes(config));
            float[][] mapped = run(network, manager);
            try (Checkpoint checkpoint = Checkpoint.open(dir);
                 TransformerModel full = Architecture.forConfig(config).create(config, ModelLoader.weightsFor(config, checkpoint),
                         manager, null)) {
                float[][] copied = run(full, manager);
                for (int i = 0; i < mapped.length; i++) {
                    assertThat(TestData.maxRelativeError(mapped[i], 0, copied[i])).as("output %d", i).isLessThanOrEqualTo(1e-6);
                }
            }
        }
    }

    @Test
    void aNonFiniteValueInAMappedBf16MatrixIsRefusedWithItsTensorNamed() throws Exception {
        ModelConfig config = ConfigLoader.parse("qwen2", CONFIG);
        Path dir = tmp.resolve("nan");
        writeBf16Checkpoint(dir, config);
        Path file = dir.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        JsonObject header = com.google.gson.JsonParser.parseString(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8))
                .getAsJsonObject();
        String victim = "model.layers.1.mlp.up_proj.weight";
        long begin = header.getAsJsonObject(victim).getAsJsonArray("data_offsets").get(0).getAsLong();
        int at = (int) (8 + headerLength + begin + 2 * 7);
        bytes[at] = (byte) 0xC0; // bf16 0x7FC0: NaN, little-endian
        bytes[at + 1] = (byte) 0x7F;
        Files.write(file, bytes);
        try (NDManager manager = NDManager.newBaseManager()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelLoader.open(dir.toString(), ModelLoader.Options.defaults(), manager))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining(victim).hasMessageContaining("1 non-finite");
        }
    }

    @Test
    void anUntrainedBf16ModelDrawsItsHeadOnlyWhenLogitsAreAsked() {
        ModelConfig config = ConfigLoader.parse("qwen2", CONFIG);
        long head = 2L * 96 * 32;
        try (NDManager manager = NDManager.newBaseManager();
             TransformerModel model = Architecture.forConfig(config).create(config, new UntrainedWeights(7), manager,
                     HalfTensor.Kind.BF16)) {
            long all = vectorBytes(config) + 2 * (model.parameterCount() - vectorBytes(config) / Float.BYTES);
            assertThat(model.allocatedParameterBytes()).as("nothing drawn before use").isEqualTo(vectorBytes(config));
            try (NDManager scope = manager.newSubManager()) {
                model.forward(scope, new long[][] {{5, 17, 3}}, ForwardRequest.allLayers(model, false));
            }
            assertThat(model.allocatedParameterBytes()).as("hidden states only: the head stays undrawn").isEqualTo(all - head);
            run(model, manager);
            assertThat(model.allocatedParameterBytes()).as("logits asked: the head is drawn").isEqualTo(all);
        }
    }

    @Test
    void untrainedWeightsDrawnAsBf16DifferFromFloat32ByBf16RoundingOnly() {
        ModelConfig config = ConfigLoader.parse("qwen2", CONFIG);
        Architecture<?> arch = Architecture.forConfig(config);
        try (NDManager manager = NDManager.newBaseManager();
             TransformerModel half = arch.create(config, new UntrainedWeights(7), manager, HalfTensor.Kind.BF16);
             TransformerModel full = arch.create(config, new UntrainedWeights(7), manager, null)) {
            float[][] a = run(half, manager);
            float[][] b = run(full, manager);
            double bound = 14 * Math.pow(2, -9);
            double largest = 0;
            for (int i = 0; i < a.length; i++) {
                double e = TestData.maxRelativeError(a[i], 0, b[i]);
                assertThat(e).as("output %d", i).isLessThanOrEqualTo(bound);
                largest = Math.max(largest, e);
            }
            assertThat(largest).as("bf16 rounding shows").isGreaterThan(1e-5);
        }
    }
}
