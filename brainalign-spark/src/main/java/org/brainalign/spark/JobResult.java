package org.brainalign.spark;

import java.io.Serializable;
import java.util.List;
import org.brainalign.app.scoring.ScoredRow;

/**
 * What a task sends back to the driver: the job's store rows (all of them, or none when it was
 * already complete in the store or failed), the cause of a failure, and where and how long it ran.
 *
 * @param job the job
 * @param status what happened
 * @param rows the rows to record
 * @param error a failure's cause (exception class and message), or why the model cannot run the benchmark, else null
 * @param host the executor's host name
 * @param seconds wall time of the task
 * @param limits what the model cannot give by its kind, once it was opened (else null)
 */
public record JobResult(ScoringJob job, Status status, List<ScoredRow> rows, String error, String host, double seconds,
        Limits limits) implements Serializable {

    /** A job that ended before its model was opened. */
    public JobResult(ScoringJob job, Status status, List<ScoredRow> rows, String error, String host, double seconds) {
        this(job, status, rows, error, host, seconds, null);
    }

    /**
     * What an opened model cannot give (parts' words to reasons), under its id and checkpoint, for
     * the store's leaderboard to show n/a rather than 0.
     */
    public record Limits(String model, String checkpoint, java.util.LinkedHashMap<String, String> cannot) implements Serializable {}

    /** How a job ended: NOT_RUN when the model cannot give what the benchmark needs (GloVe has no surprisal). */
    public enum Status { SCORED, ALREADY_IN_STORE, NOT_RUN, FAILED }
}
