package org.brainalign.models.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Optional;
import org.brainalign.models.ModelFormatException;

/**
 * Typed access to the fields of one {@code config.json}. Every error names the file, the key, the
 * expected type and what was found.
 */
final class ConfigFields {

    private final String source;
    private final JsonObject json;

    ConfigFields(String source, JsonObject json) {
        this.source = source;
        this.json = json;
    }

    String source() {
        return source;
    }

    private Optional<JsonElement> get(String key) {
        JsonElement e = json.get(key);
        return e == null || e.isJsonNull() ? Optional.empty() : Optional.of(e);
    }

    /** A nested object's fields (empty object when absent). */
    ConfigFields object(String key) {
        return get(key).map(e -> {
            if (!e.isJsonObject()) {
                throw error(key, "an object", e);
            }
            return new ConfigFields(source + " → " + key, e.getAsJsonObject());
        }).orElseGet(() -> new ConfigFields(source + " → " + key, new JsonObject()));
    }

    boolean has(String key) {
        return get(key).isPresent();
    }

    /** Whether {@code key} is written with the value {@code null} (which differs from absent where a class default is not null). */
    boolean isNull(String key) {
        JsonElement e = json.get(key);
        return e != null && e.isJsonNull();
    }

    /** An integer that may be absent (then {@code fallback}) or null (then empty): HF's {@code Optional[int]} fields. */
    Optional<Integer> nullableInt(String key, Integer fallback) {
        if (isNull(key)) {
            return Optional.empty();
        }
        return optInt(key).or(() -> Optional.ofNullable(fallback));
    }

    /** A list of strings (absent: empty). */
    java.util.List<String> stringList(String key) {
        return get(key).map(e -> {
            if (!e.isJsonArray()) {
                throw error(key, "a list of strings", e);
            }
            java.util.List<String> out = new java.util.ArrayList<>();
            for (JsonElement x : e.getAsJsonArray()) {
                if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) {
                    throw error(key, "a list of strings", e);
                }
                out.add(x.getAsString());
            }
            return out;
        }).orElse(java.util.List.of());
    }

    int requireInt(String key) {
        return optInt(key).orElseThrow(() -> missing(key, "an integer"));
    }

    int intOr(String key, int fallback) {
        return optInt(key).orElse(fallback);
    }

    Optional<Integer> optInt(String key) {
        return get(key).map(e -> {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                throw error(key, "an integer", e);
            }
            double d = e.getAsDouble();
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw error(key, "an integer", e);
            }
            return (int) d;
        });
    }

    double doubleOr(String key, double fallback) {
        return optDouble(key).orElse(fallback);
    }

    Optional<Double> optDouble(String key) {
        return get(key).map(e -> {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
                throw error(key, "a number", e);
            }
            return e.getAsDouble();
        });
    }

    boolean boolOr(String key, boolean fallback) {
        return get(key).map(e -> {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
                throw error(key, "true or false", e);
            }
            return e.getAsBoolean();
        }).orElse(fallback);
    }

    Optional<String> optString(String key) {
        return get(key).map(e -> {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw error(key, "a string", e);
            }
            return e.getAsString();
        });
    }

    Activation activation(String key, String fallback) {
        String name = optString(key).orElse(fallback);
        return Activation.fromHfName(name).orElseThrow(() -> new ModelFormatException(source + ": '" + key
                + "' is '" + name + "'; supported activations are " + Activation.hfNames()));
    }

    ModelFormatException missing(String key, String expected) {
        return new ModelFormatException(source + ": required key '" + key + "' (" + expected + ") is missing");
    }

    ModelFormatException error(String key, String expected, JsonElement found) {
        return new ModelFormatException(source + ": '" + key + "' must be " + expected + ", found " + found);
    }
}
