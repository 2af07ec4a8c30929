package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code score}, {@code benchmarks} and {@code data verify} end to end on the tiny GPT-2 fixture. */
class ScoreCliTest {
    @TempDir
    Path tmp;

    @Test
    void scoreWritesTableAndJsonWithEveryLayer() throws Exception {
        Path out = tmp.resolve("results.json");
        CliTest.Run r = CliTest.run("score", "--cache-dir", tmp.resolve("cache").toString(), "--model", CliTest.fixture("tiny-gpt2").toString(), "--benchmark",
                "Fedorenko2016-linear", "--simulated", "--layers", "all", "--out", out.toString(), "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Fedorenko2016-linear-shuffle (v3)").contains("transformer.h.0")
                .contains("transformer.ln_f").contains("95% CI").contains("extrapolation (all subject pools");
        JsonObject json = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertThat(json.get("format").getAsString()).isEqualTo("brainalign-scores");
        JsonObject score = json.getAsJsonArray("scores").get(0).getAsJsonObject();
        assertThat(score.get("benchmark").getAsString()).isEqualTo("Fedorenko2016-linear-shuffle");
        assertThat(score.getAsJsonArray("layers").size()).isGreaterThanOrEqualTo(3);
        double normalized = score.get("normalized").getAsDouble();
        assertThat(normalized).isBetween(0.0, 1.0);
        assertThat(score.getAsJsonObject("seeds").get("splits").getAsLong()).isEqualTo(1L);
        assertThat(score.getAsJsonArray("layers").get(0).getAsJsonObject().getAsJsonArray("perSplit").size()).isEqualTo(10);
    }

    @Test
    void compareTellsTwoModelsApartWithAPairedBootstrap() throws Exception {
        Path gpt2 = tmp.resolve("gpt2.json");
        CliTest.Run r = CliTest.run("score", "--cache-dir", tmp.resolve("cache").toString(), "--model", CliTest.fixture("tiny-gpt2").toString(), "--benchmark",
                "Tuckute2024-linear", "--simulated", "--full", "--out", gpt2.toString(), "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        CliTest.Run same = CliTest.run("compare", "--a", gpt2.toString(), "--b", gpt2.toString(), "--benchmark",
                "Tuckute2024-linear");
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(same.out()).contains("raw difference A - B = 0.0000").contains("p = 1.0000");
        CliTest.Run layers = CliTest.run("compare", "--a", gpt2.toString(), "--b", gpt2.toString(), "--benchmark",
                "Tuckute2024-linear", "--layer-a", "transformer.h.0", "--layer-b", "transformer.ln_f");
        assertThat(layers.code()).as(layers.err()).isZero();
        assertThat(layers.out()).contains("transformer.h.0 vs").contains("transformer.ln_f").contains("paired bootstrap p =");
        CliTest.Run notFull = CliTest.run("compare", "--a", gpt2.toString(), "--b", gpt2.toString(), "--benchmark",
                "Blank2014-ridge");
        assertThat(notFull.code()).isEqualTo(2);
        assertThat(notFull.err()).contains("no scores for benchmark 'Blank2014-ridge'");
    }

