package io.sentiflow.it.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.deploy.cluster.ClusterPaths;
import io.sentiflow.deploy.cluster.FlinkClusterConfig;
import io.sentiflow.deploy.cluster.FlinkRest;
import io.sentiflow.deploy.cluster.LocalZooKeeper;
import io.sentiflow.deploy.cluster.StandaloneFlinkCluster;
import io.sentiflow.it.reliability.IdTally;
import io.sentiflow.it.reliability.Recovery;
import io.sentiflow.it.reliability.ReliabilityFigures;
import io.sentiflow.it.reliability.ReliabilityReport;
import io.sentiflow.it.support.CommittedOutput;
import io.sentiflow.it.support.TopicIo;
import io.sentiflow.job.ScoringJob;
import io.sentiflow.testing.KafkaBrokerExtension;
import io.sentiflow.testing.TinyModels;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded scoring job on a real standalone Flink cluster: a JobManager and two TaskManagers,
 * each its own process, started from the jars Maven copied to deploy's flink-cluster/lib, with
 * ZooKeeper high availability (one ZooKeeper process, shared by the class), the job submitted
 * through the REST API as an operator would. Each test gets a fresh cluster.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES) // bounds a hang on the shared machine, not speed
class StandaloneClusterITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final int PARALLELISM = 2;
    private static final Duration DEADLINE = Duration.ofMinutes(4);
    private static final String ALREADY_LOADED = "already loaded in another classloader";
    /** Recovery's 30 s, plus the lost JobManager's ZooKeeper session that the new one waits out. */
    private static final Duration JOB_MANAGER_BOUND = Recovery.BOUND.plusSeconds(15);

    @TempDir static Path store;
    @TempDir static Path zooKeeperDir;
    @TempDir Path work;
    @TempDir Path checkpoints;

    private static LocalZooKeeper zooKeeper;

    private StandaloneFlinkCluster cluster;
    private FlinkRest rest;
    private ClusterTexts texts;

    @BeforeAll
    static void trainModelAndStartZooKeeper() throws IOException {
        TinyModels.trainAndPromote(store, 7L);
        zooKeeper = new LocalZooKeeper(ClusterPaths.flinkLib(), zooKeeperDir, freePort());
        zooKeeper.start(Duration.ofMinutes(1));
    }

    @AfterAll
    static void stopZooKeeper() {
        if (zooKeeper != null) {
            zooKeeper.close();
        }
    }

    @BeforeEach
    void startCluster() throws IOException {
        // Each TaskManager has twice the job's parallelism in slots, so the job fits on a survivor alone.
        cluster = new StandaloneFlinkCluster(FlinkClusterConfig.local(ClusterPaths.flinkLib(), work.resolve("flink"),
                freePort(), freePort(), 2 * PARALLELISM)
                .withZooKeeperHa(zooKeeper.quorum(), work.resolve("ha"), "/" + UUID.randomUUID()));
        cluster.start();
        rest = new FlinkRest(cluster.config().restUrl());
        texts = new ClusterTexts(KAFKA);
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void recoversOnTheSurvivingTaskManagerAndWritesEveryTextExactlyOnce() throws Exception {
        ClusterTexts.Topics topics = texts.topics("failover");
        List<String> ids = new ArrayList<>(texts.send(topics.raw(), 0, 1_500));
        String job = rest.run(rest.uploadJar(ClusterPaths.jobJar()), ScoringJob.class.getName(),
                jobArguments(topics, "fixed-delay"));
        assertThat(KAFKA.readAll(topics.scored(), 300, DEADLINE)).as("first committed output").hasSizeGreaterThan(299);

        ids.addAll(texts.send(topics.raw(), 1_500, 1_500));
        // Kill a TaskManager that runs the job's tasks (slots need not be spread over both).
        java.util.Set<String> hosts = rest.taskManagersOf(job);
        int victim = StandaloneFlinkCluster.taskManagerId(0).equals(hosts.iterator().next()) ? 0 : 1;
        assertThat(hosts).contains(StandaloneFlinkCluster.taskManagerId(victim));
        cluster.killTaskManager(victim);
        cluster.awaitTaskManagers(1, Duration.ofMinutes(1));
        await("job restarted and running on the survivor", () -> {
            String state = rest.state(job);
            assertThat(state).as("job state; last failure: %s", rest.rootException(job)).isNotEqualTo("FAILED");
            return rest.restarts(job) >= 1 && state.equals("RUNNING") && rest.allTasksRunning(job);
        });

        assertThat(KAFKA.readAll(topics.scored(), ids.size(), DEADLINE)).as("committed output").hasSize(ids.size());
        stop(job);
        assertThat(texts.committedIds(topics.scored())).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(KAFKA.readAll(topics.dlq(), 1, Duration.ofSeconds(2))).as("dead letters").isEmpty();
    }

    @Test
    void runsAgainAfterCancelAndResubmitWithTheNativeLibrariesLoadedOnce() throws Exception {
        ClusterTexts.Topics first = texts.topics("first-run");
        List<String> ids = texts.send(first.raw(), 0, 500);
        String jar = rest.uploadJar(ClusterPaths.jobJar());
        String firstJob = rest.run(jar, ScoringJob.class.getName(), jobArguments(first, "none"));
        assertThat(KAFKA.readAll(first.scored(), ids.size(), DEADLINE)).hasSize(ids.size());
        stop(firstJob);

        ClusterTexts.Topics second = first.withFreshOutputs(texts, "second-run");
        String secondJob = rest.run(jar, ScoringJob.class.getName(), jobArguments(second, "none"));
        assertThat(KAFKA.readAll(second.scored(), ids.size(), DEADLINE)).as("resubmitted job's output")
                .hasSize(ids.size());
        assertThat(rest.state(secondJob)).isEqualTo("RUNNING");
        assertThat(rest.restarts(secondJob)).isZero();
        stop(secondJob);
        assertThat(texts.committedIds(second.scored())).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(taskManagerLogs()).noneMatch(line -> line.toLowerCase().contains(ALREADY_LOADED));
    }

    @Test
    void aJobManagerStartedAfterTheLostOneResumesTheJobFromItsLatestCheckpointWithEveryTextOnce() throws Exception {
        ClusterTexts.Topics topics = texts.topics("jobmanager-loss");
        List<String> ids = new ArrayList<>(texts.send(topics.raw(), 0, 1_500));
        String job = rest.run(rest.uploadJar(ClusterPaths.jobJar()), ScoringJob.class.getName(),
                jobArguments(topics, "fixed-delay"));
        Recovery recovery;
        long restored;
        try (CommittedOutput out = CommittedOutput.follow(new TopicIo(KAFKA), topics.scored())) {
            out.awaitDistinct(300, DEADLINE);
            ids.addAll(texts.send(topics.raw(), 1_500, 1_500));
            Instant fault = Instant.now();
            cluster.killJobManager();
            cluster.startJobManager();
            await("job recovered by the new JobManager and running", () -> runningAgain(job));
            Map<TopicPartition, Long> end = out.committedEnd();
            recovery = new Recovery(fault, out.awaitCommittedPast(end, DEADLINE), JOB_MANAGER_BOUND);
            out.awaitDistinct(ids.size(), DEADLINE);
            restored = rest.restoredCheckpoint(job);
        }
        stop(job);
        IdTally scored = IdTally.of(ids, texts.committedIds(topics.scored()));
        ReliabilityReport.record(ReliabilityFigures.builder("jobmanager-lost-standalone-ha",
                        "The JobManager of a standalone cluster (ZooKeeper HA; a JobManager and two TaskManagers, "
                                + "each a process) killed (SIGKILL) mid-stream and started again on the same ports, "
                                + "as a supervisor would: it led once the lost one's ZooKeeper session (6 s) expired, "
                                + "recovered the job from ZooKeeper and restored its latest checkpoint. Restarts are "
                                + "JobManager restarts; recovery runs from the kill to the first record committed "
                                + "after the job ran again, bound 45 s (30 s and the session).")
                .tally(scored)
                .restarts(cluster.jobManagerRestarts())
                .recovery(recovery)
                .detail("checkpoint restored by the new JobManager", restored)
                .detail("job restarts on the new JobManager (numRestarts)", rest.restarts(job))
                .build());
        assertThat(scored).as("committed output").isEqualTo(new IdTally(ids.size(), ids.size(), 0, 0, 0));
        assertThat(restored).as("checkpoint restored").isPositive();
        recovery.assertWithinBound();
    }

    /** Whether the job runs every task again, asked of whichever JobManager answers; false while none does. */
    private boolean runningAgain(String job) throws InterruptedException {
        try {
            return rest.state(job).equals("RUNNING") && rest.allTasksRunning(job);
        } catch (IOException e) {
            return false;
        }
    }

    /** The job's program arguments: its own consumer group and transactional ids, checkpoints every second. */
    private List<String> jobArguments(ClusterTexts.Topics topics, String restartStrategy) {
        String unique = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
        return List.of(
                "--sentiflow.kafka.bootstrap-servers", KAFKA.bootstrapServers(),
                "--sentiflow.job.raw-topic", topics.raw(),
                "--sentiflow.job.scored-topic", topics.scored(),
                "--sentiflow.job.dlq-topic", topics.dlq(),
                "--sentiflow.job.updates-topic", topics.updates(),
                "--sentiflow.job.alerts-topic", topics.alerts(),
                "--sentiflow.model.store", store.toString(),
                "--sentiflow.scoring.onnx-threads", "1",
                "--sentiflow.job.group-id", unique,
                "--sentiflow.job.transactional-id-prefix", unique,
                "--sentiflow.job.transaction-timeout", "2 min",
                "--sentiflow.job.checkpoint-interval", "1 s",
                "--sentiflow.job.checkpoint-dir", checkpoints.resolve(unique).toUri().toString(),
                "--sentiflow.job.parallelism", Integer.toString(PARALLELISM),
                "--restart-strategy.type", restartStrategy,
                "--restart-strategy.fixed-delay.attempts", "100",
                "--restart-strategy.fixed-delay.delay", "1 s");
    }

    /** Cancels the job and waits until it is cancelled, which aborts its open transactions. */
    private void stop(String job) throws Exception {
        rest.cancel(job);
        await("job " + job + " cancelled", () -> rest.state(job).equals("CANCELED"));
    }

    private List<String> taskManagerLogs() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> logs = Files.list(cluster.config().logDir())) {
            for (Path log : logs.filter(f -> f.getFileName().toString().startsWith("taskmanager")).toList()) {
                lines.addAll(Files.readAllLines(log, UTF_8));
            }
        }
        return lines;
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(250); // a poll interval, bounded by the deadline above
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
