package org.brainalign.benchmarks.data;

/**
 * A benchmark's data file is absent, truncated or corrupt. The message names the file, what was
 * expected, what was found, and how to obtain the data.
 */
public final class DataMissingException extends RuntimeException {
    public DataMissingException(String message) {
        super(message);
    }

    public DataMissingException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code file} when it is a regular file; otherwise the two-line missing-data error of {@code dataset}. */
    public static java.nio.file.Path requireFile(DataCatalog.Dataset dataset, java.nio.file.Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw missing(dataset, file, "");
        }
        return file;
    }

    /**
     * The one message every reader gives for a data file that is not there, in two lines: the file
     * (and the other forms accepted, if any), where the data directory comes from, and the command or
     * source that gets the set.
     *
     * @param alsoAccepted other files that would do instead, e.g. "or BSL's assy_Tuckute2024_language.nc"; may be empty
     */
    public static DataMissingException missing(DataCatalog.Dataset dataset, java.nio.file.Path file, String alsoAccepted) {
        return new DataMissingException("data set '" + dataset.id() + "' is missing " + file + (alsoAccepted.isEmpty() ? ""
                : " (" + alsoAccepted + ")") + "\n  set BRAINALIGN_DATA or --data-dir to the folder that holds " + dataset.id()
                + "/, or get it: " + dataset.howToGet());
    }
}
