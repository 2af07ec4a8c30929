package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.brainalign.models.config.ConfigLoader;
import org.brainalign.models.config.ModelConfig;
import org.brainalign.models.nn.ParamSpec;
import org.brainalign.models.nn.TransformerModel;
import org.brainalign.models.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bf16 checkpoint scored through the command line, its matrices held as 16-bit values (views of
 * the mapped file) and expanded to float32 per step, scores what the same values written as
 * float32 score: every layer of Tuckute2024-ridge and Futrell2018-pearsonr within 1e-3 (the issue's
 * bound; bf16 → float32 is exact, so only float32 summation order can differ, far below it).
 */
class HalfPrecisionScoreTest {
    @TempDir
    Path tmp;

    /** Writes {@code values} as one safetensors file of BF16 tensors (each value must be a bf16 value). */
    private static void writeBf16(Path file, List<ParamSpec> specs, List<float[]> values) throws Exception {
        JsonObject header = new JsonObject();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        long offset = 0;
        for (int s = 0; s < specs.size(); s++) {
            ParamSpec p = specs.get(s);
            JsonObject t = new JsonObject();
            t.addProperty("dtype", "BF16");
            JsonArray shape = new JsonArray();
            for (long d : p.shape()) {
                shape.add(d);
            }
            t.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += 2 * p.elementCount();
            offsets.add(offset);
            t.add("data_offsets", offsets);
            header.add(p.name(), t);
            ByteBuffer b = ByteBuffer.allocate(2 * values.get(s).length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values.get(s)) {
                b.putShort((short) (Float.floatToRawIntBits(v) >>> 16));
            }
            data.write(b.array());
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(head.array());
        data.writeTo(bytes);
        Files.write(file, bytes.toByteArray());
    }

    private JsonObject score(Path dir, String name) throws Exception {
        Path out = tmp.resolve(name + ".json");
        CliTest.Run r = CliTest.run("score", "--model", dir.toString(), "--benchmark", "Tuckute2024-ridge,Futrell2018-pearsonr",
                "--layers", "all", "--full", "--cache-dir", tmp.resolve("cache-" + name).toString(), "--store",
                tmp.resolve(name + ".db").toString(), "--out", out.toString(), "--no-progress", "--no-activation-cache");
        assertThat(r.code()).as(r.err()).isZero();
        return JsonParser.parseString(Files.readString(out)).getAsJsonObject();
    }

    @Test
    void aBf16CheckpointScoresWhatItsFloat32CopyScores() throws Exception {
        String config = NewFamiliesCliTest.config("qwen2");
        ModelConfig parsed = ConfigLoader.parse("qwen2", config);
        List<ParamSpec> specs = TransformerModel.parameterSpecs(parsed);
        Random random = new Random(11);
        List<float[]> values = new java.util.ArrayList<>();
        for (ParamSpec p : specs) {
            float[] v = new float[Math.toIntExact(p.elementCount())];
            for (int i = 0; i < v.length; i++) {
                float x = (float) (p.name().endsWith("norm.weight") ? 1 + 0.1 * random.nextGaussian() : 0.1 * random.nextGaussian());
                v[i] = Float.intBitsToFloat(Float.floatToRawIntBits(x) & 0xFFFF0000); // a bf16 value
            }
            values.add(v);
        }
        Path half = Files.createDirectories(tmp.resolve("bf16").resolve("tiny"));
        Path full = Files.createDirectories(tmp.resolve("f32").resolve("tiny"));
        for (Path dir : List.of(half, full)) {
            Files.writeString(dir.resolve("config.json"), config);
            Files.copy(CliTest.fixture("gpt2-tokenizer").resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        }
        writeBf16(half.resolve("model.safetensors"), specs, values);
        SafetensorsWriter writer = new SafetensorsWriter();
        for (int s = 0; s < specs.size(); s++) {
            writer.add(specs.get(s).name(), specs.get(s).shape(), values.get(s));
        }
        writer.write(full.resolve("model.safetensors"));

        JsonArray a = score(half, "bf16").getAsJsonArray("scores");
        JsonArray b = score(full, "f32").getAsJsonArray("scores");
        assertThat(a.size()).isEqualTo(2).isEqualTo(b.size());
        int compared = 0;
        for (int s = 0; s < a.size(); s++) {
            JsonObject sa = a.get(s).getAsJsonObject();
            JsonObject sb = b.get(s).getAsJsonObject();
            assertThat(sa.get("benchmark").getAsString()).isEqualTo(sb.get("benchmark").getAsString());
            JsonArray la = sa.getAsJsonArray("layers");
            JsonArray lb = sb.getAsJsonArray("layers");
            // Tuckute2024: the embedding, both blocks and the final norm; Futrell2018: the surprisal of the one head
            assertThat(la.size()).isEqualTo(lb.size()).isGreaterThanOrEqualTo(sa.get("benchmark").getAsString().startsWith("Tuckute") ? 3 : 1);
            for (int l = 0; l < la.size(); l++) {
                double x = la.get(l).getAsJsonObject().get("raw").getAsDouble();
                double y = lb.get(l).getAsJsonObject().get("raw").getAsDouble();
                assertThat(Double.isFinite(x)).as("%s %s", sa.get("benchmark"), la.get(l)).isTrue();
                assertThat(Math.abs(x - y)).as("%s layer %d: bf16 %s vs float32 %s", sa.get("benchmark"), l, x, y)
                        .isLessThanOrEqualTo(1e-3);
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(4);
    }
}
