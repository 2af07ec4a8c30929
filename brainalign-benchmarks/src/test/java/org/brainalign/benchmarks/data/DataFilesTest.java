package org.brainalign.benchmarks.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.brainalign.benchmarks.TestData;
import org.brainalign.core.assembly.Assembly;
import org.brainalign.core.assembly.Coordinate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {
    @TempDir
    Path tmp;

    /** A v1 .npy file written byte by byte from the format specification. */
    static byte[] npy(String descr, boolean fortran, int rows, int cols, double[] values) {
        String header = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': (" + rows
                + ", " + cols + "), }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        StringBuilder h = new StringBuilder(header);
        h.append(" ".repeat(pad)).append('\n');
        int width = descr.endsWith("8") ? 8 : 4;
        ByteBuffer b = ByteBuffer.allocate(10 + h.length() + values.length * width).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length()).put(h.toString().getBytes(StandardCharsets.US_ASCII));
        for (double v : values) {
            if (width == 8) {
                b.putDouble(v);
            } else {
                b.putFloat((float) v);
            }
        }
        return b.array();
    }

    @Test
    void npyReadsCAndFortranOrderAndRejectsTruncation() throws IOException {
        Path c = tmp.resolve("c.npy");
        Files.write(c, npy("<f8", false, 2, 3, new double[] {1, 2, 3, 4, 5, 6}));
        assertThat(NpyReader.read(c).row(1)).containsExactly(4, 5, 6);
        Path f = tmp.resolve("f.npy");
        Files.write(f, npy("<f4", true, 2, 3, new double[] {1, 4, 2, 5, 3, 6}));
        assertThat(NpyReader.read(f).row(0)).containsExactly(1, 2, 3);
        byte[] full = npy("<f8", false, 2, 3, new double[] {1, 2, 3, 4, 5, 6});
        Path t = tmp.resolve("t.npy");
        Files.write(t, java.util.Arrays.copyOf(full, full.length - 5));
        assertThatThrownBy(() -> NpyReader.read(t)).isInstanceOf(DataMissingException.class)
                .hasMessageContaining("t.npy").hasMessageContaining("needs 48 bytes").hasMessageContaining("truncated");
        Path bad = tmp.resolve("bad.npy");
        Files.writeString(bad, "not numpy at all");
        assertThatThrownBy(() -> NpyReader.read(bad)).hasMessageContaining("bad.npy").hasMessageContaining("magic");
    }

    @Test
    void plainFormatReadsValuesAndTypedCoordinates() throws IOException {
        Files.write(tmp.resolve("values.npy"), npy("<f8", false, 3, 2, new double[] {1, 2, 3, Double.NaN, 5, 6}));
        Files.writeString(tmp.resolve("coords.json"), """
        {"format": "brainalign-assembly", "version": 1,
         "presentation": {"stimulus_id": ["a", "b", "c"], "stimulus": ["One.", "Two.", "Three."], "story": [1, 1, 2]},
         "neuroid": {"neuroid_id": ["n0", "n1"], "subject": ["s1", "s2"]}}
        """);
        Assembly a = PlainAssemblyReader.read(tmp);
        assertThat(a.presentations()).isEqualTo(3);
        assertThat(a.coord(Assembly.Dim.PRESENTATION, "story")).isInstanceOf(Coordinate.Numbers.class);
        assertThat(a.coord(Assembly.Dim.NEUROID, "subject").label(1)).isEqualTo("s2");
        assertThat(a.dropNaNNeuroids().neuroids()).isEqualTo(1);

        Files.writeString(tmp.resolve("coords.json"), """
        {"format": "brainalign-assembly", "version": 1,
         "presentation": {"stimulus_id": ["a", "b"]}, "neuroid": {}}
        """);
        assertThatThrownBy(() -> PlainAssemblyReader.read(tmp)).isInstanceOf(DataMissingException.class)
                .hasMessageContaining("presentation.stimulus_id has 2 values, expected 3");
    }

    @Test
    void aJsonNullInANumericCoordinateIsNaNAndVerifyCountsThePlainFormatAsPresent() throws IOException {
        Path folder = tmp.resolve("data").resolve("blank2014");
        Files.createDirectories(folder);
        Files.write(folder.resolve("values.npy"), npy("<f8", false, 3, 2, new double[] {1, 2, 3, 4, 5, 6}));
        Files.writeString(folder.resolve("coords.json"), """
        {"format": "brainalign-assembly", "version": 1,
         "presentation": {"stimulus_id": ["a", "b", "c"], "stimulus": ["One.", "Two.", "Three."], "onset": [0.5, null, 2.0]},
         "neuroid": {"neuroid_id": ["n0", "n1"], "subject_id": ["s1", "s2"]}}
        """);
        Assembly a = PlainAssemblyReader.read(folder);
        Coordinate onset = a.coord(Assembly.Dim.PRESENTATION, "onset");
        assertThat(onset).isInstanceOf(Coordinate.Numbers.class);
        assertThat(((Coordinate.Numbers) onset).value(1)).isNaN();
        assertThat(((Coordinate.Numbers) onset).value(2)).isEqualTo(2.0);
        var checks = DataVerifier.verify(DataCatalog.bundled().get("blank2014"), new DataDirectory(tmp.resolve("data")));
        assertThat(checks).hasSize(1);
        assertThat(checks.getFirst().status()).isEqualTo(DataVerifier.Status.PLAIN);
        assertThat(checks.getFirst().status().usable()).isTrue();
    }

    @Test
    void netcdfAssemblyInXarraysLayoutIsRead() {
        Path file = tmp.resolve("assembly.nc");
        try (WritableHdfFile w = HdfFile.write(file)) {
            WritableDataset pres = w.putDataset("presentation", new long[] {0, 1, 2});
            pres.putAttribute("CLASS", "DIMENSION_SCALE");
            pres.putAttribute("NAME", "This is a netCDF dimension but not a netCDF variable.         3");
            pres.putAttribute("_Netcdf4Dimid", 0);
            WritableDataset neur = w.putDataset("neuroid", new long[] {0, 1});
            neur.putAttribute("CLASS", "DIMENSION_SCALE");
            neur.putAttribute("NAME", "This is a netCDF dimension but not a netCDF variable.         2");
            neur.putAttribute("_Netcdf4Dimid", 1);
            WritableDataset data = w.putDataset("__xarray_dataarray_variable__", new double[][] {{1, 2}, {3, 4}, {5, 6}});
            data.putAttribute("_Netcdf4Coordinates", new int[] {0, 1});
            WritableDataset stim = w.putDataset("stimulus", new String[] {"One.", "Two.", "Three."});
            stim.putAttribute("_Netcdf4Coordinates", new int[] {0});
            WritableDataset passage = w.putDataset("passage_index", new long[] {1, 1, 2});
            passage.putAttribute("_Netcdf4Coordinates", new int[] {0});
            WritableDataset subject = w.putDataset("subject", new String[] {"s1", "s2"});
            subject.putAttribute("_Netcdf4Coordinates", new int[] {1});
        }
        Assembly a = NetcdfAssemblyReader.read(file);
        assertThat(a.presentations()).isEqualTo(3);
        assertThat(a.neuroids()).isEqualTo(2);
        assertThat(a.values().row(2)).containsExactly(5, 6);
        assertThat(a.coord(Assembly.Dim.PRESENTATION, "stimulus").label(1)).isEqualTo("Two.");
        assertThat(a.coord(Assembly.Dim.PRESENTATION, "passage_index").label(2)).isEqualTo("2");
        assertThat(a.coord(Assembly.Dim.NEUROID, "subject").label(0)).isEqualTo("s1");
        assertThat(a.hasCoord(Assembly.Dim.PRESENTATION, "presentation")).isFalse();
    }

    @Test
    void netcdfFilesThatAreNotAssembliesOrCorruptGiveNamedErrors() throws IOException {
        // A real NetCDF-4 file from the shared data: one variable over 'coords', not an assembly.
        Path real = TestData.shared().dataset("topolm-stimuli").resolve("group-level-contrast.nc");
        assertThatThrownBy(() -> NetcdfAssemblyReader.read(real)).isInstanceOf(DataMissingException.class)
                .hasMessageContaining("group-level-contrast.nc").hasMessageContaining("(presentation, neuroid)")
                .hasMessageContaining("t_values");
        Path truncated = tmp.resolve("truncated.nc");
        byte[] bytes = Files.readAllBytes(real);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertThatThrownBy(() -> NetcdfAssemblyReader.read(truncated)).isInstanceOf(DataMissingException.class)
                .hasMessageContaining("truncated.nc");
    }

    @Test
    void verifierChecksTheSharedDataAndNamesWhatIsMissingOrCorrupt() throws IOException {
        DataCatalog catalog = DataCatalog.bundled();
        List<DataVerifier.FileCheck> checks = DataVerifier.verify(catalog, TestData.shared());
        assertThat(checks).filteredOn(c -> c.dataset().equals("naturalstories"))
                .isNotEmpty().allSatisfy(c -> assertThat(c.status()).isEqualTo(DataVerifier.Status.OK));
        assertThat(checks).filteredOn(c -> c.dataset().equals("syntaxgym2020")).hasSize(31)
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(DataVerifier.Status.OK));

        DataDirectory copy = new DataDirectory(tmp);
        Path dir = Files.createDirectories(tmp.resolve("tinyshakespeare"));
        byte[] text = Files.readAllBytes(TestData.shared().dataset("tinyshakespeare").resolve("input.txt"));
        Files.write(dir.resolve("input.txt"), java.util.Arrays.copyOf(text, text.length - 10));
        DataVerifier.FileCheck truncated = DataVerifier.verify(catalog.get("tinyshakespeare"), copy).getFirst();
        assertThat(truncated.status()).isEqualTo(DataVerifier.Status.WRONG_SIZE);
        assertThat(truncated.detail()).contains("expected 1115394 bytes").contains("found 1115384");
        text[100] ^= 1;
        Files.write(dir.resolve("input.txt"), text);
        DataVerifier.FileCheck corrupt = DataVerifier.verify(catalog.get("tinyshakespeare"), copy).getFirst();
        assertThat(corrupt.status()).isEqualTo(DataVerifier.Status.WRONG_CHECKSUM);
        assertThat(corrupt.detail()).contains("expected sha256").contains("get it: brainalign data fetch tinyshakespeare");

        DataVerifier.FileCheck missing = DataVerifier.verify(catalog.get("pereira2018"), copy).getFirst();
        assertThat(missing.status()).isEqualTo(DataVerifier.Status.MISSING);
        assertThat(missing.detail()).contains("Pereira2018.language.nc").contains("values.npy").contains("get it: brainalign data fetch pereira2018");
    }
}
