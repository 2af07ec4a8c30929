package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.brainalign.benchmarks.topography.MoranTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train}, {@code topo-maps} and {@code trained-vs-untrained} through the real command line on
 * a tiny topographic model trained on a slice of Tiny Shakespeare.
 */
class TrainingCliTest {

    @TempDir
    static Path dir;
    static Path model;

    static Path data() {
        return org.brainalign.core.testing.Shared.require(org.brainalign.core.testing.Shared.Part.DATA);
    }

    @BeforeAll
    static void train() throws IOException {
        String all = Files.readString(data().resolve("tinyshakespeare").resolve("input.txt"));
        Path text = dir.resolve("train.txt");
        Files.writeString(text, all.substring(0, 40_000), StandardCharsets.UTF_8);
        model = dir.resolve("tiny-topo");
        CliTest.Run r = CliTest.run("train", "--arch", "gpt2", "--layers", "2", "--width", "16", "--heads", "2", "--context", "128",
                "--batch", "4", "--text", text.toString(), "--steps", "20", "--seed", "3", "--warmup", "2", "--bpe-vocab", "800",
                "--topo", "--topo-radius", "2", "--eval-every", "10", "--checkpoint-every", "10", "--out", model.toString(),
                "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("20 steps").contains("validation loss");
    }

    @Test
    void trainWritesAHuggingFaceDirectoryWithLogAndPlot() throws IOException {
        for (String f : List.of("config.json", "model.safetensors", "vocab.json", "merges.txt", "topo_positions.safetensors",
                "training/run.json", "training/log.csv", "training/loss.png", "training/checkpoint.safetensors")) {
            assertThat(model.resolve(f)).as(f).isRegularFile();
        }
        assertThat(Files.readString(model.resolve("config.json"))).contains("\"model_type\": \"gpt2\"").contains("\"n_embd\": 16");
        assertThat(Files.readAllLines(model.resolve("training/log.csv")).getFirst())
                .isEqualTo("step,lr,train_loss,spatial_loss,grad_norm,val_loss,val_perplexity,tokens_per_s,elapsed_s");
        // the trained directory scores like any other model
        CliTest.Run r = CliTest.run("activations", "--model", model.toString(), "--text", "To be, or not to be");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("transformer.h.1");
    }

    @Test
    void topoMapsWritesTopoLmsCsvLayoutAndOnePngPerOutput() throws IOException {
        Path out = dir.resolve("maps");
        CliTest.Run r = CliTest.run("topo-maps", "--model", model.toString(), "--contrast", "fedorenko,elli-noun-verb",
                "--data-dir", data().toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("sentences vs non-words (160 vs 160): mean Moran's I").contains("verb pairs vs noun pairs (288 vs 288)");
        MoranTable table = MoranTable.read(out.resolve("moran.csv"));
        assertThat(table.columns()).containsExactly("fedorenko_sentences-nonwords", "elli_noun_verb");
        assertThat(table.values()).hasNumberOfRows(4);
        for (double[] row : table.values()) {
            for (double v : row) {
                assertThat(v).isBetween(-1.0, 1.0);
            }
        }
        assertThat(out.resolve("fedorenko/00-transformer.h.0.attn.png")).isRegularFile();
        assertThat(out.resolve("elli-noun-verb/03-transformer.h.1.mlp.png")).isRegularFile();
        List<String> tmaps = Files.readAllLines(out.resolve("fedorenko/tmaps.csv"));
        assertThat(tmaps).hasSize(1 + 4 * 16);
        assertThat(tmaps.getFirst()).isEqualTo("output,name,row,col,t,p,q,cluster");
        CliTest.Run smoothed = CliTest.run("topo-maps", "--model", model.toString(), "--contrast", "moseley-concrete", "--smooth",
                "--data-dir", data().toString(), "--out", dir.resolve("maps-smoothed").toString());
        assertThat(smoothed.code()).as(smoothed.err()).isZero();
        assertThat(smoothed.out()).contains("smoothed (FWHM 2.0)").contains("concrete nouns vs concrete verbs (40 vs 40)");
    }

    @Test
    void trainedVersusUntrainedScoresBothAndReportsPerplexity() throws IOException {
        String all = Files.readString(data().resolve("tinyshakespeare").resolve("input.txt"));
        Path heldOut = dir.resolve("held-out.txt");
        Files.writeString(heldOut, all.substring(all.length() - 3_000), StandardCharsets.UTF_8);
        Path out = dir.resolve("tvu");
        CliTest.Run r = CliTest.run("trained-vs-untrained", "--model", model.toString(), "--benchmark",
                "syntaxgym-number_src,Tuckute2024-linear", "--perplexity-text", heldOut.toString(), "--out", out.toString(), "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("== untrained:" + model + "@3").contains("Trained vs untrained (tiny-topo vs untrained:tiny-topo@3)")
                .containsPattern("word perplexity: untrained [0-9.]+, trained [0-9.]+");
        assertThat(out.resolve("comparison.png")).isRegularFile();
        assertThat(Files.readAllLines(out.resolve("comparison.csv"))).hasSizeGreaterThanOrEqualTo(3);
        // The same figure as SVG, read as a reviewer would: the scatter plots the brain benchmark scored (not the diluted
        // average_language), the next-word axis promises no interval it does not draw, perplexities are readable, and no two
        // table headers run together.
        Path svg = dir.resolve("tvu.svg");
        CliTest.Run report = CliTest.run("report", "--store", out.resolve("results.db").toString(), "--out", svg.toString());
        assertThat(report.code()).as(report.err()).isZero();
        String figure = Files.readString(svg);
        assertThat(figure).contains(">Tuckute2024-linear (best layer)<").doesNotContain(">average_language<")
                .contains("(no interval)").doesNotContainPattern("[0-9]{6,}\\.[0-9]").doesNotContain("2^");
        org.brainalign.app.plot.FigureText.assertNoHeaderRunsIntoTheNext(figure);
    }

    @Test
    void badTrainingInputGivesOneClearLine() {
        CliTest.Run arch = CliTest.run("train", "--arch", "bert", "--text", "x.txt", "--steps", "1", "--out", dir.resolve("b").toString());
        assertThat(arch.code()).isEqualTo(2);
        assertThat(arch.err()).contains("--arch bert: only gpt2 can be trained");
        CliTest.Run square = CliTest.run("train", "--width", "20", "--heads", "2", "--topo", "--text", "x.txt", "--steps", "10",
                "--warmup", "1", "--out", dir.resolve("c").toString());
        assertThat(square.err()).contains("square number of units");
        CliTest.Run missing = CliTest.run("train", "--text", dir.resolve("nope.txt").toString(), "--steps", "10", "--warmup", "1",
                "--out", dir.resolve("d").toString());
        assertThat(missing.err()).contains("nope.txt: no such file");
        CliTest.Run contrast = CliTest.run("topo-maps", "--model", model.toString(), "--contrast", "broca", "--out",
                dir.resolve("e").toString());
        assertThat(contrast.err()).contains("unknown contrast 'broca'");
    }
}
