package org.brainalign.models.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The transformer families brainalign implements, keyed by HuggingFace's {@code model_type}. */
public enum Family {
    GPT2("gpt2", true),
    BERT("bert", false),
    ROBERTA("roberta", false),
    LLAMA("llama", true),
    GPT_NEOX("gpt_neox", true);

    private final String modelType;
    private final boolean causal;

    Family(String modelType, boolean causal) {
        this.modelType = modelType;
        this.causal = causal;
    }

    /** The {@code model_type} string of {@code config.json}. */
    public String modelType() {
        return modelType;
    }

    /** Whether the family is a left-to-right (causal) language model. */
    public boolean causal() {
        return causal;
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
