package org.brainalign.benchmarks.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.brainalign.core.digest.Sha256;

/**
 * Checks a data directory against the catalog: every expected file present, of the expected size
 * and sha256. Used by {@code brainalign data verify} and by loaders before they trust a file.
 */
public final class DataVerifier {
    /** Outcome for one file. */
    public enum Status {
        OK,
        UNPINNED,
        MISSING,
        WRONG_SIZE,
        WRONG_CHECKSUM
    }

    /** One file's check; {@code detail} says what was expected and found. */
    public record FileCheck(String dataset, String file, Status status, String detail) {}

    private DataVerifier() {}

    /** Checks every file of every data set in the catalog. */
    public static List<FileCheck> verify(DataCatalog catalog, DataDirectory dir) {
        List<FileCheck> out = new ArrayList<>();
        for (DataCatalog.Dataset d : catalog.datasets()) {
            out.addAll(verify(d, dir));
        }
        return out;
    }

    /** Checks one data set. */
    public static List<FileCheck> verify(DataCatalog.Dataset d, DataDirectory dir) {
        List<FileCheck> out = new ArrayList<>();
        for (DataCatalog.FileEntry f : d.files()) {
            Path p = dir.dataset(d.id()).resolve(f.name());
            if (!Files.isRegularFile(p)) {
                String alt = f.alternatives().isEmpty() ? "" : " (or " + String.join(", or ", f.alternatives()) + ")";
                out.add(new FileCheck(d.id(), f.name(), Status.MISSING, "expected " + p + alt + "; " + d.howToObtain()));
                continue;
            }
            try {
                long size = Files.size(p);
                if (f.bytes() != null && size != f.bytes()) {
                    out.add(new FileCheck(d.id(), f.name(), Status.WRONG_SIZE,
                            "expected " + f.bytes() + " bytes, found " + size + " (truncated or a different version); " + d.howToObtain()));
                    continue;
                }
                String sha = sha256(p);
                if (f.sha256() == null) {
                    out.add(new FileCheck(d.id(), f.name(), Status.UNPINNED, "present, sha256 " + sha + " (no pinned checksum)"));
                } else if (!f.sha256().equalsIgnoreCase(sha)) {
                    out.add(new FileCheck(d.id(), f.name(), Status.WRONG_CHECKSUM,
                            "expected sha256 " + f.sha256() + ", found " + sha + "; " + d.howToObtain()));
                } else {
                    out.add(new FileCheck(d.id(), f.name(), Status.OK, "sha256 " + sha));
                }
            } catch (IOException e) {
                out.add(new FileCheck(d.id(), f.name(), Status.MISSING, "cannot read " + p + ": " + e.getMessage()));
            }
        }
        return out;
    }

    /** The sha256 of a file, hex. */
    public static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = Sha256.newDigest();
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return Sha256.hex(md);
        }
    }
}
