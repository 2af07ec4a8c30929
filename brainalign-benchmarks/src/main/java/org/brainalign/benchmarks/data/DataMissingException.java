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
}
