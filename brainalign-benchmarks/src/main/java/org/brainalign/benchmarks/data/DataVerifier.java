package org.brainalign.benchmarks.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.brainalign.core.digest.FileDigests;
import org.brainalign.core.digest.Sha256;

/**
 * Checks a data directory against the catalog: every expected file present, of the expected size
 * and sha256. Used by {@code brainalign data verify} and by loaders before they trust a file.
 */
public final class DataVerifier {
    /** Outcome for one file. */
    public enum Status {
        OK,
        /** Present and readable, but no checksum is pinned for it (a user's own export). */
        UNPINNED,
        /** The data set is present in brainalign's plain format (values + coords.json), which is not pinned. */
        PLAIN,
        MISSING,
        WRONG_SIZE,
        WRONG_CHECKSUM,
        /** Present but not a readable file of its kind (truncated or corrupt). */
        UNREADABLE;

        /** Whether the file is there and may be used. */
        public boolean usable() {
            return this == OK || this == UNPINNED || this == PLAIN;
        }

        /** Whether a present file is damaged (what makes {@code data verify} exit 1). */
        public boolean corrupt() {
            return this == WRONG_SIZE || this == WRONG_CHECKSUM || this == UNREADABLE;
        }
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
        Path folder = dir.dataset(d.id());
        for (DataCatalog.FileEntry f : d.files()) {
            Path p = folder.resolve(f.name());
            Path bsl = f.bslName() == null ? null : folder.resolve(f.bslName());
            if (bsl != null && Files.isRegularFile(bsl)) {
                out.add(checkBsl(d, f, bsl));
            }
            if (!Files.isRegularFile(p)) {
                if (bsl != null && Files.isRegularFile(bsl)) {
                    continue; // BSL's own file stands for it
                }
                if (!f.alternatives().isEmpty() && PlainAssemblyReader.present(folder)) {
                    out.add(new FileCheck(d.id(), "values + coords.json", Status.PLAIN,
                            "present in brainalign's plain format in " + folder + " (no pinned checksum)"));
                    continue;
                }
                String alt = f.alternatives().isEmpty() ? "" : " (or " + String.join(", or ", f.alternatives()) + ")";
                String bslAlt = f.bslName() == null ? "" : " (or BSL's " + f.bslName() + ")";
                out.add(new FileCheck(d.id(), f.name(), Status.MISSING, "expected " + p + bslAlt + alt + "; get it: " + d.howToGet()));
                continue;
            }
            try {
                long size = Files.size(p);
                if (f.bytes() != null && size != f.bytes()) {
                    out.add(new FileCheck(d.id(), f.name(), Status.WRONG_SIZE,
                            "expected " + f.bytes() + " bytes, found " + size + " (truncated or a different version); " + "get it: " + d.howToGet()));
                    continue;
                }
                if (f.sha256() == null && f.ownSha1() != null) {
                    String wrong = mismatch(p, null, f.ownSha1(), null);
                    out.add(wrong == null ? new FileCheck(d.id(), f.name(), Status.OK, "sha1 " + f.ownSha1())
                            : new FileCheck(d.id(), f.name(), Status.WRONG_CHECKSUM, f.name() + " " + wrong + "; get it: " + d.howToGet()));
                    continue;
                }
                String sha = sha256(p);
                if (f.sha256() == null) {
                    String unreadable = unreadableReason(p);
                    out.add(unreadable != null
                            ? new FileCheck(d.id(), f.name(), Status.UNREADABLE, unreadable + "; get it: " + d.howToGet())
                            : new FileCheck(d.id(), f.name(), Status.UNPINNED, "present and readable, sha256 " + sha
                                    + " (no pinned checksum)"));
                } else if (!f.sha256().equalsIgnoreCase(sha)) {
                    out.add(new FileCheck(d.id(), f.name(), Status.WRONG_CHECKSUM,
                            "expected sha256 " + f.sha256() + ", found " + sha + "; get it: " + d.howToGet()));
                } else {
                    out.add(new FileCheck(d.id(), f.name(), Status.OK, "sha256 " + sha));
                }
            } catch (IOException e) {
                out.add(new FileCheck(d.id(), f.name(), Status.MISSING, "cannot read " + p + ": " + e.getMessage()));
            }
        }
        return out;
    }

    /**
     * The sha256 of catalog file {@code name} of data set {@code d}, after checking that it is present
     * and matches its pinned size and checksum; otherwise an error naming the file, what was expected
     * and how to get the set. What every reader calls before it parses a pinned file.
     */
    public static String requirePinned(DataCatalog.Dataset d, DataDirectory dir, String name) {
        return requirePinned(d, dir.dataset(d.id()), name);
    }

