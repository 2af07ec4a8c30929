package org.brainalign.benchmarks.neural;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.data.AssemblyFiles;
import org.brainalign.benchmarks.data.DataMissingException;
import org.brainalign.benchmarks.data.DataVerifier;
import org.brainalign.core.assembly.Assembly;

/** Loads a neural data set's full assembly from the data directory, with the checksums of its files. */
public final class RealData {
    private RealData() {}

    /** The assembly of catalog data set {@code datasetId} and the sha256 of every file in its folder. */
    public static NeuralData load(DataSource source, String datasetId) {
        Assembly a = AssemblyFiles.load(source.catalog().get(datasetId), source.directory());
        Map<String, String> sums = new LinkedHashMap<>();
        Path folder = source.directory().dataset(datasetId);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                sums.put(datasetId + "/" + f.getFileName(), DataVerifier.sha256(f));
            }
        } catch (IOException e) {
            throw new DataMissingException("cannot checksum " + folder + ": " + e.getMessage(), e);
        }
        return new NeuralData(a, sums, false);
    }
}
