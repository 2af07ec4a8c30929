package org.brainalign.spark;

import java.io.Serializable;

/**
 * One unit of work of the Spark job: a model scored on one benchmark, every layer, in one task
 * (which loads the model once).
 *
 * @param model the {@code --model} form (a directory, {@code untrained:gpt2@0}, a baseline name)
 * @param benchmark a benchmark id
 * @param simulated whether the benchmark runs on simulated recordings ({@code simulated:<id>} in the list)
 */
public record ScoringJob(String model, String benchmark, boolean simulated) implements Serializable {

    /** Parses one entry of {@code --benchmarks}: {@code <id>} or {@code simulated:<id>}. */
    static ScoringJob of(String model, String entry) {
        boolean simulated = entry.startsWith("simulated:");
        return new ScoringJob(model, simulated ? entry.substring("simulated:".length()) : entry, simulated);
    }

    @Override
    public String toString() {
        return model + " × " + (simulated ? "simulated:" : "") + benchmark;
    }
}
