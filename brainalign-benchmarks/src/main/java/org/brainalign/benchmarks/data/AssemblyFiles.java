package org.brainalign.benchmarks.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.brainalign.core.assembly.Assembly;

/**
 * Finds and reads one neural data set's assembly from the data directory: the catalog's NetCDF file
 * ({@code <data>/<id>/<file>.nc}) if present, else the plain format in {@code <data>/<id>/}. If
 * neither is there, the error names the expected files and how to obtain them.
 */
public final class AssemblyFiles {
    private AssemblyFiles() {}

    public static Assembly load(DataCatalog.Dataset dataset, DataDirectory dir) {
        Path folder = dir.dataset(dataset.id());
        for (DataCatalog.FileEntry f : dataset.files()) {
            Path p = folder.resolve(f.name());
            if (Files.isRegularFile(p)) {
                if (f.sha256() != null) {
                    for (DataVerifier.FileCheck c : DataVerifier.verify(dataset, dir)) {
                        if (c.file().equals(f.name()) && c.status() != DataVerifier.Status.OK) {
                            throw new DataMissingException(p + ": " + c.detail());
                        }
                    }
                }
                return NetcdfAssemblyReader.read(p);
            }
        }
        if (PlainAssemblyReader.present(folder)) {
            return PlainAssemblyReader.read(folder);
        }
        String expected = dataset.files().stream().map(f -> folder.resolve(f.name()).toString()).toList().toString();
        throw new DataMissingException("data set '" + dataset.id() + "' not found: expected " + expected
                + " or values.npy|values.csv + coords.json in " + folder + ". " + dataset.howToObtain()
                + ". Set BRAINALIGN_DATA to the data directory; use --simulated to run the benchmark on a simulated assembly.");
    }
}
