package org.brainalign.spark;

import java.io.Serializable;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.brainalign.app.scoring.ScoredRow;
import org.brainalign.app.scoring.ScoringService;
import org.brainalign.app.store.ResultsStore;
import org.brainalign.benchmarks.Benchmark;
import org.brainalign.benchmarks.BenchmarkRegistry;
import org.brainalign.benchmarks.DataSource;
import org.brainalign.benchmarks.RunOptions;
import org.brainalign.benchmarks.data.DataCatalog;
import org.brainalign.benchmarks.data.DataDirectory;
import org.brainalign.core.runtime.ThreadPolicy;
import org.brainalign.models.nn.TorchThreads;
import org.brainalign.models.registry.ModelRegistry;
import org.brainalign.models.registry.ModelRequest;
import org.brainalign.models.registry.OpenedModel;
import org.brainalign.models.subject.ContextWindow;

/**
 * Runs one {@link ScoringJob} on an executor: sets libtorch's and OpenBLAS's threads as serial
 * {@code brainalign score} sets them on that machine ({@code BRAINALIGN_THREADS}, else the cores it
 * detects), because the numerics of both libraries depend on their thread count and a task must
 * store exactly what serial scoring stores (give each task a whole machine with
 * {@code spark.task.cpus} to avoid oversubscription); verifies the benchmark's data
 * files against their pinned checksums, opens the model, and scores it through
 * {@link ScoringService} — the code path of {@code brainalign score} — collecting the rows. A job
 * whose rows are all in the store already is skipped; any failure (a bad model directory, a corrupt
 * file) becomes a {@link JobResult.Status#FAILED} result with its cause instead of failing the task,
 * so the other jobs go on.
 *
 * @param dataDir the data directory as seen by the executors (a shared path)
 * @param layers {@code all} or layer names
 * @param bootstrapSeed seed of the intervals
 * @param recomputeCeiling whether ceilings are computed from the data
 * @param complete keys ({@link #key}) of jobs already complete in the store
 */
public record ScoreTask(String dataDir, String layers, long bootstrapSeed, boolean recomputeCeiling, Set<String> complete)
        implements Serializable {

    /** The store key of a job once its model is open: model id, checkpoint, data kind, benchmark, version. */
    static String key(ResultsStore.ModelKey model, String benchmark, int version) {
        return model.model() + "|" + model.checkpoint() + "|" + model.data() + "|" + benchmark + "|" + version;
    }

    /** Runs {@code job} with serial scoring's thread count. */
    public JobResult run(ScoringJob job) {
        long start = System.nanoTime();
        String host = host();
        try {
            TorchThreads.apply(ThreadPolicy.choose(null));
            DataSource source = new DataSource(new DataDirectory(Path.of(dataDir)), DataCatalog.bundled(), job.simulated(), null);
            Benchmark b = BenchmarkRegistry.create(job.benchmark(), source);
            b.prepareData(); // missing or corrupt data fails here, before the model is loaded
            try (OpenedModel model = ModelRegistry.open(job.model(), new ModelRequest(java.util.Optional.empty(), 0, layers,
                    ContextWindow.defaults()))) {
                ResultsStore.ModelKey key = new ResultsStore.ModelKey(model.id(), model.checkpoint(), b.simulated());
                // The driver records a checkpoint whose name the store holds from another checkpoint as name@<fingerprint>.
                ResultsStore.ModelKey renamed = new ResultsStore.ModelKey(ResultsStore.renamedId(model.id(), model.checkpoint()),
                        model.checkpoint(), b.simulated());
                if (complete.contains(key(key, b.id(), b.version())) || complete.contains(key(renamed, b.id(), b.version()))) {
                    return new JobResult(job, JobResult.Status.ALREADY_IN_STORE, List.of(), null, host, seconds(start));
                }
                JobResult.Limits limits = new JobResult.Limits(model.id(), model.checkpoint(),
                        new java.util.LinkedHashMap<>(model.cannot()));
                var refusal = ScoringService.cannotRun(b, model);
                if (refusal.isPresent()) {
                    return new JobResult(job, JobResult.Status.NOT_RUN, List.of(), refusal.get(), host, seconds(start), limits);
                }
                List<ScoredRow> rows = new ArrayList<>();
                ScoringService.score(b, model.variants(), null, key, new ScoringService.Options(recomputeCeiling, bootstrapSeed),
                        RunOptions.Progress.NONE, ScoringService.Caches.NONE, new ScoringService.RowSink() {
                            @Override
                            public void layer(ScoredRow row) {
                                rows.add(row);
                            }

                            @Override
                            public void all(List<ScoredRow> all) {
                                rows.addAll(all);
                            }
                        });
                return new JobResult(job, JobResult.Status.SCORED, rows, null, host, seconds(start), limits);
            }
        } catch (Exception | LinkageError e) {
            return new JobResult(job, JobResult.Status.FAILED, List.of(), e.getClass().getSimpleName() + ": " + e.getMessage(), host,
                    seconds(start));
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
