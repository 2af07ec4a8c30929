package org.brainalign.models;

/**
 * A model file (checkpoint, config, tokenizer) that cannot be used as it is. The message always
 * names the file, the key or field, what was expected and what was found, so that a user can fix
 * the input without reading our code.
 */
public final class ModelFormatException extends RuntimeException {

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
