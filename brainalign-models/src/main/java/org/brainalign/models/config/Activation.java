package org.brainalign.models.config;

import java.util.Map;
import java.util.Optional;

/** Feed-forward non-linearities named as in HuggingFace configs ({@code activation_function}, {@code hidden_act}). */
public enum Activation {
    /** Exact GELU, x·Φ(x) ({@code gelu}). */
    GELU_ERF,
    /** GPT-2's tanh approximation of GELU ({@code gelu_new}, {@code gelu_pytorch_tanh}). */
    GELU_TANH,
    /** x·σ(x) ({@code silu}, {@code swish}). */
    SILU,
    /** max(0, x). */
    RELU;

    private static final Map<String, Activation> BY_NAME = Map.of(
            "gelu", GELU_ERF, "gelu_new", GELU_TANH, "gelu_pytorch_tanh", GELU_TANH, "gelu_fast", GELU_TANH,
            "silu", SILU, "swish", SILU, "relu", RELU);

    /** The activation HuggingFace calls {@code name}. */
    public static Optional<Activation> fromHfName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The canonical HuggingFace name of this activation, as written into a config. */
    public String hfName() {
        return switch (this) {
            case GELU_ERF -> "gelu";
            case GELU_TANH -> "gelu_new";
            case SILU -> "silu";
            case RELU -> "relu";
        };
    }

    /** Names accepted by {@link #fromHfName}. */
    public static java.util.Set<String> hfNames() {
        return new java.util.TreeSet<>(BY_NAME.keySet());
    }
}
