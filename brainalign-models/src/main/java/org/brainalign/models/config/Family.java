package org.brainalign.models.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.brainalign.models.nn.Architecture;
import org.brainalign.models.nn.BertModel;
import org.brainalign.models.nn.Gpt2Model;
import org.brainalign.models.nn.OptModel;
import org.brainalign.models.nn.T5EncoderModel;
import org.brainalign.models.nn.DecoderModel;

/**
 * The registry of transformer families, keyed by HuggingFace's {@code model_type}: one line per
 * family names its config reader (in the family's config record) and its {@link Architecture} (in
 * the family's model class). Adding a family is its config record, its model class and one line here;
 * a rotary decoder (GPT-NeoX, Llama, Mistral, Qwen, Gemma, Phi-3, OLMo 2) is only its config reader —
 * a {@link DecoderConfig} with its {@link DecoderSpec} — and one line, on the shared {@link DecoderModel}.
 */
public enum Family {
    GPT2("gpt2", true, (family, f) -> Gpt2Config.read(f), () -> Gpt2Model.ARCHITECTURE),
    BERT("bert", false, BertConfig::read, () -> BertModel.ARCHITECTURE),
    ROBERTA("roberta", false, BertConfig::read, () -> BertModel.ARCHITECTURE),
    XLM_ROBERTA("xlm-roberta", false, BertConfig::read, () -> BertModel.ARCHITECTURE),
    ELECTRA("electra", false, BertConfig::read, () -> BertModel.ARCHITECTURE),
    ALBERT("albert", false, BertConfig::read, () -> BertModel.ARCHITECTURE),
    DISTILBERT("distilbert", false, (family, f) -> BertConfig.readDistilBert(f), () -> BertModel.ARCHITECTURE),
    GPT_NEOX("gpt_neox", true, (family, f) -> GptNeoXConfig.read(f), () -> DecoderModel.GPT_NEOX_ARCHITECTURE),
    LLAMA("llama", true, (family, f) -> LlamaConfig.read(f), () -> DecoderModel.ARCHITECTURE),
    MISTRAL("mistral", true, (family, f) -> MistralConfig.read(f), () -> DecoderModel.ARCHITECTURE),
    QWEN2("qwen2", true, (family, f) -> Qwen2Config.read(f), () -> DecoderModel.ARCHITECTURE),
    QWEN3("qwen3", true, (family, f) -> Qwen3Config.read(f), () -> DecoderModel.ARCHITECTURE),
    GEMMA("gemma", true, (family, f) -> GemmaConfig.read(f), () -> DecoderModel.ARCHITECTURE),
    GEMMA2("gemma2", true, (family, f) -> Gemma2Config.read(f), () -> DecoderModel.ARCHITECTURE),
    PHI3("phi3", true, (family, f) -> Phi3Config.read(f), () -> DecoderModel.ARCHITECTURE),
    OLMO2("olmo2", true, (family, f) -> Olmo2Config.read(f), () -> DecoderModel.ARCHITECTURE),
    OPT("opt", true, (family, f) -> OptConfig.read(f), () -> OptModel.ARCHITECTURE),
    T5("t5", false, (family, f) -> T5Config.read(f), () -> T5EncoderModel.ARCHITECTURE);

    private final String modelType;
    private final boolean causal;
    private final BiFunction<Family, ConfigFields, ModelConfig> reader;
    private final Supplier<Architecture<?>> architecture;

    Family(String modelType, boolean causal, BiFunction<Family, ConfigFields, ModelConfig> reader,
            Supplier<Architecture<?>> architecture) {
        this.modelType = modelType;
        this.causal = causal;
        this.reader = reader;
        this.architecture = architecture;
    }

    /** The {@code model_type} string of {@code config.json}. */
    public String modelType() {
        return modelType;
    }

    /** Whether the family is a left-to-right (causal) language model. */
    public boolean causal() {
        return causal;
    }

    /** The family's parameters, checkpoint layout and model builder. */
    public Architecture<?> architecture() {
        return architecture.get();
    }

    /** Reads the family's config record from the fields of a {@code config.json}. */
    ModelConfig read(ConfigFields fields) {
        return reader.apply(this, fields);
    }

    /** The family whose {@code model_type} is {@code name}. */
    public static Optional<Family> fromModelType(String name) {
        return Arrays.stream(values()).filter(f -> f.modelType.equals(name)).findFirst();
    }

    /** All supported {@code model_type} strings. */
    public static List<String> supportedModelTypes() {
        return Arrays.stream(values()).map(Family::modelType).toList();
    }
}
