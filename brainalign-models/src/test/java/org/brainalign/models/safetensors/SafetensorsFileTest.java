package org.brainalign.models.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.brainalign.models.ModelFormatException;
import org.brainalign.models.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors reader: round trips, dtype conversion, and every kind of corrupt header. */
class SafetensorsFileTest {

    @TempDir
    Path dir;

    /** A raw file: 8-byte length, the header text, then {@code dataBytes} zero bytes. */
    private Path raw(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path file = dir.resolve("t.safetensors");
        Files.write(file, b.array());
        return file;
    }

    @Test
    void readsFixtureWeights() {
        try (SafetensorsFile f = SafetensorsFile.open(TestData.fixture("tiny-gpt2").resolve("model.safetensors"))) {
            TensorInfo wte = f.info("transformer.wte.weight");
            assertThat(wte.shape()).containsExactly(50257, 32);
            assertThat(wte.dtype()).isEqualTo(DType.F32);
            assertThat(f.floats("transformer.ln_1.weight".replace("ln_1", "h.0.ln_1"))).hasSize(32);
            assertThat(f.metadata()).containsEntry("format", "pt");
        }
    }

    @Test
    void writerRoundTripsAndReaderConvertsHalfTypes() throws IOException {
        Path file = dir.resolve("w.safetensors");
        new SafetensorsWriter().add("b", new long[] {2, 2}, new float[] {1, -2, 3.5f, 0}).add("a", new long[] {1}, new float[] {7})
                .write(file);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertThat(f.keys()).containsExactly("a", "b");
            assertThat(f.floats("b")).containsExactly(1, -2, 3.5f, 0);
        }
        // F16 1.5 = 0x3E00, BF16 -2.0 = 0xC000
        ByteBuffer data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x3E00).putShort((short) 0xC000);
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]},"
                + "\"g\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[2,4]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        Path half = dir.resolve("half.safetensors");
        Files.write(half, ByteBuffer.allocate(8 + h.length + 4).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h)
                .put(data.array()).array());
        try (SafetensorsFile f = SafetensorsFile.open(half)) {
            assertThat(f.floats("h")).containsExactly(1.5f);
            assertThat(f.floats("g")).containsExactly(-2f);
        }
    }

    @Test
    void truncatedFileIsRejectedWithNumbers() throws IOException {
        Path good = dir.resolve("good.safetensors");
        new SafetensorsWriter().add("w", new long[] {4, 4}, new float[16]).write(good);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(() -> SafetensorsFile.open(cut)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("cut.safetensors").hasMessageContaining("'w'").hasMessageContaining("past the data section");
        Files.write(cut, Arrays.copyOf(bytes, 5));
        assertThatThrownBy(() -> SafetensorsFile.open(cut)).hasMessageContaining("truncated").hasMessageContaining("5 bytes");
        Files.write(cut, Arrays.copyOf(bytes, 20));
        assertThatThrownBy(() -> SafetensorsFile.open(cut)).hasMessageContaining("truncated").hasMessageContaining("header claims");
    }

    @Test
    void offsetsPastEndOfFile() throws IOException {
        Path f = raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8);
        assertThatThrownBy(() -> SafetensorsFile.open(f)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("'w'").hasMessageContaining("[0, 16]").hasMessageContaining("8 bytes");
    }

    @Test
    void overlappingTensors() throws IOException {
        Path f = raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12);
        assertThatThrownBy(() -> SafetensorsFile.open(f)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("'a'").hasMessageContaining("'b'").hasMessageContaining("overlap");
    }

    @Test
    void unknownDtype() throws IOException {
        Path f = raw("{\"w\":{\"dtype\":\"F13\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4);
        assertThatThrownBy(() -> SafetensorsFile.open(f)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("'w'").hasMessageContaining("unknown dtype 'F13'").hasMessageContaining("BF16");
    }

    @Test
    void shapeDisagreesWithByteLength() throws IOException {
        Path f = raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8);
        assertThatThrownBy(() -> SafetensorsFile.open(f)).hasMessageContaining("needs 12 bytes").hasMessageContaining("span 8");
    }

    @Test
    void malformedOrHugeHeader() throws IOException {
        Path f = raw("{\"w\": {\"dtype\": ", 0);
        assertThatThrownBy(() -> SafetensorsFile.open(f)).hasMessageContaining("safetensors header: not JSON");
        Path g = raw("[1, 2]", 0);
        assertThatThrownBy(() -> SafetensorsFile.open(g)).hasMessageContaining("must be a JSON object");
        Path h = dir.resolve("huge.safetensors");
        Files.write(h, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE).array());
        assertThatThrownBy(() -> SafetensorsFile.open(h)).hasMessageContaining("header length");
        Path neg = raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4);
        assertThatThrownBy(() -> SafetensorsFile.open(neg)).hasMessageContaining("non-negative integer");
    }

    @Test
    void shardedCheckpointWithIndex() throws IOException {
        new SafetensorsWriter().add("x.weight", new long[] {2}, new float[] {1, 2}).write(dir.resolve("model-00001-of-00002.safetensors"));
        new SafetensorsWriter().add("y.weight", new long[] {1}, new float[] {3}).write(dir.resolve("model-00002-of-00002.safetensors"));
        Files.writeString(dir.resolve(Checkpoint.INDEX_FILE), "{\"metadata\":{},\"weight_map\":{"
                + "\"x.weight\":\"model-00001-of-00002.safetensors\",\"y.weight\":\"model-00002-of-00002.safetensors\"}}");
        try (Checkpoint c = Checkpoint.open(dir)) {
            assertThat(c.keys()).containsExactly("x.weight", "y.weight");
            assertThat(c.floats("y.weight")).containsExactly(3f);
            assertThat(c.files()).hasSize(2);
        }
        Files.writeString(dir.resolve(Checkpoint.INDEX_FILE), "{\"weight_map\":{\"z.weight\":\"model-00001-of-00002.safetensors\"}}");
        assertThatThrownBy(() -> Checkpoint.open(dir)).hasMessageContaining("'z.weight'");
        Files.writeString(dir.resolve(Checkpoint.INDEX_FILE), "{\"weight_map\":{\"x.weight\":\"../evil.safetensors\"}}");
        assertThatThrownBy(() -> Checkpoint.open(dir)).hasMessageContaining("inside the checkpoint directory");
    }

    @Test
    void directoryWithoutWeights() {
        assertThatThrownBy(() -> Checkpoint.open(dir)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("model.safetensors").hasMessageContaining(Checkpoint.INDEX_FILE);
    }
}
