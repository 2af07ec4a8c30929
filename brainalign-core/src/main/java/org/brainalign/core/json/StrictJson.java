package org.brainalign.core.json;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * JSON as RFC 8259 defines it, for files a user hands brainalign ({@code config.json}, tokenizers,
 * catalogs): no comments, no single quotes, no unquoted names, nothing after the value. Gson's own
 * parser is lenient by default and its messages point at its troubleshooting page; here a file that
 * is not JSON is an {@link IllegalArgumentException} naming the source, the line and the column.
 */
public final class StrictJson {
    private StrictJson() {}

    /** Parses {@code text}; {@code source} (a file name) starts every error message. */
    public static JsonElement parse(String source, String text) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException(source + ": not JSON: more text after the value (" + where(reader) + ")");
            }
            return root;
        } catch (JsonParseException | IOException e) {
            throw new IllegalArgumentException(source + ": not JSON (" + plain(e.getMessage()) + ")", e);
        }
    }

    private static String where(JsonReader reader) {
        String path = reader.toString();
        int at = path.indexOf(" at line ");
        return at < 0 ? path : path.substring(at + 1);
    }

    /** Gson's message without its advice to turn leniency on and without its troubleshooting link. */
    static String plain(String message) {
        if (message == null) {
            return "malformed";
        }
        String m = message;
        int see = m.indexOf("\nSee ");
        if (see >= 0) {
            m = m.substring(0, see);
        }
        m = m.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON ", "malformed JSON ");
        int cause = m.lastIndexOf("MalformedJsonException: ");
        return (cause >= 0 ? m.substring(cause + "MalformedJsonException: ".length()) : m).strip();
    }
}
