package org.brainalign.models.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local HuggingFace hub cache, read as {@code huggingface_hub} writes it, so that the model ids
 * Brain-Score Language users type ({@code gpt2}, {@code Qwen/Qwen2.5-0.5B}) work offline. The cache
 * root is {@code $HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else {@code ~/.cache/huggingface/hub};
 * a repository {@code org/name} lives in {@code models--org--name}, its files in
 * {@code snapshots/<commit>}, and {@code refs/main} names the commit of the main branch. Nothing is
 * ever downloaded: an absent model is an error naming where it was looked for and the download command.
 */
public final class HubCache {
    /** A hub id: {@code name} or {@code org/name}, letters, digits, {@code . _ -}, each part starting with a letter or digit. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)?");

    private HubCache() {}

    /** The cache roots in the order {@code huggingface_hub} would choose them (the first existing one is used by it). */
    public static List<Path> roots() {
        List<Path> roots = new ArrayList<>();
        env("HF_HUB_CACHE").ifPresent(roots::add);
        env("HF_HOME").map(h -> h.resolve("hub")).ifPresent(roots::add);
        roots.add(Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub"));
        return roots;
    }

    private static Optional<Path> env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v));
    }

    /** The cache folder name of repository {@code id}: {@code models--org--name}. */
    public static String folderName(String id) {
        return "models--" + id.replace("/", "--");
    }

    /**
     * The snapshot directory of model {@code id} that holds a {@code config.json}: the commit
     * {@code refs/main} names, else the only snapshot there is; an error otherwise, naming where it
     * looked and how to download the model.
     */
    public static Path modelSnapshot(String id) {
        return modelSnapshot(id, roots());
    }

    /** {@link #modelSnapshot(String)} over explicit cache roots. */
    public static Path modelSnapshot(String id, List<Path> roots) {
        List<String> looked = new ArrayList<>();
        for (Path root : roots) {
            Path repo = root.resolve(folderName(id));
            looked.add(repo.toString());
            if (!Files.isDirectory(repo)) {
                continue;
            }
            Path snapshots = repo.resolve("snapshots");
            Path ref = repo.resolve("refs").resolve("main");
            if (Files.isRegularFile(ref)) {
                String commit = read(ref).strip();
                Path snap = snapshots.resolve(commit);
                if (!commit.matches("[0-9a-f]{7,64}") || !Files.isRegularFile(snap.resolve("config.json"))) {
                    throw new IllegalArgumentException("model '" + id + "': " + ref + " names commit '" + commit + "' but "
                            + snap + " has no config.json; finish the download with `huggingface-cli download " + id + "`");
                }
                return snap;
            }
            List<Path> candidates = list(snapshots, d -> Files.isRegularFile(d.resolve("config.json")));
            if (candidates.size() == 1) {
                return candidates.getFirst();
            }
            if (candidates.size() > 1) {
                throw new IllegalArgumentException("model '" + id + "': " + snapshots + " holds " + candidates.size()
                        + " snapshots and no refs/main says which is current; pass one snapshot directory as --model");
            }
        }
        throw new IllegalArgumentException("model '" + id + "' is not in the local HuggingFace cache (looked in "
                + String.join(", ", looked) + "); download it with `huggingface-cli download " + id
                + "` (or set HF_HOME / HF_HUB_CACHE), or pass a model directory");
    }

    /**
     * The newest snapshot of {@code repo} for which {@code usable} holds (e.g. one with a tokenizer),
     * also trying the legacy bare name of an {@code org/name} repository ({@code gpt2} for
     * {@code openai-community/gpt2}).
     */
    public static Optional<Path> newestSnapshot(String repo, Predicate<Path> usable) {
        List<String> names = new ArrayList<>();
        names.add(folderName(repo));
        if (repo.contains("/")) {
            names.add(folderName(repo.substring(repo.indexOf('/') + 1)));
        }
        for (Path root : roots()) {
            for (String name : names) {
                Optional<Path> found = list(root.resolve(name).resolve("snapshots"), usable).stream()
                        .max(Comparator.comparing(HubCache::modified));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static List<Path> list(Path dir, Predicate<Path> usable) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(usable).sorted().toList();
        } catch (IOException e) {
            return List.of(); // an unreadable cache entry is no snapshot
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
