package org.brainalign.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.brainalign.models.registry.ModelRegistry;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.brainalign.app.scoring.ScoredRow;
import org.brainalign.app.store.ResultsStore;
import org.brainalign.benchmarks.data.DataDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import scala.runtime.BoxedUnit;

/**
 * Scores models × benchmarks on Apache Spark ({@code spark-submit --class org.brainalign.spark.ScoreJob},
 * or {@code bin/brainalign-spark} in local mode). Each (model, benchmark) is one task, which loads the
 * model once and scores every layer through the same scoring service as {@code brainalign score}.
 * Results come back to the driver as each task finishes; the driver is the store's only writer and
 * records each job's rows in one transaction, so a job is either wholly in the store or not at all,
 * and {@code --resume} skips the jobs already there. A job that fails (bad model directory, corrupt
 * file) is reported with its cause and the others go on; the exit code is then 1. A pair the model cannot run
 * (GloVe on a surprisal benchmark) is reported as not run, in words, and does not change the exit code. A single
 * llama2.c checkpoint given to {@code --models} is that model, not a list file, and relative model paths are made
 * absolute on the driver.
 */
@Command(name = "brainalign-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Score models x benchmarks on Apache Spark into one results store.")
public final class ScoreJob implements Callable<Integer> {
    @Option(names = "--models", required = true, split = ",", paramLabel = "<model,...|file>",
            description = "Models (any 'brainalign score --model' form), comma-separated, or a file with one per line.")
    List<String> models;
    @Option(names = "--benchmarks", required = true, split = ",", paramLabel = "<id,...|file>",
            description = "Benchmark ids (simulated:<id> for simulated recordings), comma-separated, or a file with one per line.")
    List<String> benchmarks;
    @Option(names = "--store", required = true, description = "The results store (SQLite) the driver writes.")
    Path store;
    @Option(names = "--layers", defaultValue = "all", description = "Layers to score (default ${DEFAULT-VALUE}).")
    String layers;
    @Option(names = "--resume", description = "Skip (model, benchmark) jobs already in the store.")
    boolean resume;
    @Option(names = "--data-dir", description = "Data directory as the executors see it (a shared path; default $BRAINALIGN_DATA).")
    Path dataDir;
    @Option(names = "--master", description = "Spark master (e.g. local[2], spark://host:7077); default: as spark-submit sets it.")
    String master;
    @Option(names = "--conf", paramLabel = "<key=value>", description = "A Spark setting, as spark-submit's --conf (repeatable).")
    java.util.Map<String, String> sparkConf = new java.util.LinkedHashMap<>();
    @Option(names = "--bootstrap-seed", defaultValue = "0", description = "Seed of the confidence intervals (default ${DEFAULT-VALUE}).")
    long bootstrapSeed;
    @Option(names = "--recompute-ceiling", description = "Compute ceilings from the data instead of using published ones.")
    boolean recomputeCeiling;

