package org.brainalign.benchmarks.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.brainalign.benchmarks.BenchmarkRegistry;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.neural.NeuralBenchmark;
import org.brainalign.benchmarks.simulate.SimulatedSubject;
import org.brainalign.core.assembly.Assembly;
import org.brainalign.core.assembly.Coordinate;
import org.brainalign.core.score.Score;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BSL's assemblies in both on-disk forms BSL users have (brainio's cache form, whose data variable is
 * {@code data}, and the {@code reset_index().to_netcdf()} export): every fixture file reads to exactly
 * the shapes, coordinates and values that {@code expected.json} records (computed independently with
 * xarray), and scores on its benchmark; BSL's cached file is accepted only with the sha1 the catalog
 * pins; the truncated file is refused.
 */
class BslAssembliesTest {
    /** Fixture file (relative to bsl-assemblies/) → catalog data set and the benchmarks it must score on. */
    private static final Map<String, List<String>> BENCHMARKS = Map.of(
            "Pereira2018", List.of("pereira2018", "Pereira2018.243sentences-linear-shuffle"),
            "Blank2014", List.of("blank2014", "Blank2014-ridge", "Blank2014-linear-shuffle"),
            "Fedorenko2016", List.of("fedorenko2016", "Fedorenko2016-ridge"),
            "Tuckute2024", List.of("tuckute2024", "Tuckute2024-linear"));

    @TempDir
    Path tmp;

    static Path fixtures() {
        return org.brainalign.core.testing.Shared.require(org.brainalign.core.testing.Shared.Part.FIXTURES, "bsl-assemblies");
    }

    static JsonObject expected() throws Exception {
        return JsonParser.parseString(Files.readString(fixtures().resolve("expected.json"))).getAsJsonObject();
    }

