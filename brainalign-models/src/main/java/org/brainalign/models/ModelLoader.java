package org.brainalign.models;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.brainalign.models.config.ConfigLoader;
import org.brainalign.models.config.DecoderConfig;
import org.brainalign.models.llama2c.Llama2cCheckpoint;
import org.brainalign.models.llama2c.Llama2cTokenizer;
import org.brainalign.models.config.ModelConfig;
import org.brainalign.models.nn.Architecture;
import org.brainalign.models.nn.CheckpointWeights;
import org.brainalign.models.nn.HalfTensor;
import org.brainalign.models.safetensors.DType;
import org.brainalign.models.nn.TransformerModel;
import org.brainalign.models.nn.WeightSource;
import org.brainalign.models.safetensors.Checkpoint;
import org.brainalign.models.tokenizer.ByteLevelBpe;
import org.brainalign.models.tokenizer.TextTokenizer;
import org.brainalign.models.tokenizer.Tokenizers;
import org.brainalign.models.untrained.Preset;
import org.brainalign.models.untrained.Presets;
import org.brainalign.models.untrained.UntrainedWeights;

/**
 * Opens a model from a reference string: a local HuggingFace checkpoint directory
 * ({@code config.json} + safetensors + tokenizer), or {@code untrained:<preset>[@seed]} for a
 * published architecture with HuggingFace's random initialisation.
 *
 * <p>An untrained preset's tokenizer is, in order: the directory given with {@code tokenizer}, the
 * preset's repository in the local HuggingFace hub cache ({@code $HF_HUB_CACHE}, else
 * {@code $HF_HOME/hub}, else {@code ~/.cache/huggingface/hub}), and for GPT-2-vocabulary presets
 * the bundled GPT-2 BPE. Otherwise the error names the repository to download.
 */
public final class ModelLoader {

    /** Prefix of untrained references. */
    public static final String UNTRAINED = "untrained:";

    /**
     * Options of {@link #open}.
     *
     * @param tokenizerDir a directory holding the tokenizer to use instead of the default
     * @param seed seed of untrained weights when the reference has no {@code @seed}
     */
    public record Options(Optional<Path> tokenizerDir, long seed) {
        public static Options defaults() {
            return new Options(Optional.empty(), 0);
        }
    }

    private ModelLoader() {
    }

    /** Opens {@code reference}; the weights live in a child manager of {@code manager}. */
    public static LoadedModel open(String reference, Options options, NDManager manager) {
        if (reference.startsWith(UNTRAINED)) {
            return openUntrained(reference.substring(UNTRAINED.length()), options, manager);
        }
        if (Llama2cCheckpoint.isCheckpointName(Path.of(reference))) {
            return openLlama2c(Path.of(reference), options, manager);
        }
        return openDirectory(Path.of(reference), options, manager);
    }

