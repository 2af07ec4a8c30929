package org.brainalign.models.train;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.brainalign.models.config.Gpt2Config;
import org.brainalign.models.safetensors.SafetensorsFile;
import org.brainalign.models.safetensors.SafetensorsWriter;

/**
 * Writes a trained GPT-2 as a HuggingFace model directory ({@code config.json} for
 * {@code GPT2LMHeadModel} and {@code model.safetensors}) and the TopoLM unit positions next to it
 * ({@code topo_positions.safetensors}: per spatial output a [C, 2] tensor of (row, column) grid
 * coordinates). Files are written to a temporary name and moved into place, so a reader never
 * sees half a file.
 */
public final class HfExport {

    /** File holding the unit positions of a topographic (or control) model. */
    public static final String POSITIONS = "topo_positions.safetensors";

    private HfExport() {
    }

    /** Writes {@code config.json} and {@code model.safetensors} for {@code model} into {@code dir}. */
    public static void write(Path dir, TrainableGpt2 model, Map<String, String> metadata) throws IOException {
        Files.createDirectories(dir);
        Gpt2Config c = model.config();
        JsonObject config = new JsonObject();
        JsonArray architectures = new JsonArray();
        architectures.add("GPT2LMHeadModel");
        config.add("architectures", architectures);
        config.addProperty("model_type", "gpt2");
        config.addProperty("n_layer", c.numLayers());
        config.addProperty("n_embd", c.hiddenSize());
        config.addProperty("n_head", c.numHeads());
        config.addProperty("n_positions", c.maxPositions());
        config.addProperty("n_ctx", c.maxPositions());
        config.addProperty("n_inner", c.nInner());
        config.addProperty("vocab_size", c.vocabSize());
        config.addProperty("activation_function", c.activation().hfName());
        config.addProperty("layer_norm_epsilon", c.layerNormEpsilon());
        config.addProperty("initializer_range", c.initializerRange());
        config.addProperty("scale_attn_weights", c.scaleAttnWeights());
        config.addProperty("scale_attn_by_inverse_layer_idx", c.scaleAttnByInverseLayerIdx());
        config.addProperty("tie_word_embeddings", true);
        config.addProperty("resid_pdrop", 0.0);
        config.addProperty("embd_pdrop", 0.0);
        config.addProperty("attn_pdrop", 0.0);
        config.addProperty("bos_token_id", c.vocabSize() - 1);
        config.addProperty("eos_token_id", c.vocabSize() - 1);
        config.addProperty("torch_dtype", "float32");
        writeAtomically(dir.resolve("config.json"),
                new GsonBuilder().setPrettyPrinting().create().toJson(config).getBytes(StandardCharsets.UTF_8));
        SafetensorsWriter w = new SafetensorsWriter();
        model.hfTensors().forEach((k, v) -> w.add(k, model.hfShape(k), v));
        w.metadata("format", "pt");
        metadata.forEach(w::metadata);
        w.write(dir.resolve("model.safetensors"));
    }

    /** Writes the unit positions of every spatial output ({@code names[i]} on {@code grids[i]}). */
    public static void writePositions(Path dir, List<String> names, List<UnitGrid> grids, Map<String, String> metadata)
            throws IOException {
        SafetensorsWriter w = new SafetensorsWriter();
        for (int i = 0; i < names.size(); i++) {
            int[] cells = grids.get(i).cellOfUnit();
            int side = grids.get(i).side();
            float[] rc = new float[2 * cells.length];
            for (int u = 0; u < cells.length; u++) {
                rc[2 * u] = cells[u] / side;
                rc[2 * u + 1] = cells[u] % side;
            }
            w.add(names.get(i), new long[] {cells.length, 2}, rc);
        }
        metadata.forEach(w::metadata);
        w.write(dir.resolve(POSITIONS));
    }

    /**
     * Reads the unit positions of spatial outputs {@code names} from {@code dir}, with errors that
     * name the file and the tensor when one is missing or not a permutation of the grid.
     */
    public static List<UnitGrid> readPositions(Path dir, List<String> names, int units) {
        Path file = dir.resolve(POSITIONS);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + ": no " + POSITIONS + "; models trained with `brainalign train` have one."
                    + " For other models pass --positions-seed to lay units out at random");
        }
        int side = UnitGrid.sideFor(units);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            return names.stream().map(name -> {
                if (!f.keys().contains(name)) {
                    throw new IllegalArgumentException(file + ": no tensor '" + name + "'");
                }
                float[] rc = f.floats(name);
                if (rc.length != 2 * units) {
                    throw new IllegalArgumentException(file + ": tensor '" + name + "' has " + rc.length + " values; expected "
                            + units + " × 2 (row, column)");
                }
                int[] cells = new int[units];
                for (int u = 0; u < units; u++) {
                    float r = rc[2 * u];
                    float col = rc[2 * u + 1];
                    if (r != Math.rint(r) || col != Math.rint(col) || r < 0 || col < 0 || r >= side || col >= side) {
                        throw new IllegalArgumentException(file + ": tensor '" + name + "' unit " + u + " sits at (" + r + ", " + col
                                + "), not a cell of the " + side + " × " + side + " grid");
                    }
                    cells[u] = (int) r * side + (int) col;
                }
                try {
                    return new UnitGrid(side, cells);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": tensor '" + name + "': " + e.getMessage(), e);
                }
            }).toList();
        }
    }

    static void writeAtomically(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
