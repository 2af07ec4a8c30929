package org.brainalign.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on loopback, inside the test: Spark's own Master and two Workers as
 * separate JVMs bound to 127.0.0.1 (each worker with one core, so the two jobs run on different
 * executors), the job submitted to it; the store's rows must equal those of {@code brainalign score}
 * run serially. Every process is stopped at the end.
 */
class StandaloneClusterTest {
    @TempDir
    Path tmp;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopCluster() throws Exception {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static List<String> jvm(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(sparkFlags());
        cmd.addAll(List.of("-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The JVM flags this test JVM runs with that Spark needs (its --add-opens), for the cluster's JVMs. */
    static List<String> sparkFlags() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--enable-native-access") || a.startsWith("-Dio.netty")
                        || a.startsWith("-Djdk.reflect") || a.startsWith("-Dai.djl") || a.startsWith("--add-modules")).toList();
    }

    private Process start(String name, java.util.Map<String, String> env, List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private void awaitLog(String name, String text) throws Exception {
        Path log = tmp.resolve(name + ".log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " did not log '" + text + "' within 90 s:\n" + (Files.exists(log) ? Files.readString(log) : ""));
    }

    /** Starts a Master and two one-core Workers on loopback; the master URL. */
    private String startCluster() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path sparkHome = Files.createDirectories(tmp.resolve("spark-home/jars"));
        java.util.Map<String, String> env = java.util.Map.of("SPARK_HOME", sparkHome.getParent().toString(), "SPARK_SCALA_VERSION",
                "2.13", "JAVA_HOME", System.getProperty("java.home"), "SPARK_LOCAL_IP", "127.0.0.1");
        start("master", env, jvm("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--webui-port", "0"));
        awaitLog("master", "I have been elected leader");
        String url = "spark://127.0.0.1:" + port;
        for (int w = 1; w <= 2; w++) {
            start("worker" + w, env, jvm("org.apache.spark.deploy.worker.Worker", url, "--host", "127.0.0.1", "--cores", "1",
                    "--memory", "2g", "--webui-port", "0", "--work-dir", Files.createDirectories(tmp.resolve("work" + w)).toString()));
        }
        awaitLog("worker1", "Successfully registered with master");
        awaitLog("worker2", "Successfully registered with master");
        return url;
    }

    /** The job's arguments for this cluster: executors get this JVM's class path and Spark flags. */
    private static List<String> clusterArgs(String url, Path store, String models, String benchmarks) {
        return List.of("--master", url, "--models", models, "--benchmarks", benchmarks, "--store", store.toString(),
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.executor.extraClassPath=" + System.getProperty("java.class.path"),
                "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", sparkFlags()) + " -Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "--conf", "spark.executor.memory=1g", "--conf", "spark.executor.cores=1");
    }

    private static Path serial(Path tmp, List<String> models, boolean withSimulated) {
        Path serial = tmp.resolve("serial.db");
        for (String model : models) {
            ScoreJobTest.cli("score", "--model", model, "--benchmark", "Tuckute2024-ridge", "--store", serial.toString(),
                    "--no-progress", "--no-activation-cache");
            if (withSimulated) {
                ScoreJobTest.cli("score", "--model", model, "--benchmark", "Pereira2018.243sentences-ridge", "--simulated", "--store",
                        serial.toString(), "--no-progress", "--no-activation-cache");
            }
        }
        return serial;
    }

    @Test
    void aLoopbackMasterWithTwoWorkersScoresWhatSerialScoreWrites() throws Exception {
        String url = startCluster();
        String trained = ScoreJobTest.fixture("tiny-gpt2").toString();
        String untrained = "untrained:" + ScoreJobTest.fixture("tiny-gpt2") + "@2";
        Path serial = serial(tmp, List.of(trained, untrained), false);
        Path store = tmp.resolve("cluster.db");
        StringWriter out = new StringWriter();
        int code = ScoreJob.run(new PrintWriter(out, true), new PrintWriter(out, true),
                clusterArgs(url, store, trained + "," + untrained, "Tuckute2024-ridge").toArray(String[]::new));
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("done: 2 scored, 0 already in the store, 0 failed");
        assertThat(ScoreJobTest.rows(store)).isEqualTo(ScoreJobTest.rows(serial)).hasSize(2 * 5);
    }

    /**
     * A worker JVM (with its executor) killed while it runs a task: Spark reruns the lost tasks on
     * the other worker, the store ends complete, equal to the serial rows, with no job recorded twice.
     */
    @Test
    void aWorkerKilledMidRunLosesNothing() throws Exception {
        String url = startCluster();
        List<String> models = List.of(ScoreJobTest.fixture("tiny-gpt2").toString(), "untrained:" + ScoreJobTest.fixture("tiny-gpt2") + "@3");
        Path serial = serial(tmp, models, true);
        Path store = tmp.resolve("cluster.db");
        StringWriter out = new StringWriter();
        var job = java.util.concurrent.Executors.newSingleThreadExecutor().submit(() -> ScoreJob.run(new PrintWriter(out, true),
                new PrintWriter(out, true), clusterArgs(url, store, String.join(",", models),
                        "Tuckute2024-ridge,simulated:Pereira2018.243sentences-ridge").toArray(String[]::new)));
        // Wait until worker 1 has launched its executor and the job has run a while (the 4 tasks take
        // tens of seconds on two one-core executors), then kill the worker and everything it started.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        boolean launched = false;
        while (!launched && System.nanoTime() < deadline && !job.isDone()) {
            try (var files = Files.walk(tmp.resolve("work1"))) {
                launched = files.anyMatch(f -> f.getFileName().toString().equals("stderr"));
            }
            Thread.sleep(50);
        }
        Thread.sleep(6000);
        assertThat(launched && !job.isDone()).as("worker 1's executor runs while the job is still going; job output: %s", out)
                .isTrue();
        Process worker1 = processes.get(1);
        worker1.descendants().forEach(ProcessHandle::destroyForcibly);
        worker1.destroyForcibly();
        int code = job.get(5, TimeUnit.MINUTES);
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("done: 4 scored, 0 already in the store, 0 failed").contains("1 executors lost");
        List<String> rows = ScoreJobTest.rows(store);
        assertThat(rows).isEqualTo(ScoreJobTest.rows(serial)).hasSize(4 * 5).doesNotHaveDuplicates();
    }
}