    private static LoadedModel openUntrained(String spec, Options options, NDManager manager) {
        String name = spec;
        long seed = options.seed();
        int at = spec.indexOf('@');
        if (at >= 0) {
            name = spec.substring(0, at);
            try {
                seed = Long.parseLong(spec.substring(at + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("untrained:" + spec + ": the seed after '@' must be an integer");
            }
        }
        String presetName = name;
        if (Presets.find(name).isEmpty() && Files.isRegularFile(Path.of(name).resolve("config.json"))) {
            return openUntrainedTwin(Path.of(name), seed, options, manager);
        }
        if (Presets.find(name).isEmpty() && Llama2cCheckpoint.isCheckpointName(Path.of(name))) {
            Path file = Path.of(name);
            DecoderConfig config = Llama2cCheckpoint.readConfig(file);
            TextTokenizer tokenizer = Llama2cTokenizer.forCheckpoint(file, options.tokenizerDir(), config.vocabSize());
            return untrained(config, tokenizer, seed, UNTRAINED + llama2cId(file), manager);
        }
        Preset preset = Presets.find(name).orElseThrow(() -> new IllegalArgumentException("unknown untrained preset '"
                + presetName + "' (and no model directory of that name); presets: " + Presets.all().keySet()));
        TextTokenizer tokenizer = options.tokenizerDir().map(Tokenizers::fromDirectory)
                .or(() -> hubCacheSnapshot(preset.hubRepo()).map(Tokenizers::fromDirectory))
                .orElseGet(() -> {
                    if (preset.gpt2Vocabulary()) {
                        return ByteLevelBpe.bundledGpt2();
                    }
                    throw new IllegalArgumentException("untrained:" + presetName + " needs the tokenizer of " + preset.hubRepo()
                            + "; download its tokenizer.json (e.g. `huggingface-cli download " + preset.hubRepo()
                            + " tokenizer.json`) into the HuggingFace cache, or pass --tokenizer <dir>");
                });
        WeightSource weights = new UntrainedWeights(seed);
        try {
            checkVocabulary(preset.config(), tokenizer, "untrained:" + presetName);
            TransformerModel network = Architecture.forConfig(preset.config()).create(preset.config(), weights, manager,
                    preset.bf16() ? HalfTensor.Kind.BF16 : null);
            return new LoadedModel(UNTRAINED + presetName + "@" + seed, network, tokenizer, weights.describe()
                    + (preset.bf16() ? " (matrices as bfloat16)" : ""));
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /**
     * {@code untrained:<dir>[@seed]}: the architecture of the model in {@code dir} (its config.json and
     * tokenizer) with freshly initialised weights — the untrained twin of a trained model. For a run of
     * {@code brainalign train} with the same seed these are exactly its step-0 weights.
     */
    private static LoadedModel openUntrainedTwin(Path dir, long seed, Options options, NDManager manager) {
        ModelConfig config = ConfigLoader.load(dir.resolve("config.json"));
        TextTokenizer tokenizer = Tokenizers.fromDirectory(options.tokenizerDir().orElse(dir));
        return untrained(config, tokenizer, seed, UNTRAINED + dir.toAbsolutePath().normalize().getFileName(), manager);
    }

    private static LoadedModel untrained(ModelConfig config, TextTokenizer tokenizer, long seed, String id, NDManager manager) {
        WeightSource weights = new UntrainedWeights(seed);
        try {
            TransformerModel network = TransformerModel.create(config, weights, manager);
            checkVocabulary(config, tokenizer, id);
            return new LoadedModel(id + "@" + seed, network, tokenizer, weights.describe());
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /**
     * A llama2.c checkpoint ({@code run.c}'s legacy {@code .bin}) with its {@code tok*.bin}: the Llama
     * family with the checkpoint's weights, its query/key rows reordered to HuggingFace's rotary layout.
     */
    private static LoadedModel openLlama2c(Path file, Options options, NDManager manager) {
        Llama2cCheckpoint checkpoint = Llama2cCheckpoint.read(file);
        TextTokenizer tokenizer = Llama2cTokenizer.forCheckpoint(file, options.tokenizerDir(), checkpoint.config().vocabSize());
        try {
            TransformerModel network = TransformerModel.create(checkpoint.config(),
                    Architecture.forConfig(checkpoint.config()).layout().weights(checkpoint.tensors()), manager);
            return new LoadedModel(llama2cId(file), network, tokenizer, "llama2.c " + file);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    private static String llama2cId(Path file) {
        String name = file.toAbsolutePath().normalize().getFileName().toString();
        return name.substring(0, name.length() - ".bin".length());
    }

    private static LoadedModel openDirectory(Path dir, Options options, NDManager manager) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model '" + dir + "' is neither a directory nor untrained:<preset> (presets: "
                    + Presets.all().keySet() + ")");
        }
        Path configFile = dir.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new ModelFormatException(dir + ": no config.json; a HuggingFace model directory needs config.json, "
                    + "model.safetensors (or its index) and a tokenizer");
        }
        ModelConfig config = ConfigLoader.load(configFile);
        TextTokenizer tokenizer = Tokenizers.fromDirectory(options.tokenizerDir().orElse(dir));
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.open(dir);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
        try {
            checkVocabulary(config, tokenizer, dir.toString());
            HalfTensor.Kind half = storedHalf(config, checkpoint);
            TransformerModel network = Architecture.forConfig(config).create(config, weightsFor(config, checkpoint), manager, half);
            if (half == null) {
                checkpoint.close();
            } else {
                network.closeWith(checkpoint); // its 16-bit matrices are views of the mapped files
            }
            return new LoadedModel(dir.toAbsolutePath().normalize().getFileName().toString(), network, tokenizer,
                    checkpoint.describe() + (half == null ? "" : " (matrices held as " + half.name().toLowerCase(java.util.Locale.ROOT)
                            + ")"));
        } catch (RuntimeException e) {
            checkpoint.close();
            tokenizer.close();
            throw e;
        }
    }

    /**
     * The 16-bit format a checkpoint stores every floating-point tensor in (bf16 or fp16), which its
     * matrices are then held in; null (float32) for a float32 or mixed checkpoint, or a family that
     * keeps its own memory layout (GPT-2).
     */
    static HalfTensor.Kind storedHalf(ModelConfig config, Checkpoint checkpoint) {
        if (Architecture.forConfig(config).memory() != Architecture.MemoryLayout.AS_STORED) {
            return null;
        }
        java.util.Set<DType> types = checkpoint.keys().stream().map(k -> checkpoint.info(k).dtype()).filter(DType::isFloat)
                .collect(java.util.stream.Collectors.toSet());
        return types.equals(java.util.Set.of(DType.BF16)) ? HalfTensor.Kind.BF16
                : types.equals(java.util.Set.of(DType.F16)) ? HalfTensor.Kind.F16 : null;
    }

    /** {@code checkpoint}'s tensors as {@code config}'s family lays them out (key prefixes, tensors allowed to stay unused). */
    public static CheckpointWeights weightsFor(ModelConfig config, Checkpoint checkpoint) {
        return Architecture.forConfig(config).layout().weights(checkpoint);
    }

    private static void checkVocabulary(ModelConfig config, TextTokenizer tokenizer, String where) {
        if (tokenizer.vocabularySize() > config.vocabSize()) {
            throw new ModelFormatException(where + ": tokenizer " + tokenizer.describe() + " has " + tokenizer.vocabularySize()
                    + " ids but the model's vocab_size is " + config.vocabSize() + "; they do not belong together");
        }
    }

    /** The newest snapshot directory of {@code repo} in the local HuggingFace hub cache that has a tokenizer. */
    static Optional<Path> hubCacheSnapshot(String repo) {
        return org.brainalign.models.hub.HubCache.newestSnapshot(repo, Tokenizers::present);
    }
}
