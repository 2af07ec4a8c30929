package org.brainalign.models.config;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.brainalign.models.ModelFormatException;

/**
 * Reads a HuggingFace {@code config.json} into the typed record of its family (each record reads its
 * own fields; {@link Family} says which record a {@code model_type} is). Keys follow
 * HuggingFace, including both spellings transformers has used over time (e.g. {@code rope_theta}
 * vs {@code rope_parameters.rope_theta}, {@code rotary_pct} vs
 * {@code rope_parameters.partial_rotary_factor}); defaults are HuggingFace's. A missing size key or
 * an unknown {@code model_type} is an error naming the file and listing what is supported.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** Reads {@code file} (a {@code config.json}). */
    public static ModelConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ModelFormatException(file + ": not UTF-8 text, so not a JSON model config", e);
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot read model config (" + e.getMessage() + ")", e);
        }
        return parse(file.toString(), text);
    }

    /** Parses config JSON {@code text}; {@code source} names it in errors. */
    public static ModelConfig parse(String source, String text) {
        JsonElement root;
        try {
            root = org.brainalign.core.json.StrictJson.parse(source, text);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(e.getMessage(), e);
        }
        if (root == null || !root.isJsonObject()) {
            throw new ModelFormatException(source + ": a model config must be a JSON object");
        }
        ConfigFields fields = new ConfigFields(source, root.getAsJsonObject());
        String modelType = fields.optString("model_type").orElseThrow(() -> fields.missing("model_type",
                "one of " + Family.supportedModelTypes()));
        Family family = Family.fromModelType(modelType).orElseThrow(() -> new ModelFormatException(source
                + ": model_type '" + modelType + "' is not supported; supported model types are "
                + Family.supportedModelTypes()));
        try {
            return family.read(fields);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source + ": " + e.getMessage(), e);
        }
    }





}