    @Test
    void localizeSelectsTopKUnitsAndScoreCanUseThem() throws Exception {
        Path png = tmp.resolve("mask.png");
        CliTest.Run r = CliTest.run("localize", "--model", CliTest.fixture("tiny-gpt2").toString(), "--top-k", "0.25",
                "--png", png.toString(), "--no-cache", "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("transformer.h.0").contains("total");
        assertThat(Files.size(png)).isPositive();
        String total = r.out().lines().filter(l -> l.startsWith("total")).findFirst().orElseThrow();
        long units = Long.parseLong(total.trim().split("\\s+")[1]);
        long selected = Long.parseLong(total.trim().split("\\s+")[2]);
        assertThat(selected).isGreaterThanOrEqualTo((long) Math.floor(0.25 * units));
        // The figure says what it shows: a title, both axes, the colour key with its scale, every layer named.
        Path svg = tmp.resolve("mask.svg");
        CliTest.Run asSvg = CliTest.run("localize", "--model", CliTest.fixture("tiny-gpt2").toString(), "--top-k", "0.25",
                "--png", svg.toString(), "--no-cache", "--no-progress");
        assertThat(asSvg.code()).as(asSvg.err()).isZero();
        String figure = Files.readString(svg);
        assertThat(figure).contains("class='chart-title'").contains("Language localizer: ").contains("top-0.25 units")
                .contains(">unit index within its layer<").contains(">layer (recording order)<").contains("class='colour-key'")
                .contains(">Welch t (sentences &gt; non-words)<").contains(">selected unit (mark under its band)<")
                .contains(">transformer.h.0<").contains(">transformer.h.1<");
        // The PNG holds the same picture: strongly red (t > 0) and blue (t < 0) units and black selection marks.
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        boolean red = false;
        boolean blue = false;
        boolean black = false;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                int rr = rgb >> 16;
                int gg = (rgb >> 8) & 0xff;
                int bb = rgb & 0xff;
                red |= rr > 240 && gg < 60 && bb < 60;
                blue |= bb > 240 && rr < 60 && gg < 60;
                black |= rgb == 0;
            }
        }
        assertThat(red && blue && black).as("red %s, blue %s, black %s", red, blue, black).isTrue();
        CliTest.Run toDirectory = CliTest.run("localize", "--model", CliTest.fixture("tiny-gpt2").toString(), "--top-k", "0.25",
                "--png", tmp.toString(), "--no-cache", "--no-progress");
        assertThat(toDirectory.code()).isEqualTo(2);
        assertThat(toDirectory.err()).contains(tmp.toString()).doesNotContain("\tat ").doesNotContain("Exception");
        CliTest.Run bad = CliTest.run("localize", "--model", CliTest.fixture("tiny-gpt2").toString(), "--top-k", "2.5");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--top-k must be a count");
    }

    @Test
    void baselinesScoreThroughTheSameCommand() {
        CliTest.Run suma = CliTest.run("score", "--cache-dir", tmp.resolve("cache").toString(), "--model", "suma-64x8", "--benchmark", "Fedorenko2016-linear", "--simulated",
                "--no-progress");
        assertThat(suma.code()).as(suma.err()).isZero();
        assertThat(suma.out()).contains("suma.block").contains("mean of 5 variants").contains("suma-64x8@42");
        CliTest.Run random = CliTest.run("score", "--cache-dir", tmp.resolve("cache").toString(), "--model", "randomembedding-100", "--benchmark", "Fedorenko2016-linear",
                "--simulated", "--no-progress");
        assertThat(random.code()).as(random.err()).isZero();
        assertThat(random.out()).contains("randomembedding-100").contains("embedding");
        CliTest.Run oasm = CliTest.run("score", "--cache-dir", tmp.resolve("cache").toString(), "--model", "oasm:2", "--benchmark", "Tuckute2024-linear", "--simulated",
                "--no-progress");
        assertThat(oasm.code()).as(oasm.err()).isZero();
        assertThat(oasm.out()).contains("oasm-sigma2.0").contains("position");
    }

    @Test
    void activationsAreCachedAndACorruptEntryIsRecomputed() throws Exception {
        Path cache = tmp.resolve("cache");
        String[] args = {"score", "--cache-dir", cache.toString(), "--model", CliTest.fixture("tiny-gpt2").toString(),
                "--benchmark", "Fedorenko2016-ridge", "--simulated", "--no-progress"};
        CliTest.Run first = CliTest.run(args);
        assertThat(first.code()).as(first.err()).isZero();
        List<Path> entries;
        try (var files = Files.list(cache.resolve("activations"))) {
            entries = files.filter(p -> p.toString().endsWith(".act")).toList();
        }
        assertThat(entries).hasSize(1);
        CliTest.Run second = CliTest.run(args);
        assertThat(second.out()).isEqualTo(first.out());
        byte[] bytes = Files.readAllBytes(entries.getFirst());
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(entries.getFirst(), bytes);
        CliTest.Run third = CliTest.run(args);
        assertThat(third.code()).isZero();
        assertThat(third.err()).contains("activation cache entry").contains("corrupt").contains("recomputing");
        assertThat(third.out()).isEqualTo(first.out());
        assertThat(Files.exists(entries.getFirst())).as("the entry is rewritten after recomputation").isTrue();
    }

    @Test
    void leaderboardRanksEveryModelInTheStore() throws Exception {
        Path cache = tmp.resolve("cache");
        Path json = tmp.resolve("gpt2.json");
        for (String model : new String[] {CliTest.fixture("tiny-gpt2").toString(), "randomembedding-100"}) {
            CliTest.Run r = CliTest.run("score", "--cache-dir", cache.toString(), "--model", model, "--benchmark",
                    "Tuckute2024-linear", "--no-progress", "--out", json.toString().replace("gpt2", model.startsWith("random") ? "re" : "gpt2"));
            assertThat(r.code()).as(r.err()).isZero();
        }
        Path csv = tmp.resolve("board.csv");
        CliTest.Run board = CliTest.run("leaderboard", "--store", cache.resolve("results.db").toString(), "--csv", csv.toString());
        assertThat(board.code()).as(board.err()).isZero();
        assertThat(board.out()).contains("randomembedding-100").contains("tiny-gpt2").contains("   1  ")
                .contains("Ranked separately").contains("randomembedding-100: randomembedding-100 is a random word-embedding baseline")
                .contains("Pereira2018 = mean of Pereira2018.243sentences-linear-shuffle");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(3);
        List<String> header = List.of(lines.getFirst().split(","));
        assertThat(header.subList(0, 5)).containsExactly("rank", "table", "model", "checkpoint", "average_language");
        // One summary per benchmark everywhere: the leaderboard's Tuckute2024-linear is the best layer that score reported.
        String[] gpt2 = lines.stream().filter(l -> l.contains("tiny-gpt2")).findFirst().orElseThrow().split(",", -1);
        assertThat(gpt2[1]).isEqualTo("ranked");
        double best = -1;
        for (var layer : JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonArray("scores").get(0)
                .getAsJsonObject().getAsJsonArray("layers")) {
            best = Math.max(best, layer.getAsJsonObject().get("normalized").getAsDouble());
        }
        assertThat(Double.parseDouble(gpt2[header.indexOf("Tuckute2024-linear")])).isEqualTo(best);
        String[] re = lines.stream().filter(l -> l.contains("randomembedding-100")).findFirst().orElseThrow().split(",", -1);
        assertThat(re[1]).isEqualTo("ranked-separately");
        assertThat(re[header.indexOf("Futrell2018-pearsonr")]).isEqualTo("n/a");
        assertThat(re[header.indexOf("behavior")]).isEqualTo("n/a");
        CliTest.Run missing = CliTest.run("leaderboard", "--store", tmp.resolve("none.db").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no results store");
        Path empty = Files.createFile(tmp.resolve("empty.db"));
        CliTest.Run emptyBoard = CliTest.run("leaderboard", "--store", empty.toString());
        assertThat(emptyBoard.code()).isEqualTo(2);
        assertThat(emptyBoard.err()).contains("empty.db is empty, so not a results store");
    }

    @Test
    void unknownBenchmarkAndMissingDataAreOneLineErrors() {
        CliTest.Run unknown = CliTest.run("score", "--cache-dir", tmp.resolve("cache").toString(), "--model", CliTest.fixture("tiny-gpt2").toString(), "--benchmark",
                "Pereira2019-ridge");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown benchmark 'Pereira2019-ridge'")
                .contains("did you mean Pereira2018.243sentences-ridge");
        assertThat(unknown.err().strip().lines().count()).isEqualTo(1);
        assertThat(unknown.err().length()).isLessThan(300);
        CliTest.Run missing = CliTest.run("score", "--cache-dir", tmp.resolve("cache").toString(), "--model", CliTest.fixture("tiny-gpt2").toString(), "--benchmark",
                "Blank2014-ridge", "--no-progress");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("Blank2014.fROI.nc").contains("--simulated");
        CliTest.Run listing = CliTest.run("benchmarks");
        assertThat(listing.code()).isZero();
        assertThat(listing.out()).contains("Tuckute2024-cka").contains("alias: Blank2014-linear");
    }

    /**
     * A model x benchmark pair that cannot run is found before any feature is extracted, said in words
     * (no internal task names), and the rest run and reach --out with the pair listed under "notRun";
     * when nothing can run, one error line says why and nothing is written.
     */
    @Test
    void pairsThatCannotRunAreNamedInWordsAndTheRestAreScoredAndWritten() throws Exception {
        String data = org.brainalign.core.testing.Shared.require(org.brainalign.core.testing.Shared.Part.DATA).toString();
        String glove = "glove:" + Path.of(data, "glove-6b-100d-subset", "glove.6B.100d.subset.txt");
        Path out = tmp.resolve("scores.json");
        CliTest.Run r = CliTest.run("score", "--cache-dir", tmp.resolve("cache").toString(), "--model", glove,
                "--benchmark", "Tuckute2024-linear,Futrell2018-pearsonr", "--out", out.toString(), "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("not run: Futrell2018-pearsonr needs surprisal (next-word probabilities), but glove:"
                + "glove.6B.100d.subset.txt is a GloVe word-vector model without a language-model head, so it has no surprisal")
                .doesNotContain("READING_TIMES").doesNotContain("NEXT_WORD");
        JsonObject json = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertThat(json.getAsJsonArray("scores")).hasSize(1);
        assertThat(json.getAsJsonArray("scores").get(0).getAsJsonObject().get("benchmark").getAsString()).isEqualTo("Tuckute2024-linear");
        JsonObject notRun = json.getAsJsonArray("notRun").get(0).getAsJsonObject();
        assertThat(notRun.get("benchmark").getAsString()).isEqualTo("Futrell2018-pearsonr");
        assertThat(notRun.get("reason").getAsString()).contains("GloVe word-vector model without a language-model head");

        Path none = tmp.resolve("none.json");
        CliTest.Run refused = CliTest.run("score", "--cache-dir", tmp.resolve("cache").toString(), "--model", glove,
                "--benchmark", "Futrell2018-pearsonr", "--out", none.toString(), "--no-progress");
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err().strip().lines().toList()).hasSize(1);
        assertThat(refused.err()).startsWith("error: none of the benchmarks asked for can run on glove:glove.6B.100d.subset.txt")
                .contains("so it has no surprisal").doesNotContain("READING_TIMES");
        assertThat(none).doesNotExist();
    }

    /** {@code data list} carries each data set's notes: Natural Stories' story-3 re-alignment, with the score under each. */
    @Test
    void dataListCarriesTheStory3RealignmentNote() {
        CliTest.Run r = CliTest.run("data", "list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("naturalstories: ").contains("2020-11-11 re-alignment of story 3")
                .contains("812 story-3 words").contains("r = 0.20764").contains("r = 0.20229");
    }

    /**
     * Missing data anywhere is two lines at most: the file, BRAINALIGN_DATA / --data-dir, and the
     * command or source that gets the set; data verify exits 1 while anything requested is missing.
     */
    @Test
    void missingDataIsTwoLinesNamingTheFileTheVariableAndHowToGetIt() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty-data"));
        for (String benchmark : List.of("Tuckute2024-linear", "Futrell2018-pearsonr", "Brennan2016-ridge", "Blank2014-ridge",
                "Pereira2018.243sentences-network-ridge")) {
            CliTest.Run r = CliTest.runWithoutSkipping("score", "--data-dir", empty.toString(), "--cache-dir", tmp.resolve("cache").toString(),
                    "--model", "randomembedding-100", "--benchmark", benchmark, "--no-progress");
            assertThat(r.code()).as(benchmark).isEqualTo(2);
            assertThat(r.err().strip().lines().toList()).as(benchmark + ": " + r.err()).hasSizeBetween(1, 2);
            assertThat(r.err()).as(benchmark).startsWith("error: data set '").contains(empty.toString()).contains("BRAINALIGN_DATA")
                    .contains("--data-dir").contains("get it: ");
        }
        assertThat(CliTest.runWithoutSkipping("score", "--data-dir", empty.toString(), "--model", "randomembedding-100", "--benchmark",
                "Blank2014-ridge", "--no-progress").err()).contains("get it: brainalign data fetch blank2014");
        CliTest.Run verify = CliTest.runWithoutSkipping("data", "verify", "--data-dir", tmp.resolve("nowhere").toString());
        assertThat(verify.code()).isEqualTo(1);
        assertThat(verify.out()).contains("(does not exist)").contains("get blank2014: brainalign data fetch blank2014")
                .contains("get naturalstories: ");
        CliTest.Run one = CliTest.runWithoutSkipping("data", "verify", "--data-dir", empty.toString(), "--dataset", "naturalstories");
        assertThat(one.code()).isEqualTo(1);
    }

    /** Every row of the store with its data kind, as text, in key order. */
    private static List<String> rows(Path db, String data) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             var ps = c.prepareStatement("SELECT * FROM scores WHERE data = ? ORDER BY model, benchmark, layer")) {
            ps.setString(1, data);
            try (var rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        b.append(v instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes) : String.valueOf(v)).append('|');
                    }
                    out.add(b.toString());
                }
            }
        }
        return out;
    }

    @Test
    void realRowsSurviveALaterSimulatedRunOfTheSameModelAndBenchmarkUnchanged() throws Exception {
        Path cache = tmp.resolve("cache");
        Path db = cache.resolve("results.db");
        String model = CliTest.fixture("tiny-gpt2").toString();
        CliTest.Run real = CliTest.run("score", "--cache-dir", cache.toString(), "--model", model, "--benchmark", "Tuckute2024-linear",
                "--no-progress");
        assertThat(real.code()).as(real.err()).isZero();
        assertThat(real.out()).doesNotContain("SIMULATED");
        List<String> before = rows(db, "real");
        assertThat(before).hasSize(5);
        Path json = tmp.resolve("sim.json");
        CliTest.Run sim = CliTest.run("score", "--cache-dir", cache.toString(), "--model", model, "--benchmark", "Tuckute2024-linear",
                "--simulated", "--out", json.toString(), "--no-progress");
        assertThat(sim.code()).as(sim.err()).isZero();
        assertThat(sim.out()).contains("SIMULATED DATA — Tuckute2024-linear").contains("kept apart from real ones");
        assertThat(rows(db, "real")).as("real rows after a simulated run").isEqualTo(before);
        assertThat(rows(db, "simulated")).hasSize(5);
        assertThat(Files.readString(json)).contains("\"data\": \"SIMULATED\"");

        CliTest.Run board = CliTest.run("leaderboard", "--store", db.toString());
        assertThat(board.code()).as(board.err()).isZero();
        assertThat(board.out()).contains("tiny-gpt2").doesNotContain("SIMULATED");
        CliTest.Run simBoard = CliTest.run("leaderboard", "--store", db.toString(), "--simulated");
        assertThat(simBoard.code()).as(simBoard.err()).isZero();
        assertThat(simBoard.out()).startsWith("SIMULATED DATA").contains("tiny-gpt2");
    }

    @Test
    void aTruncatedBslFileIsRefusedByVerifyAndByScoreAndTheRealSetsVerifyOk() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("pereira2018"));
        Path fixtures = CliTest.fixture("bsl-assemblies");
        Files.copy(fixtures.resolve("broken-truncated-Pereira2018.language.nc"), data.resolve("pereira2018/Pereira2018.language.nc"));
        CliTest.Run verify = CliTest.run("data", "verify", "--data-dir", data.toString(), "--dataset", "pereira2018");
        assertThat(verify.code()).as(verify.out()).isEqualTo(1);
        assertThat(verify.out()).contains("UNREADABLE").contains("Pereira2018.language.nc").contains("CORRUPT FILES FOUND");
        CliTest.Run score = CliTest.run("score", "--data-dir", data.toString(), "--cache-dir", tmp.resolve("cache").toString(),
                "--model", "randomembedding-100", "--benchmark", "Pereira2018.243sentences-linear-shuffle", "--no-progress");
        assertThat(score.code()).isEqualTo(2);
        assertThat(score.err()).contains("Pereira2018.language.nc").contains("truncated or corrupt").doesNotContain("Exception");
        assertThat(score.out()).doesNotContain("mean");

        for (String dataset : new String[] {"tuckute2024", "pereira2018-network"}) {
            CliTest.Run real = CliTest.run("data", "verify", "--dataset", dataset);
            assertThat(real.code()).as(real.out()).isZero();
            assertThat(real.out()).contains("OK ").contains(dataset).contains("no corrupt files").doesNotContain("MISSING");
        }
    }

    @Test
    void dataFetchAndImportFailWithOneClearLine() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort(); // closed again below: nothing listens there
        }
        Path data = tmp.resolve("data");
        CliTest.Run refused = CliTest.run("data", "fetch", "fedorenko2016", "--data-dir", data.toString(), "--mirror",
                "http://127.0.0.1:" + closedPort + "/", "--timeout", "5", "--no-progress");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("assy_Fedorenko2016_language.nc").contains("offline or host unreachable")
                .doesNotContain("resume").doesNotContain("Exception:")
                .doesNotContain("\tat ");
        assertThat(data.resolve("fedorenko2016")).doesNotExist();
        CliTest.Run unknown = CliTest.run("data", "fetch", "naturalstoris", "--data-dir", data.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown data set 'naturalstoris'").contains("naturalstories");
        CliTest.Run noCache = CliTest.run("data", "import", "--brainio", tmp.resolve("nowhere").toString(), "--data-dir", data.toString());
        assertThat(noCache.code()).isEqualTo(2);
        assertThat(noCache.err()).contains("no brainio cache at");
    }
}
