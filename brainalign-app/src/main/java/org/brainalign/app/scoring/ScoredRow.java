package org.brainalign.app.scoring;

import java.io.Serializable;
import org.brainalign.app.store.ResultsStore;
import org.brainalign.core.ceiling.Ceiling;
import org.brainalign.core.score.LayerScore;

/**
 * One scored layer as the results store records it: which model (and data kind), which benchmark,
 * what the run was (benchmark version, provenance, context policy, software), the ceiling, and the
 * layer's score. Serializable, so that a scoring task on another machine can send it to the one
 * process that writes the store.
 */
public record ScoredRow(ResultsStore.ModelKey key, String benchmark, ResultsStore.RunInfo info, Ceiling ceiling, LayerScore layer)
        implements Serializable {}
