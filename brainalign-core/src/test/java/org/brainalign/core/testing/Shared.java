package org.brainalign.core.testing;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the tests find the shared folder's parts — the real data sets, the tiny HuggingFace fixtures,
 * the reference vectors and the trained models — in one place for every module: the environment
 * variable when set, else the build's default ({@code ../shared/<part>} beside the checkout, which
 * {@code bin/test} also exports). A test whose part is absent is skipped (JUnit assumption) with a
 * one-line reason saying what to set or fetch; it never fails on a missing or null path.
 */
public final class Shared {
    /** One part of the shared folder. */
    public enum Part {
        DATA("BRAINALIGN_DATA", "brainalign.data.default", "real data sets", "bin/brainalign data fetch <set> gets one"),
        FIXTURES("BRAINALIGN_FIXTURES", "brainalign.fixtures.default", "tiny HuggingFace fixtures", "they ship in the shared folder"),
        REFERENCE("BRAINALIGN_REFERENCE", "brainalign.reference.default", "reference vectors", "they ship in the shared folder"),
        MODELS("BRAINALIGN_MODELS", "brainalign.models.default", "trained models", "they ship in the shared folder");

        final String variable;
        final String property;
        final String what;
        final String how;

        Part(String variable, String property, String what, String how) {
            this.variable = variable;
            this.property = property;
            this.what = what;
            this.how = how;
        }
    }

    private Shared() {}

    /** The part's directory if it exists, else empty. */
    public static Optional<Path> find(Part part) {
        String v = System.getenv(part.variable);
        String dir = v != null && !v.isBlank() ? v : System.getProperty(part.property, "");
        if (dir.isBlank()) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(dir);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Whether the part is present. */
    public static boolean present(Part part) {
        return find(part).isPresent();
    }

    /** The part's directory; the calling test is skipped, with the reason, when it is absent. */
    public static Path require(Part part) {
        Optional<Path> p = find(part);
        Assumptions.assumeTrue(p.isPresent(), () -> reason(part));
        return p.orElseThrow();
    }

    /** {@code name} inside the part; skipped with the reason when it is absent (a data set not fetched). */
    public static Path require(Part part, String name) {
        Path p = require(part).resolve(name);
        Assumptions.assumeTrue(Files.exists(p), () -> part.what + ": " + name + " not found in " + p.getParent() + " ("
                + (part == Part.DATA ? "bin/brainalign data fetch " + name : part.how) + ")");
        return p;
    }

    /** Why a test that needs the part is skipped. */
    public static String reason(Part part) {
        return part.what + " not found: set " + part.variable + " or put the shared folder beside the checkout as ../shared ("
                + part.how + ")";
    }
}
