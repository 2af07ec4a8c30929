package org.brainalign.benchmarks.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.brainalign.benchmarks.Benchmark;
import org.brainalign.benchmarks.BenchmarkRegistry;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.TestData;
import org.brainalign.benchmarks.data.DataCatalog;
import org.brainalign.benchmarks.data.DataDirectory;
import org.brainalign.benchmarks.data.DataMissingException;
import org.brainalign.benchmarks.data.PlainAssemblyReader;
import org.brainalign.benchmarks.simulate.SimulatedSubject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryAndRealDataTest {
    @TempDir
    Path tmp;

    @Test
    void registryHasBslIdentifiersAndRetiredAliases() {
        assertThat(BenchmarkRegistry.ids()).startsWith(
                "Pereira2018.243sentences-linear-shuffle", "Pereira2018.384sentences-linear-shuffle",
                "Pereira2018.243sentences-ridge", "Pereira2018.384sentences-ridge",
                "Blank2014-linear-shuffle", "Blank2014-ridge", "Fedorenko2016-linear-shuffle", "Fedorenko2016-ridge",
                "Tuckute2024-linear", "Tuckute2024-ridge", "Tuckute2024-cka", "Tuckute2024-rdm");
        assertThat(BenchmarkRegistry.ids()).contains("Futrell2018-pearsonr", "SyntaxGym2020", "syntaxgym-npz_obj",
                "syntaxgym-subordination_src-src", "Wikitext-accuracy", "Brennan2016-ridge", "Brennan2016.10mm-ridge",
                "Brennan2016-surprisal", "Frank2015-N400", "Frank2015-P600", "Frank2015-ELAN", "Frank2015-LAN", "Frank2015-EPNP",
                "Frank2015-PNP").hasSize(12 + 4 + 2 + 1 + 3 + 6 + 31 + 1 + 1);
        assertThat(BenchmarkRegistry.create("syntaxgym-npz_obj", DataSource.simulatedData()).id()).isEqualTo("syntaxgym-npz_obj");
        assertThat(BenchmarkRegistry.canonical("Pereira2018.243sentences-linear")).isEqualTo("Pereira2018.243sentences-linear-shuffle");
        assertThat(BenchmarkRegistry.canonical("Blank2014-linear")).isEqualTo("Blank2014-linear-shuffle");
        assertThat(BenchmarkRegistry.canonical("Fedorenko2016-linear")).isEqualTo("Fedorenko2016-linear-shuffle");
        for (String id : BenchmarkRegistry.ids()) {
            Benchmark b = BenchmarkRegistry.create(id, DataSource.simulatedData());
            assertThat(b.id()).isEqualTo(id);
            assertThat(b.description()).isNotBlank();
        }
        assertThatThrownBy(() -> BenchmarkRegistry.canonical("Pereira2019")).hasMessageContaining("unknown benchmark 'Pereira2019'")
                .hasMessageContaining("did you mean Pereira2018.243sentences-ridge").hasMessageNotContaining("\n");
    }

    @Test
    void contextPoliciesFollowBsl() {
        DataSource sim = DataSource.simulatedData();
        NeuralBenchmark pereira = (NeuralBenchmark) BenchmarkRegistry.create("Pereira2018.384sentences-ridge", sim);
        assertThat(pereira.calls()).hasSize(96).allSatisfy(c -> assertThat(c.parts()).hasSize(4));
        assertThat(pereira.contextPolicy()).contains("passage_label");
        NeuralBenchmark fed = (NeuralBenchmark) BenchmarkRegistry.create("Fedorenko2016-ridge", sim);
        assertThat(fed.calls()).hasSize(52).allSatisfy(c -> assertThat(c.parts()).hasSize(8));
        assertThat(fed.calls().getFirst().parts().getFirst()).isEqualTo("THE");
        NeuralBenchmark blank = (NeuralBenchmark) BenchmarkRegistry.create("Blank2014-ridge", sim);
        assertThat(blank.calls()).hasSize(8);
        assertThat(blank.data().target().presentations()).isEqualTo(1317);
        assertThat(blank.data().target().neuroids()).isEqualTo(60);
        NeuralBenchmark p243 = (NeuralBenchmark) BenchmarkRegistry.create("Pereira2018.243sentences-ridge", sim);
        assertThat(p243.data().target().presentations()).isEqualTo(243);
        assertThat(p243.data().target().neuroids()).isEqualTo(8031);
        assertThat(pereira.data().target().neuroids()).isEqualTo(12155);
    }

    @Test
    void missingRealDataNamesTheFileAndHowToGetIt() {
        DataSource empty = new DataSource(new DataDirectory(tmp), DataCatalog.bundled(), false);
        Benchmark b = BenchmarkRegistry.create("Blank2014-ridge", empty);
        assertThatThrownBy(() -> b.score(null, RunOptions.defaults()))
                .isInstanceOf(DataMissingException.class)
                .hasMessageContaining("blank2014").hasMessageContaining("Blank2014.fROI.nc")
                .hasMessageContaining("BRAINALIGN_DATA").hasMessageContaining("--simulated");
    }

    /** Runs on real recordings when the data directory has them (none are in the shared data yet). */
    @ParameterizedTest
    @ValueSource(strings = {"pereira2018", "blank2014", "fedorenko2016", "tuckute2024"})
    void realRecordingsWhenPresent(String dataset) {
        DataDirectory dir = TestData.shared();
        Path folder = dir.dataset(dataset);
        boolean present = PlainAssemblyReader.present(folder)
                || DataCatalog.bundled().get(dataset).files().stream().anyMatch(f -> folder.resolve(f.name()).toFile().isFile());
        Assumptions.assumeTrue(present, dataset + " recordings are not in the data directory: real-data test not run");
        DataSource real = new DataSource(dir, DataCatalog.bundled(), false);
        for (String id : BenchmarkRegistry.ids()) {
            Benchmark b = BenchmarkRegistry.create(id, real);
            if (!(b instanceof NeuralBenchmark nb) || !id.toLowerCase().startsWith(dataset.substring(0, 5))) {
                continue;
            }
            var s = nb.score(SimulatedSubject.of("exact", nb.calls(), nb.data().target().values()), RunOptions.defaults());
            if (!id.endsWith("-rdm")) {
                assertThat(s.normalized()).as(id).isGreaterThan(0.99);
            }
        }
    }
}
