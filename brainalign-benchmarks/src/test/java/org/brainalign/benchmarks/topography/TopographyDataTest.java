package org.brainalign.benchmarks.topography;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.brainalign.benchmarks.TestData;
import org.brainalign.benchmarks.data.DataMissingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TopoLM stimuli and Moran's I tables: contrast groups have the published sizes, TopoLM's own
 * reference tables read back with the published means (anchors §2.5), and our tables are written in
 * the same layout.
 */
class TopographyDataTest {

    private static Path stimuli() {
        return TestData.shared().dataset(TopoContrast.DATASET);
    }

    @Test
    void contrastsHaveThePublishedGroupSizes() {
        assertThat(TopoContrast.FEDORENKO.read(stimuli())).satisfies(g -> {
            assertThat(g.a()).hasSize(160).allSatisfy(s -> assertThat(s.split(" ")).hasSizeGreaterThan(5));
            assertThat(g.b()).hasSize(160);
        });
        assertThat(TopoContrast.MOSELEY_NOUN_VERB.read(stimuli()).a()).hasSize(80).contains("dole", "clue");
        assertThat(TopoContrast.MOSELEY_CONCRETE.read(stimuli()).b()).hasSize(40);
        assertThat(TopoContrast.MOSELEY_ABSTRACT.read(stimuli()).a()).hasSize(40).contains("dole");
        assertThat(TopoContrast.ELLI_NOUN_VERB.read(stimuli())).satisfies(g -> {
            assertThat(g.a()).hasSize(288).allSatisfy(s -> assertThat(s).startsWith("to "));
            assertThat(g.b()).hasSize(288).contains("the garage the rink");
        });
        assertThatThrownBy(() -> TopoContrast.byId("broca")).hasMessageContaining("known: fedorenko, moseley-noun-verb");
    }

    @Test
    void topoLmsReferenceTablesGiveThePublishedMeans() {
        MoranTable topo = MoranTable.read(stimuli().resolve("preresid_unsmoothed.csv"));
        MoranTable control = MoranTable.read(stimuli().resolve("nontopo_unsmoothed.csv"));
        MoranTable topoSmoothed = MoranTable.read(stimuli().resolve("preresid_smoothed.csv"));
        assertThat(topo.values()).hasNumberOfRows(24);
        assertThat(topo.columns()).containsExactly(TopoContrast.MOSELEY_CONCRETE.column(),
                TopoContrast.MOSELEY_ABSTRACT_CONCRETE.column(), TopoContrast.MOSELEY_ABSTRACT.column(),
                TopoContrast.MOSELEY_NOUN_VERB.column(), TopoContrast.ELLI_NOUN_VERB.column());
        assertThat(topo.mean("moseley_noun-verb")).isCloseTo(0.783, within(0.0005));
        assertThat(topo.mean("moseley_concrete-concrete")).isCloseTo(0.804, within(0.0005));
        assertThat(topo.mean("elli_noun_verb")).isCloseTo(0.481, within(0.0005));
        assertThat(control.mean("moseley_noun-verb")).isCloseTo(0.116, within(0.0005));
        assertThat(control.mean("moseley_concrete-concrete")).isCloseTo(0.111, within(0.0005));
        assertThat(topoSmoothed.mean("moseley_noun-verb")).isCloseTo(0.894, within(0.0005));
    }

    @Test
    void ourTablesUseTopoLmsLayout(@TempDir Path dir) throws IOException {
        MoranTable table = new MoranTable(List.of("fedorenko_sentences-nonwords", "elli_noun_verb"),
                new double[][] {{0.5, 0.25}, {Double.NaN, -0.125}});
        Path file = dir.resolve("moran.csv");
        table.write(file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).containsExactly(",fedorenko_sentences-nonwords,elli_noun_verb", "0,0.5,0.25", "1,,-0.125");
        MoranTable back = MoranTable.read(file);
        assertThat(back.columns()).isEqualTo(table.columns());
        assertThat(back.mean("elli_noun_verb")).isCloseTo(0.0625, within(1e-15));
        assertThat(back.mean("fedorenko_sentences-nonwords")).isCloseTo(0.5, within(1e-15));
        // and TopoLM's header line is the same shape
        assertThat(Files.readAllLines(stimuli().resolve("nontopo_unsmoothed.csv")).getFirst()).startsWith(",moseley_");
    }

    @Test
    void badInputNamesTheFileAndCell(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, ",a\n0,0.1\n1,oops\n");
        assertThatThrownBy(() -> MoranTable.read(bad)).hasMessageContaining("bad.csv line 3, column a: not a number: 'oops'");
        Files.writeString(bad, "x,a\n0,1\n");
        assertThatThrownBy(() -> MoranTable.read(bad)).hasMessageContaining("empty index column");
        assertThatThrownBy(() -> TopoContrast.FEDORENKO.read(dir)).isInstanceOf(DataMissingException.class)
                .hasMessageContaining("is missing").hasMessageContaining("fedorenko_stimuli.csv").hasMessageContaining("--data-dir");
        // A stimulus file other than the pinned release is refused before it is parsed.
        Files.writeString(dir.resolve("moseley_stimuli.csv"), "word,category\ndole,abstract\n");
        assertThatThrownBy(() -> TopoContrast.MOSELEY_NOUN_VERB.read(dir)).isInstanceOf(DataMissingException.class)
                .hasMessageContaining("moseley_stimuli.csv has 28 bytes, expected 3147 (truncated)").hasMessageContaining("not used")
                .hasMessageContaining("brainalign data fetch topolm-stimuli");
    }
}