    private PrintWriter out = new PrintWriter(System.out, true);

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the job with these arguments; the exit code. */
    public static int run(PrintWriter stdout, PrintWriter stderr, String... args) {
        ScoreJob job = new ScoreJob();
        job.out = stdout;
        CommandLine cli = new CommandLine(job);
        cli.setOut(stdout);
        cli.setErr(stderr);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            stderr.println("error: " + e.getMessage());
            return 2;
        });
        cli.setParameterExceptionHandler(org.brainalign.app.Main::badArguments);
        return cli.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        // A single llama2.c checkpoint is a model, not a list; a relative path is made absolute here, on the driver,
        // so that every executor reads the same file whatever its working directory.
        List<String> modelList = (models.size() == 1 && ModelRegistry.isModelFile(models.getFirst().strip())
                ? List.of(models.getFirst().strip()) : expand(models)).stream().map(ModelRegistry::withAbsolutePaths).toList();
        List<String> benchmarkList = expand(benchmarks);
        List<ScoringJob> jobs = new ArrayList<>();
        for (String m : modelList) {
            for (String b : benchmarkList) {
                jobs.add(ScoringJob.of(m, b));
            }
        }
        Path data = dataDir != null ? dataDir : DataDirectory.fromEnvironment().root();
        SparkConf conf = new SparkConf().setAppName("brainalign score: " + modelList.size() + " models x " + benchmarkList.size()
                + " benchmarks").set("spark.ui.enabled", "false");
        if (master != null) {
            conf.setMaster(master);
            if (master.startsWith("local")) {
                conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
            }
        }
        sparkConf.forEach(conf::set);
        int[] counts = new int[6]; // scored, already stored, failed; task attempts lost, executors lost; not run
        try (ResultsStore db = ResultsStore.open(store); JavaSparkContext sc = new JavaSparkContext(conf)) {
            ScoreTask task = new ScoreTask(data.toAbsolutePath().toString(), layers, bootstrapSeed, recomputeCeiling,
                    resume ? db.jobKeys() : java.util.Set.of());
            out.printf(Locale.ROOT, "%d jobs (%d models x %d benchmarks) on %s; store %s%n", jobs.size(), modelList.size(),
                    benchmarkList.size(), sc.master(), store);
            sc.sc().addSparkListener(new org.apache.spark.scheduler.SparkListener() {
                @Override
                public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
                    if (!(end.reason() instanceof org.apache.spark.Success$)) {
                        synchronized (counts) {
                            counts[3]++;
                        }
                    }
                }

                @Override
                public void onExecutorRemoved(org.apache.spark.scheduler.SparkListenerExecutorRemoved removed) {
                    synchronized (counts) {
                        counts[4]++;
                    }
                }
            });
            JavaRDD<ScoringJob> rdd = sc.parallelize(jobs, jobs.size());
            scala.Function2<TaskContext, scala.collection.Iterator<ScoringJob>, List<JobResult>> work = runner(task);
            scala.Function2<Object, List<JobResult>, BoxedUnit> handler = (partition, results) -> {
                for (JobResult r : results) {
                    record(db, r, counts);
                }
                return BoxedUnit.UNIT;
            };
            @SuppressWarnings("unchecked")
            scala.reflect.ClassTag<List<JobResult>> tag = (scala.reflect.ClassTag<List<JobResult>>) (Object)
                    scala.reflect.ClassTag$.MODULE$.apply(List.class);
            sc.sc().runJob(rdd.rdd(), work, handler, tag);
        }
        out.printf(Locale.ROOT, "done: %d scored, %d already in the store, %d failed%s%n", counts[0], counts[1], counts[2],
                counts[5] > 0 ? ", " + counts[5] + " not run (the model cannot give what the benchmark needs)" : "");
        if (counts[3] > 0 || counts[4] > 0) {
            out.printf(Locale.ROOT, "Spark reran %d task attempts that did not finish (%d executors lost)%n", counts[3], counts[4]);
        }
        return counts[2] > 0 ? 1 : 0;
    }

    /** The executor side: each job of the partition, run with serial scoring's thread count. */
    private static scala.Function2<TaskContext, scala.collection.Iterator<ScoringJob>, List<JobResult>> runner(ScoreTask task) {
        return (scala.Function2<TaskContext, scala.collection.Iterator<ScoringJob>, List<JobResult>> & java.io.Serializable)
                (context, it) -> {
                    List<JobResult> out = new ArrayList<>();
                    while (it.hasNext()) {
                        out.add(task.run(it.next()));
                    }
                    return out;
                };
    }

    /** The driver side: one job's rows into the store in one transaction, and a line saying what happened. */
    private synchronized void record(ResultsStore db, JobResult r, int[] counts) {
        if (r.limits() != null) {
            db.recordLimits(db.recordedId(r.limits().model(), r.limits().checkpoint()).id(), r.limits().checkpoint(),
                    r.limits().cannot());
        }
        switch (r.status()) {
            case SCORED -> {
                List<ScoredRow> rows = r.rows();
                if (!rows.isEmpty()) {
                    ScoredRow first = rows.getFirst();
                    ResultsStore.ModelKey key = first.key();
                    ResultsStore.RecordedId recorded = db.recordedId(key.model(), key.checkpoint());
                    recorded.note().ifPresent(out::println);
                    key = new ResultsStore.ModelKey(recorded.id(), key.checkpoint(), key.simulated());
                    db.recordAll(key, first.benchmark(), first.info(), first.ceiling(), rows.stream().map(ScoredRow::layer)
                            .toList());
                }
                counts[0]++;
                out.printf(Locale.ROOT, "%s: %d layers in %.1f s on %s%n", r.job(), rows.size(), r.seconds(), r.host());
            }
            case ALREADY_IN_STORE -> {
                counts[1]++;
                out.printf("%s: already in the store%n", r.job());
            }
            case NOT_RUN -> {
                counts[5]++;
                out.printf("%s: not run: %s%n", r.job(), r.error());
            }
            case FAILED -> {
                counts[2]++;
                out.printf("%s: FAILED on %s: %s%n", r.job(), r.host(), r.error());
            }
        }
        out.flush();
    }

    /** A single existing file stands for its non-blank lines (but # comments); otherwise the values as given. */
    private static List<String> expand(List<String> values) throws IOException {
        if (values.size() == 1 && Files.isRegularFile(Path.of(values.getFirst()))) {
            return Files.readAllLines(Path.of(values.getFirst())).stream().map(String::strip)
                    .filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
        }
        return values.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
