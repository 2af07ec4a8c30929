package org.brainalign.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.brainalign.core.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands the README and docs/ show, run as a reader would run them. Every fenced block with the
 * info string {@code bash} is run, line by line ({@code \} continues a line), with bash from a fresh
 * folder per document in which {@code bin/brainalign} starts this build's command line, with the shared
 * data, fixtures and models in the environment and a fresh {@code HOME}; each must exit 0. A block
 * marked {@code bash no-run: <reason>} (a download, a server, the reader's own model, minutes of work)
 * is listed as skipped with its reason. A command that stops working, or that has become too slow to
 * run here and is not marked, fails the build.
 */
class DocsCommandsTest {
    /** A hang guard, not a speed target: the documents promise runnable blocks finish within about a minute on 2 cores. */
    private static final long LIMIT_SECONDS = 240;

    @TempDir
    Path tmp;

    record Block(String file, int line, String info, List<String> commands) {
        boolean runnable() {
            return info.equals("bash");
        }

        String reason() {
            return info.startsWith("bash no-run:") ? info.substring("bash no-run:".length()).strip() : "";
        }
    }

    static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("README.md")) && Files.isDirectory(here.resolve("docs")) ? here : here.getParent();
    }

    /** The README's and docs' {@code bash} blocks, in document order. */
    static Map<String, List<Block>> blocks() throws IOException {
        Path root = repository();
        List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        Map<String, List<Block>> out = new LinkedHashMap<>();
        for (Path doc : documents) {
            String name = root.relativize(doc).toString();
            List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
            List<Block> blocks = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String fence = lines.get(i).strip();
                if (!fence.startsWith("```") || fence.length() == 3) {
                    continue;
                }
                String info = fence.substring(3).strip();
                int start = i + 1;
                List<String> commands = new ArrayList<>();
                StringBuilder current = new StringBuilder();
                for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                    String l = lines.get(i);
                    if (l.endsWith("\\")) {
                        current.append(l, 0, l.length() - 1).append(' ');
                        continue;
                    }
                    current.append(l);
                    if (!current.toString().isBlank()) {
                        commands.add(current.toString().strip());
                    }
                    current.setLength(0);
                }
                if (info.equals("bash") || info.startsWith("bash ")) {
                    blocks.add(new Block(name, start, info, commands));
                }
            }
            out.put(name, blocks);
        }
        return out;
    }

    @Test
    void everyBlockIsRunnableOrSaysWhyNot() throws IOException {
        int runnable = 0;
        for (List<Block> blocks : blocks().values()) {
            for (Block b : blocks) {
                assertThat(b.runnable() || !b.reason().isEmpty()).as(b.file() + ":" + b.line() + " info string '" + b.info()
                        + "': use 'bash' (run by this test) or 'bash no-run: <reason>'").isTrue();
                assertThat(b.commands()).as(b.file() + ":" + b.line() + " is empty").isNotEmpty();
                runnable += b.runnable() ? b.commands().size() : 0;
            }
        }
        assertThat(runnable).as("runnable commands in the README and docs").isGreaterThanOrEqualTo(8);
    }

    @Test
    void theDocumentsCommandsRun() throws Exception {
        Path data = Shared.require(Shared.Part.DATA);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BRAINALIGN_DATA", data.toString());
        for (Shared.Part part : List.of(Shared.Part.FIXTURES, Shared.Part.REFERENCE, Shared.Part.MODELS)) {
            Shared.find(part).ifPresent(p -> env.put(part == Shared.Part.FIXTURES ? "BRAINALIGN_FIXTURES"
                    : part == Shared.Part.REFERENCE ? "BRAINALIGN_REFERENCE" : "BRAINALIGN_MODELS", p.toString()));
        }
        List<String> report = new ArrayList<>();
        for (var doc : blocks().entrySet()) {
            Path work = Files.createDirectories(tmp.resolve(doc.getKey().replace('/', '_')));
            Path home = Files.createDirectories(work.resolve(".home"));
            launcher(work, home);
            for (Block b : doc.getValue()) {
                if (!b.runnable()) {
                    report.add("skipped  " + b.file() + ":" + b.line() + " (" + b.reason() + "): " + b.commands().getFirst()
                            + (b.commands().size() > 1 ? " … (" + b.commands().size() + " commands)" : ""));
                    continue;
                }
                for (String command : b.commands()) {
                    long t0 = System.nanoTime();
                    ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail; " + command).directory(work.toFile())
                            .redirectErrorStream(true).redirectOutput(work.resolve(".log").toFile());
                    pb.environment().putAll(env);
                    pb.environment().put("HOME", home.toString());
                    pb.environment().put("BRAINALIGN_CACHE", home.resolve(".cache").resolve("brainalign").toString());
                    Process p = pb.start();
                    boolean done = p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS);
                    if (!done) {
                        p.destroyForcibly().waitFor();
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    String log = Files.readString(work.resolve(".log"));
                    String where = b.file() + ":" + b.line() + ": " + command;
                    assertThat(done).as(where + " still running after " + LIMIT_SECONDS + " s; mark its block 'bash no-run: <reason>'"
                            + " or make it faster; output:\n" + log).isTrue();
                    assertThat(p.exitValue()).as(where + " exited " + p.exitValue() + "; output:\n" + log).isZero();
                    report.add(String.format(java.util.Locale.ROOT, "ran %5.1f s  %s", seconds, where));
                }
            }
        }
        System.out.println(String.join("\n", report));
    }

    /** {@code bin/brainalign} in the work folder: this build's command line on the test class path, as bin/brainalign runs it. */
    private static void launcher(Path work, Path home) throws IOException {
        Path bin = Files.createDirectories(work.resolve("bin"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "#!/usr/bin/env bash\nexec '" + java + "' --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED"
                + " -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Duser.home='" + home + "' -cp '" + System.getProperty("java.class.path")
                + "' org.brainalign.app.Main \"$@\"\n";
        Path launcher = bin.resolve("brainalign");
        Files.writeString(launcher, script);
        launcher.toFile().setExecutable(true);
    }
}
