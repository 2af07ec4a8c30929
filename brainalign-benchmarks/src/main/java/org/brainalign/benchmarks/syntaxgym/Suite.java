package org.brainalign.benchmarks.syntaxgym;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.brainalign.benchmarks.data.DataMissingException;

/**
 * One SyntaxGym test suite (JSON): items, each with conditions whose regions (numbered from 1) make
 * up a sentence, and the prediction formulas every item must satisfy.
 */
public record Suite(String name, List<Item> items, List<Formula> predictions) {

    /** An item: condition name → region contents in region order. */
    public record Item(int number, Map<String, List<String>> conditions) {}

    public static Suite load(Path file) {
        JsonObject root;
        try {
            root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new DataMissingException(file + ": not a readable SyntaxGym suite (" + e.getMessage() + ")", e);
        }
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        if (!root.has("items") || !root.has("predictions")) {
            throw new DataMissingException(file + ": expected 'items' and 'predictions', found " + root.keySet());
        }
        List<Formula> predictions = new ArrayList<>();
        for (JsonElement p : root.getAsJsonArray("predictions")) {
            JsonObject po = p.getAsJsonObject();
            String type = po.has("type") ? po.get("type").getAsString() : "formula";
            if (!type.equals("formula")) {
                throw new DataMissingException(file + ": prediction type '" + type + "' is not supported (only 'formula')");
            }
            try {
                predictions.add(Formula.parse(po.get("formula").getAsString()));
            } catch (IllegalArgumentException e) {
                throw new DataMissingException(file + ": " + e.getMessage(), e);
            }
        }
        List<Item> items = new ArrayList<>();
        for (JsonElement it : root.getAsJsonArray("items")) {
            JsonObject io = it.getAsJsonObject();
            Map<String, List<String>> conditions = new LinkedHashMap<>();
            for (JsonElement c : io.getAsJsonArray("conditions")) {
                JsonObject co = c.getAsJsonObject();
                List<JsonObject> regions = new ArrayList<>();
                co.getAsJsonArray("regions").forEach(r -> regions.add(r.getAsJsonObject()));
                regions.sort(java.util.Comparator.comparingInt(r -> r.get("region_number").getAsInt()));
                List<String> contents = new ArrayList<>();
                for (int k = 0; k < regions.size(); k++) {
                    if (regions.get(k).get("region_number").getAsInt() != k + 1) {
                        throw new DataMissingException(file + ": item " + io.get("item_number") + " condition "
                                + co.get("condition_name") + ": regions must be numbered 1.." + regions.size());
                    }
                    contents.add(regions.get(k).get("content").getAsString().trim());
                }
                conditions.put(co.get("condition_name").getAsString(), List.copyOf(contents));
            }
            items.add(new Item(io.get("item_number").getAsInt(), conditions));
        }
        return new Suite(name, List.copyOf(items), List.copyOf(predictions));
    }
}
