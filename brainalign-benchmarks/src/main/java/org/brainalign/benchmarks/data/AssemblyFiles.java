package org.brainalign.benchmarks.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.brainalign.core.assembly.Assembly;

/**
 * Finds and reads one neural data set's assembly from the data directory, in this order: the
 * catalog's NetCDF file ({@code <data>/<id>/<Identifier>.nc}, an export; its sha256 checked when
 * pinned), BSL's own cached file ({@code assy_<Identifier>.nc}, checked against BSL's published
 * sha1), else the plain format in {@code <data>/<id>/}. A file that fails its check or does not read
 * is an error naming it — never a fallback to the next form; if none is there, the error names the
 * expected files and how to obtain them.
 */
public final class AssemblyFiles {
    private AssemblyFiles() {}

    public static Assembly load(DataCatalog.Dataset dataset, DataDirectory dir) {
        Path folder = dir.dataset(dataset.id());
        for (DataCatalog.FileEntry f : dataset.files()) {
            for (String name : new String[] {f.name(), f.bslName()}) {
                if (name == null || !Files.isRegularFile(folder.resolve(name))) {
                    continue;
                }
                Path p = folder.resolve(name);
                if (name.equals(f.name())) {
                    if (f.sha256() != null) {
                        DataVerifier.requirePinned(dataset, dir, name);
                    }
                } else {
                    DataVerifier.requireBslSha1(dataset, f, p);
                }
                return NetcdfAssemblyReader.read(p);
            }
        }
        if (PlainAssemblyReader.present(folder)) {
            return PlainAssemblyReader.read(folder);
        }
        DataCatalog.FileEntry first = dataset.files().getFirst();
        throw DataMissingException.missing(dataset, folder.resolve(first.name()), (first.bslName() == null ? "" : "or BSL's "
                + first.bslName() + ", ") + "or values.npy + coords.json; --simulated runs on a simulated assembly");
    }
}