    static Stream<String> files() throws Exception {
        return expected().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readsToExactlyWhatXarrayReads(String name) throws Exception {
        JsonObject want = expected().getAsJsonObject(name);
        Assembly a = NetcdfAssemblyReader.read(fixtures().resolve(name));
        var shape = want.getAsJsonArray("shape");
        assertThat(a.presentations()).isEqualTo(shape.get(0).getAsInt());
        assertThat(a.neuroids()).isEqualTo(shape.get(1).getAsInt());
        double sum = 0;
        for (double v : a.values().data()) {
            sum += Double.isNaN(v) ? 0 : v;
        }
        assertThat(sum).isCloseTo(want.get("sum_finite").getAsDouble(), within(1e-9 * Math.max(1, Math.abs(sum))));
        var first5 = want.getAsJsonArray("first_row_first5");
        for (int j = 0; j < first5.size(); j++) {
            double w = first5.get(j).isJsonNull() ? Double.NaN : first5.get(j).getAsDouble();
            assertThat(Double.valueOf(a.values().get(0, j))).as("values[0][%d]", j).isEqualTo(Double.valueOf(w));
        }
        int nanNeuroids = 0;
        for (int j = 0; j < a.neuroids(); j++) {
            for (int i = 0; i < a.presentations(); i++) {
                if (Double.isNaN(a.values().get(i, j))) {
                    nanNeuroids++;
                    break;
                }
            }
        }
        assertThat(nanNeuroids).isEqualTo(want.get("nan_neuroids").getAsInt());
        for (Map.Entry<String, JsonElement> e : want.getAsJsonObject("coords").entrySet()) {
            JsonObject c = e.getValue().getAsJsonObject();
            if (c.getAsJsonArray("dim").isEmpty()) {
                continue; // a scalar attribute-like coordinate (atlas), not a presentation or neuroid label
            }
            Assembly.Dim dim = c.getAsJsonArray("dim").get(0).getAsString().equals("presentation") ? Assembly.Dim.PRESENTATION
                    : Assembly.Dim.NEUROID;
            assertThat(a.hasCoord(dim, e.getKey())).as("%s: coordinate %s", name, e.getKey()).isTrue();
            Coordinate coord = a.coord(dim, e.getKey());
            assertThat(coord.codes()).as("%s.%s length", name, e.getKey()).hasSize(c.get("n").getAsInt());
            JsonElement first = c.get("first");
            if (c.get("dtype").getAsString().equals("object") || c.get("dtype").getAsString().startsWith("<U")) {
                assertThat(coord).as("%s.%s is text", name, e.getKey()).isInstanceOf(Coordinate.Text.class);
                assertThat(coord.label(0)).isEqualTo(first.getAsString());
            } else {
                assertThat(coord).as("%s.%s is numeric", name, e.getKey()).isInstanceOf(Coordinate.Numbers.class);
                double w = first.isJsonPrimitive() && first.getAsJsonPrimitive().isNumber() ? first.getAsDouble() : Double.NaN;
                assertThat(Double.valueOf(((Coordinate.Numbers) coord).value(0))).as("%s.%s[0]", name, e.getKey())
                        .isEqualTo(Double.valueOf(w));
            }
        }
    }

    /** A data directory holding one fixture file under {@code fileName} in its data set's folder. */
    private DataDirectory dirWith(String fixture, String dataset, String fileName) throws Exception {
        Path folder = tmp.resolve(fixture.replace('/', '_')).resolve(dataset);
        Files.createDirectories(folder);
        Files.copy(fixtures().resolve(fixture), folder.resolve(fileName));
        return new DataDirectory(folder.getParent());
    }

    private static String key(String fixture) {
        return BENCHMARKS.keySet().stream().filter(fixture::contains).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyFileScoresOnItsBenchmarks(String name) throws Exception {
        List<String> spec = BENCHMARKS.get(key(name));
        String dataset = spec.getFirst();
        DataCatalog.Dataset entry = DataCatalog.bundled().get(dataset);
        // The export form under its catalog name (Tuckute's under BSL's export name, beside no CSV).
        String fileName = dataset.equals("tuckute2024") ? "Tuckute2024.language.nc" : entry.files().getFirst().name();
        DataSource source = new DataSource(dirWith(name, dataset, fileName), DataCatalog.bundled(), false);
        for (String id : spec.subList(1, spec.size())) {
            NeuralBenchmark b = (NeuralBenchmark) BenchmarkRegistry.create(id, source);
            Score exact = b.score(SimulatedSubject.of("exact", b.calls(), b.data().target().values()), RunOptions.defaults());
            // With more voxels than training sentences (Pereira), min-norm OLS cannot reproduce held-out voxels exactly;
            // there the published ceiling normalises the exact subject to 1, as on BSL's real file.
            double value = exact.ceiling().isPublished() ? exact.normalized() : exact.raw();
            assertThat(value).as("%s on %s", id, name).isGreaterThan(0.99);
            assertThat(exact.layers()).hasSize(1);
            assertThat(exact.simulated()).isFalse();
        }
    }

    @Test
    void bslsCachedFileIsUsedOnlyWithThePinnedSha1() throws Exception {
        String name = "brainio-cache/assy_Fedorenko2016_language.nc";
        DataDirectory dir = dirWith(name, "fedorenko2016", "assy_Fedorenko2016_language.nc");
        // The catalog pins the real file's sha1; this look-alike differs and is refused, naming both.
        DataSource pinnedToReal = new DataSource(dir, DataCatalog.bundled(), false);
        NeuralBenchmark refused = (NeuralBenchmark) BenchmarkRegistry.create("Fedorenko2016-ridge", pinnedToReal);
        assertThatThrownBy(refused::data).hasMessageContaining("assy_Fedorenko2016_language.nc")
                .hasMessageContaining("2966b6d78e972a72068aa6907377483f427e8d9a");
        assertThat(DataVerifier.verify(DataCatalog.bundled().get("fedorenko2016"), dir).getFirst().status())
                .isEqualTo(DataVerifier.Status.WRONG_CHECKSUM);
        // Pinned to the fixture's own sha1 (expected.json), the same file is BSL's and scores.
        JsonObject json = DataCatalog.bundledJson();
        for (JsonElement d : json.getAsJsonArray("datasets")) {
            if (d.getAsJsonObject().get("id").getAsString().equals("fedorenko2016")) {
                d.getAsJsonObject().getAsJsonArray("files").get(0).getAsJsonObject().addProperty("sha1",
                        expected().getAsJsonObject(name).get("sha1").getAsString());
            }
        }
        DataCatalog pinnedToFixture = DataCatalog.parse(json);
        assertThat(DataVerifier.verify(pinnedToFixture.get("fedorenko2016"), dir).getFirst().status()).isEqualTo(DataVerifier.Status.OK);
        NeuralBenchmark accepted = (NeuralBenchmark) BenchmarkRegistry.create("Fedorenko2016-ridge",
                new DataSource(dir, pinnedToFixture, false));
        assertThat(accepted.data().target().neuroids()).isEqualTo(16);
    }

    @Test
    void theTruncatedFileIsRefusedByVerifyAndByLoading() throws Exception {
        DataDirectory dir = dirWith("broken-truncated-Pereira2018.language.nc", "pereira2018", "Pereira2018.language.nc");
        var check = DataVerifier.verify(DataCatalog.bundled().get("pereira2018"), dir).getFirst();
        assertThat(check.status()).isEqualTo(DataVerifier.Status.UNREADABLE);
        assertThat(check.status().corrupt()).isTrue();
        assertThat(check.detail()).contains("Pereira2018.language.nc");
        NeuralBenchmark b = (NeuralBenchmark) BenchmarkRegistry.create("Pereira2018.243sentences-linear-shuffle",
                new DataSource(dir, DataCatalog.bundled(), false));
        assertThatThrownBy(b::data).hasMessageContaining("Pereira2018.language.nc").hasMessageContaining("truncated or corrupt");
    }
}