    /** {@link #requirePinned(DataCatalog.Dataset, DataDirectory, String)} for a reader given the set's folder. */
    public static String requirePinned(DataCatalog.Dataset d, Path folder, String name) {
        DataCatalog.FileEntry f = d.files().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("data set " + d.id() + " has no catalog file " + name));
        Path p = DataMissingException.requireFile(d, folder.resolve(name));
        String wrong = mismatch(p, null, null, f.bytes());
        String sha = null;
        if (wrong == null) {
            try {
                sha = FileDigests.inMemory().sha256(p); // each file hashed once per run
            } catch (IOException e) {
                throw new DataMissingException("cannot read " + p + ": " + e.getMessage(), e);
            }
            if (f.sha256() != null && !f.sha256().equalsIgnoreCase(sha)) {
                wrong = "has sha256 " + sha + ", expected " + f.sha256();
            }
        }
        if (wrong != null) {
            throw new DataMissingException(p + " " + wrong + "; a damaged or different copy, not used\n  get it again: "
                    + d.howToGet());
        }
        return sha;
    }

    /** Every pinned file of {@code d} whose name starts with {@code prefix}, checked as {@link #requirePinned} checks one. */
    public static void requirePinnedUnder(DataCatalog.Dataset d, Path folder, String prefix) {
        for (DataCatalog.FileEntry f : d.files()) {
            if (f.name().startsWith(prefix) && f.sha256() != null) {
                requirePinned(d, folder, f.name());
            }
        }
    }

    /**
     * Checks BSL's cached file {@code p} (catalog entry {@code f}'s {@code bslName}) against BSL's
     * published sha1 when the catalog pins one; a mismatch is an error naming the file and both sums.
     */
    public static void requireBslSha1(DataCatalog.Dataset d, DataCatalog.FileEntry f, Path p) {
        if (f.sha1() == null) {
            return;
        }
        String found = sha1OrFail(p);
        if (!f.sha1().equalsIgnoreCase(found)) {
            throw new DataMissingException(p + ": expected BSL's sha1 " + f.sha1() + ", found " + found
                    + " (truncated, corrupt or another version); " + "get it: " + d.howToGet());
        }
    }

    /**
     * What is wrong with {@code p} against its pins (size, sha256, sha1; null pins are not checked),
     * as "has N bytes, expected M (truncated …)" or "has sha256 X, expected Y"; null when it matches.
     */
    public static String mismatch(Path p, String sha256, String sha1, Long bytes) {
        try {
            long size = Files.size(p);
            if (bytes != null && size != bytes) {
                return "has " + size + " bytes, expected " + bytes + (size < bytes ? " (truncated)" : " (another version)");
            }
            if (sha256 != null) {
                String found = DataVerifier.sha256(p);
                if (!sha256.equalsIgnoreCase(found)) {
                    return "has sha256 " + found + ", expected " + sha256;
                }
            }
            if (sha1 != null) {
                String found = DataVerifier.sha1(p);
                if (!sha1.equalsIgnoreCase(found)) {
                    return "has sha1 " + found + ", expected " + sha1;
                }
            }
            return null;
        } catch (IOException e) {
            return "cannot be read (" + e.getMessage() + ")";
        }
    }

    /** The sha1 of a file, or a {@link DataMissingException} naming it. */
    public static String sha1OrFail(Path p) {
        try {
            return sha1(p);
        } catch (IOException e) {
            throw new DataMissingException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** The sha256 of a file, or a {@link DataMissingException} naming it. */
    public static String sha256OrFail(Path p) {
        try {
            return sha256(p);
        } catch (IOException e) {
            throw new DataMissingException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** BSL's own cached file, checked against BSL's published sha1. */
    private static FileCheck checkBsl(DataCatalog.Dataset d, DataCatalog.FileEntry f, Path bsl) {
        try {
            String sha1 = sha1(bsl);
            if (f.sha1() != null && !f.sha1().equalsIgnoreCase(sha1)) {
                return new FileCheck(d.id(), f.bslName(), Status.WRONG_CHECKSUM, "expected BSL's sha1 " + f.sha1() + ", found " + sha1
                        + " (truncated, corrupt or another version); " + "get it: " + d.howToGet());
            }
            return new FileCheck(d.id(), f.bslName(), f.sha1() == null ? Status.UNPINNED : Status.OK, "BSL's file, sha1 " + sha1);
        } catch (IOException e) {
            return new FileCheck(d.id(), f.bslName(), Status.MISSING, "cannot read " + bsl + ": " + e.getMessage());
        }
    }

    /** Why an unpinned file cannot be used (a NetCDF file that does not read as an assembly), or null. */
    static String unreadableReason(Path p) {
        if (!p.getFileName().toString().endsWith(".nc")) {
            return null;
        }
        try {
            NetcdfAssemblyReader.read(p);
            return null;
        } catch (DataMissingException e) {
            return e.getMessage();
        }
    }

    /** The sha1 of a file, hex (BSL pins its assemblies by sha1). */
    public static String sha1(Path p) throws IOException {
        return digest(p, "SHA-1");
    }

    /** The sha256 of a file, hex. */
    public static String sha256(Path p) throws IOException {
        return digest(p, "SHA-256");
    }

    private static String digest(Path p, String algorithm) throws IOException {
        try {
            return Sha256.ofFile(p, MessageDigest.getInstance(algorithm));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }
}
