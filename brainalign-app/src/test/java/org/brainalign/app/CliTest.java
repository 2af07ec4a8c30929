package org.brainalign.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** The command line on the tiny GPT-2 fixture: output shape of {@code activations} and clean errors. */
class CliTest {

    static Path fixture(String name) {
        return org.brainalign.core.testing.Shared.require(org.brainalign.core.testing.Shared.Part.FIXTURES).resolve(name);
    }

    record Run(int code, String out, String err) {
    }

    /** {@link #run} without the skip for missing shared data: for tests of the missing-data messages themselves. */
    static Run runWithoutSkipping(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        Run r = runWithoutSkipping(args);
        // Without the shared data folder, a command that stops because a data set is missing skips its test (with the
        // reason); with the folder present, the same failure is a real one.
        org.junit.jupiter.api.Assumptions.assumeFalse(r.code() != 0 && (r.err().contains("not found") || r.err().contains("is missing"))
                && !org.brainalign.core.testing.Shared.present(org.brainalign.core.testing.Shared.Part.DATA),
                () -> org.brainalign.core.testing.Shared.reason(org.brainalign.core.testing.Shared.Part.DATA));
        return r;
    }

    /** Every kind of bad command line is one line in one style: "error: ", never "Error:" or picocli's usage dump. */
    @Test
    void everyBadCommandLineIsOneErrorLineInOneStyle() {
        String[][] cases = {
            {"score"},
            {"scroe", "--model", "x"},
            {"score", "--benchmarks", "Tuckute2024-ridge", "--model", "x"},
            {"score", "--model", "randomembedding-10", "--benchmark", "Tuckute2024-ridge", "--bootstrap-seed", "q"},
            {"leaderboard", "serve", "--port", "x"},
            {"score", "--model", "randomembedding-10", "--benchmark", "Pereira2019-ridge"},
        };
        for (String[] args : cases) {
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip().lines().toList()).as(String.join(" ", args)).hasSize(1);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("error: ").doesNotContain("Error:").doesNotContain("Usage:");
        }
        assertThat(run("scroe", "--model", "x").err()).contains("brainalign has no command 'scroe'; did you mean score?");
    }

    /** {@code serve} on a port another process holds: one "error:" line naming the port and --port, nothing from the web server. */
    @Test
    void serveOnABusyPortIsOneLineNamingThePort(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path store = tmp.resolve("results.db");
        org.brainalign.app.store.ResultsStore.open(store).close();
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Run r = run("leaderboard", "serve", "--store", store.toString(), "--port", String.valueOf(busy.getLocalPort()));
            assertThat(r.code()).isNotZero();
            assertThat(r.err().strip().lines().toList()).hasSize(1);
            assertThat(r.err()).startsWith("error: port " + busy.getLocalPort() + " on 127.0.0.1 is already in use")
                    .contains("--port").doesNotContain("ERROR").doesNotContain("Javalin");
        }
    }

    /** Bytes the JVM could not decode reach the command as U+FFFD: refused, not silently a different word. */
    @Test
    void textThatIsNotUtf8IsRefused() {
        Run r = run("activations", "--model", fixture("tiny-gpt2").toString(), "--text", "caf\uFFFD au lait");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --text has bytes that are not UTF-8 (at character 4");
    }

    @Test
    void activationsPrintsEveryLayerForEveryWord() {
        Run r = run("activations", "--model", fixture("tiny-gpt2").toString(), "--layers", "all",
                "--text", "Beekeeping encourages the conservation of local habitats.");
        assertThat(r.code()).as(r.err()).isZero();
        for (String layer : new String[] {"transformer.drop", "transformer.h.0", "transformer.h.2", "transformer.ln_f"}) {
            assertThat(r.out()).contains(layer);
        }
        assertThat(r.out()).contains("7 x 32").contains("conservat…").contains("7 words");
    }

    @Test
    void badInputGivesOneClearError() throws java.io.IOException {
        Run empty = run("activations", "--model", fixture("tiny-gpt2").toString(), "--text", "   ");
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).contains("--text is empty");
        Run layer = run("activations", "--model", fixture("tiny-gpt2").toString(), "--layers", "h.9", "--text", "hi");
        assertThat(layer.code()).isEqualTo(2);
        assertThat(layer.err()).contains("no layer 'h.9'").doesNotContain("Exception");
        // An option the command does not have (the Spark launcher's spelling) is named with the nearest one, on one line.
        Run plural = run("score", "--model", "randomembedding-100", "--benchmarks", "Tuckute2024-ridge");
        assertThat(plural.code()).isEqualTo(2);
        assertThat(plural.err()).contains("score has no option '--benchmarks'; did you mean --benchmark?")
                .doesNotContain("Missing required").doesNotContain("Usage");
        assertThat(plural.err().strip().lines().count()).isEqualTo(1);
        Run missingOption = run("score", "--model", "randomembedding-100");
        assertThat(missingOption.code()).isEqualTo(2);
        assertThat(missingOption.err()).contains("--benchmark").contains("score --help lists its options");
        assertThat(missingOption.err().strip().lines().count()).isEqualTo(1);
        // --store given a directory says so, and names the store inside it when there is one.
        Path storeDir = java.nio.file.Files.createTempDirectory("store-dir");
        Run dirStore = run("leaderboard", "--store", storeDir.toString());
        assertThat(dirStore.code()).isEqualTo(2);
        assertThat(dirStore.err()).contains(storeDir + " is a directory; --store names the results store's SQLite file")
                .doesNotContain("no results store");
        // A hub id absent from the cache says how to get it and never points at random weights.
        Run typo = run("score", "--model", "gpt2", "--benchmark", "Tuckute2024-linear", "--simulated", "--no-progress");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("model 'gpt2' is not in the local HuggingFace cache")
                .contains("huggingface-cli download gpt2").doesNotContain("untrained");
        assertThat(typo.err().strip().lines().count()).isEqualTo(1);
        // A path that does not exist lists the forms.
        Run missingDir = run("score", "--model", "runs/../nowhere/final", "--benchmark", "Tuckute2024-linear", "--simulated",
                "--no-progress");
        assertThat(missingDir.code()).isEqualTo(2);
        assertThat(missingDir.err()).contains("is no file or directory").contains("randomembedding-<dims>")
                .contains("glove:<file>").contains("oasm");
        assertThat(missingDir.err().strip().lines().count()).isEqualTo(1);
        Run preset = run("activations", "--model", "untrained:gpt5", "--text", "hi");
        assertThat(preset.err()).contains("unknown untrained preset 'gpt5'").contains("gpt2-medium");
    }

    @Test
    void helpOfEveryModelCommandListsEveryFormOfTheRegistry() {
        for (String command : new String[] {"score", "activations", "localize"}) {
            Run help = run(command, "--help");
            assertThat(help.code()).isZero();
            assertThat(help.out()).contains("Model forms (--model):");
            for (org.brainalign.models.registry.ModelRegistry.Form f : org.brainalign.models.registry.ModelRegistry.forms()) {
                assertThat(help.out()).as("%s --help", command).contains("  " + f.syntax());
            }
            assertThat(help.out().replaceAll("\\s+", " ")).contains("distilgpt2, gpt2, gpt2-medium")
                    .contains("randomembedding-<dims> BSL's random-embedding baseline");
        }
    }

    /**
     * picocli formats every description with {@code String.format}: a lone {@code %} (as in "10 %")
     * makes it print a warning on stderr at every {@code --help} and show the unformatted text.
     * The usage message of every command and subcommand renders here with stderr captured.
     */
    @Test
    void everyCommandsHelpRendersWithoutFormatWarnings() {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        int commands = 0;
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            java.util.ArrayDeque<CommandLine> pending = new java.util.ArrayDeque<>(java.util.List.of(Main.commandLine()));
            while (!pending.isEmpty()) {
                CommandLine cli = pending.pop();
                pending.addAll(cli.getSubcommands().values());
                assertThat(cli.getUsageMessage()).contains("Usage:");
                commands++;
            }
        } finally {
            System.setErr(original);
        }
        assertThat(commands).as("commands rendered").isGreaterThan(10);
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    @Test
    void modelsListsEveryFormAndEveryPresetAndThreadsIsValidated() {
        Run models = run("models");
        assertThat(models.code()).isZero();
        for (org.brainalign.models.registry.ModelRegistry.Form f : org.brainalign.models.registry.ModelRegistry.forms()) {
            assertThat(models.out()).contains("  " + f.syntax());
        }
        for (org.brainalign.models.config.Family family : org.brainalign.models.config.Family.values()) {
            assertThat(models.out()).containsPattern("(?m)^  " + java.util.regex.Pattern.quote(family.modelType()) + " +(decoder|encoder) ");
        }
        // gpt2 (124 M parameters with the tied head) as a check of the size column.
        assertThat(models.out()).containsPattern("(?m)^  gpt2 +gpt2, 12 layers, hidden 768, 0\\.12 B parameters");
        for (String preset : org.brainalign.models.untrained.Presets.all().keySet()) {
            assertThat(models.out()).containsPattern("(?m)^  " + java.util.regex.Pattern.quote(preset) + " +");
        }
        Run threads = run("models", "--threads", "0");
        assertThat(threads.code()).isEqualTo(2);
        assertThat(threads.err()).contains("--threads must be ≥ 1, got 0");
    }
}
