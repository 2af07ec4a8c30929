package org.brainalign.benchmarks.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where benchmark data lives: the directory named by {@code BRAINALIGN_DATA}, else
 * {@code ~/.cache/brainalign/data}. Each data set is a sub-directory named by its catalog id
 * ({@code pereira2018}, {@code naturalstories}, …). Files are read in place, never copied.
 */
public record DataDirectory(Path root) {

    /** The environment's data directory. */
    public static DataDirectory fromEnvironment() {
        String env = System.getenv("BRAINALIGN_DATA");
        if (env != null && !env.isBlank()) {
            return new DataDirectory(Path.of(env));
        }
        return new DataDirectory(Path.of(System.getProperty("user.home"), ".cache", "brainalign", "data"));
    }

    /** The directory of one data set (it may not exist). */
    public Path dataset(String id) {
        return root.resolve(id);
    }

    public boolean exists() {
        return Files.isDirectory(root);
    }
}
