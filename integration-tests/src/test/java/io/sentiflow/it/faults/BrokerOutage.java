package io.sentiflow.it.faults;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.deploy.broker.LocalKafkaBroker;
import io.sentiflow.it.reliability.Recovery;
import io.sentiflow.it.support.CommittedOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.checkpoint.FailedCheckpointStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.ErrorInfo;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.CommonTestUtils;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.kafka.common.TopicPartition;

/**
 * One stop and restart of the test's own broker under a running job, and what it measured: when
 * the broker stopped, when it answered again, when the first record committed after that was
 * read, and the job's restarts, failed checkpoints and failed commits. Used by one test thread.
 */
final class BrokerOutage {

    private static final long POLL_MILLIS = 100;
    /** What Kafka's transaction coordinator logs when it aborts a transaction older than its timeout. */
    private static final String TIMED_OUT = "due to timeout";

    private final LocalKafkaBroker broker;
    private final Instant stopped;
    private Instant back;
    private Instant firstCommitted;
    private long restarts;
    private long failedCheckpoints;
    private long failedCommittables;
    private String lastFailure = "none";
    private List<String> checkpointFailures = List.of();

    private BrokerOutage(LocalKafkaBroker broker, Instant stopped) {
        this.broker = broker;
        this.stopped = stopped;
    }

    /** Stops the broker (SIGTERM) and notes when: the fault. */
    static BrokerOutage stop(LocalKafkaBroker broker) {
        Instant stopped = Instant.now();
        assertThat(broker.stop()).as("broker stopped").isTrue();
        return new BrokerOutage(broker, stopped);
    }

    /**
     * Starts the broker again once it has been down {@code atLeast} and {@code until} holds, which
     * must happen within {@code deadline} after that.
     */
    void restart(Duration atLeast, BooleanSupplier until, Duration deadline) throws Exception {
        CommonTestUtils.waitUntilCondition(
                () -> Duration.between(stopped, Instant.now()).compareTo(atLeast) >= 0 && until.getAsBoolean(),
                POLL_MILLIS, (int) (atLeast.plus(deadline).toMillis() / POLL_MILLIS));
        broker.start();
        back = Instant.now();
    }

    /**
     * Reads the committed end now (nothing can be committed while the broker is down, so all of it
     * was committed before the stop or since the broker answered), runs {@code thenSend}, and waits
     * for the first record committed past that end.
     */
    void awaitOutput(CommittedOutput out, Runnable thenSend, Duration deadline) {
        Map<TopicPartition, Long> end = out.committedEnd();
        thenSend.run();
        firstCommitted = out.awaitCommittedPast(end, deadline);
    }

    /**
     * Reads the job's restarts, failed checkpoints and failed commits, why its checkpoints failed and
     * what failed it last (and when, from the stop); call before the job ends.
     */
    void readJob(MiniCluster cluster, InMemoryReporter metrics, JobID job) throws Exception {
        restarts = FaultRuns.restarts(metrics, job);
        failedCheckpoints = FaultRuns.jobGauge(metrics, job, "numberOfFailedCheckpoints");
        failedCommittables = Committables.failed(metrics, job);
        AccessExecutionGraph graph = cluster.getExecutionGraph(job).get();
        ErrorInfo failure = graph.getFailureInfo();
        if (failure != null) {
            lastFailure = failure.getExceptionAsString().lines().findFirst().orElse("") + ", "
                    + FaultRuns.seconds(Duration.between(stopped, Instant.ofEpochMilli(failure.getTimestamp())))
                    + " after the stop";
        }
        checkpointFailures = graph.getCheckpointStatsSnapshot().getHistory().getCheckpoints().stream()
                .filter(FailedCheckpointStats.class::isInstance)
                .map(stats -> ((FailedCheckpointStats) stats).getFailureMessage())
                .distinct()
                .toList();
    }

    /** From the stop to the first record committed after the broker answered again, held to {@code bound}. */
    Recovery recovery(Duration bound) {
        return new Recovery(stopped, firstCommitted, bound);
    }

    Duration downtime() {
        return Duration.between(stopped, back);
    }

    Duration fromBack() {
        return Duration.between(back, firstCommitted);
    }

    long restarts() {
        return restarts;
    }

    long failedCheckpoints() {
        return failedCheckpoints;
    }

    long failedCommittables() {
        return failedCommittables;
    }

    /** The job's last failure (what restarted it) and when, or {@code none}. */
    String lastFailure() {
        return lastFailure;
    }

    /** The distinct reasons of the failed checkpoints Flink still lists. */
    List<String> checkpointFailures() {
        return checkpointFailures;
    }

    /** Transactions of ids starting with {@code prefix} that Kafka rolled back as timed out, from its log. */
    static long timedOutTransactions(Path brokerLog, String prefix) {
        try (Stream<String> lines = Files.lines(brokerLog, UTF_8)) {
            return lines.filter(line -> line.contains(TIMED_OUT) && line.contains("transactionalId " + prefix))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + brokerLog, e);
        }
    }
}
