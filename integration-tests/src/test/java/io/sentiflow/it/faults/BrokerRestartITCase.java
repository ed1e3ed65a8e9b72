package io.sentiflow.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.deploy.broker.BrokerConfig;
import io.sentiflow.deploy.broker.LocalKafkaBroker;
import io.sentiflow.it.reliability.IdTally;
import io.sentiflow.it.reliability.Recovery;
import io.sentiflow.it.reliability.ReliabilityFigures;
import io.sentiflow.it.reliability.ReliabilityReport;
import io.sentiflow.it.support.CommittedOutput;
import io.sentiflow.it.support.PipelineTopics;
import io.sentiflow.it.support.ScoringRuns;
import io.sentiflow.it.support.TopicIo;
import io.sentiflow.job.ScoringJobConfig;
import io.sentiflow.job.ScoringJobOptions;
import io.sentiflow.testing.KafkaBrokerExtension;
import io.sentiflow.testing.TinyModels;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker under a running scoring job stops and starts again (same ports, same log dirs) in the
 * middle of a 20,000-text stream, once for a few seconds and once for longer than the job's
 * transaction timeout: the committed output holds every text exactly once and no alert twice.
 * The test runs a broker of its own, since the shared one must not go away under other tests.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES) // bounds a hang on a shared 2-core machine, not speed
class BrokerRestartITCase {

    private static final int RECORDS = 20_000;
    private static final int HALF = RECORDS / 2;
    private static final Duration DEADLINE = Duration.ofMinutes(4);

    /**
     * Kafka looks for timed-out transactions every 10 s by default; every half second here, so that
     * it aborts the job's open ones as soon as it is back, before the job could write to them again.
     */
    private static final String ABORT_CHECK_MS = "500";

    private static final InMemoryReporter METRICS = InMemoryReporter.create();

    @RegisterExtension static final MiniClusterExtension FLINK = ScoringRuns.miniCluster(METRICS);

    @TempDir static Path store;
    @TempDir static Path brokerData;

    private static LocalKafkaBroker broker;

    @TempDir Path checkpoints;

    private final TopicIo io = new TopicIo(() -> broker.config().bootstrapServers(), 1024 * 1024);

    @BeforeAll
    static void startBrokerAndPublishModel() throws IOException {
        try (ServerSocket port = new ServerSocket(0); ServerSocket controller = new ServerSocket(0)) {
            broker = new LocalKafkaBroker(BrokerConfig.builder()
                    .port(port.getLocalPort())
                    .controllerPort(controller.getLocalPort())
                    .dataDir(brokerData)
                    .libDir(KafkaBrokerExtension.brokerLibDir())
                    .property("transaction.abort.timed.out.transaction.cleanup.interval.ms", ABORT_CHECK_MS)
                    .build());
        }
        broker.start();
        TinyModels.promote(store, TinyModels.untrainedInto(store, 13L));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void jobRecoversByItselfWithEveryTextOnceAndNoAlertTwice(@InjectMiniCluster MiniCluster cluster) throws Exception {
        PipelineTopics topics = PipelineTopics.create(bootstrap(), "broker-restart", 2);
        JobClient job = ScoringRuns.start(FaultRuns.recovering(configuration(topics)), KafkaConnection.of(bootstrap()));
        BrokerOutage outage;
        try (CommittedOutput out = CommittedOutput.follow(io, topics.scored())) {
            io.send(FaultRuns.texts(topics.raw(), 0, HALF));
            out.awaitDistinct(HALF / 5, DEADLINE);
            outage = BrokerOutage.stop(broker);
            outage.restart(Duration.ZERO, () -> true, DEADLINE);
            outage.awaitOutput(out, () -> io.send(FaultRuns.texts(topics.raw(), HALF, RECORDS)), DEADLINE);
            out.awaitDistinct(RECORDS, DEADLINE);
            outage.readJob(cluster, METRICS, job.getJobID());
        } finally {
            job.cancel().get();
        }
        Recovery recovery = outage.recovery(Recovery.BOUND);
        record("broker-restart", "The only Kafka broker stopped (SIGTERM) and started again at once on the same "
                + "ports and log dirs while the job scored a 20,000-text stream; recovery runs from the stop to the "
                + "first record committed after the broker answered again.", topics, outage, recovery, Map.of());
        recovery.assertWithinBound();
    }

    /**
     * Down longer than the transaction timeout, Kafka aborts the job's open transactions when it is
     * back, and the checkpoint waiting on them expires first (the job keeps its checkpoint timeout
     * below the transaction timeout): the job restarts from its last completed checkpoint, whose
     * transactions were committed before the broker stopped, and writes the aborted texts again.
     */
    @Test
    void brokerDownPastTheTransactionTimeoutRestartsTheJobFromItsLastCheckpointWithEveryTextOnce(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        PipelineTopics topics = PipelineTopics.create(bootstrap(), "broker-outage", 2);
        Configuration conf = FaultRuns.recovering(configuration(topics));
        // Checkpoints far apart, so none completes between the last commit and the stop.
        conf.set(ScoringJobOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(5));
        conf.set(ScoringJobOptions.TRANSACTION_TIMEOUT, Duration.ofSeconds(20));
        Duration down = conf.get(ScoringJobOptions.TRANSACTION_TIMEOUT).plusSeconds(10);
        JobClient running = ScoringRuns.start(conf, KafkaConnection.of(bootstrap()));
        JobID id = running.getJobID();
        BrokerOutage outage;
        try (CommittedOutput out = CommittedOutput.follow(io, topics.scored())) {
            io.send(FaultRuns.texts(topics.raw(), 0, HALF / 2));
            out.awaitDistinct(HALF / 5, DEADLINE);
            Committables.awaitCheckpointCommitted(METRICS, id, DEADLINE);
            // Texts in flight when the broker stops: the job's open transactions hold them.
            io.send(FaultRuns.texts(topics.raw(), HALF / 2, HALF));
            outage = BrokerOutage.stop(broker);
            outage.restart(down, () -> FaultRuns.jobGauge(METRICS, id, "numberOfFailedCheckpoints") > 0, DEADLINE);
            outage.awaitOutput(out, () -> io.send(FaultRuns.texts(topics.raw(), HALF, RECORDS)), DEADLINE);
            out.awaitDistinct(RECORDS, DEADLINE);
            outage.readJob(cluster, METRICS, id);
        } finally {
            running.cancel().get();
        }
        String prefix = conf.get(ScoringJobOptions.TRANSACTIONAL_ID_PREFIX);
        long abortedByKafka = BrokerOutage.timedOutTransactions(broker.config().logFile(), prefix);
        Recovery recovery = outage.recovery(outage.downtime().plus(Recovery.BOUND));
        ScoringJobConfig job = ScoringJobConfig.fromConfiguration(conf);
        record("broker-down-past-transaction-timeout", "The only Kafka broker stopped for longer than the job's "
                + FaultRuns.seconds(job.transactionTimeout()) + " transaction timeout (checkpoints every "
                + FaultRuns.seconds(job.checkpointInterval()) + ", expiring after "
                + FaultRuns.seconds(job.checkpointTimeout()) + ") while texts were in flight, right after a "
                + "checkpoint's transactions were committed, then started again: the checkpoint waiting on the broker "
                + "expired, the job restarted from its last completed checkpoint, Kafka (back) rolled the open "
                + "transactions back as timed out, and the restarted job wrote their texts again. Recovery runs from "
                + "the stop; its bound is the time down plus 30 s.",
                topics, outage, recovery,
                Map.of("job transactions Kafka rolled back as timed out (broker log)", abortedByKafka));
        assertThat(outage.checkpointFailures()).as("why checkpoints failed")
                .contains(CheckpointFailureReason.CHECKPOINT_EXPIRED.message());
        assertThat(outage.restarts()).as("restarts from the last checkpoint").isPositive();
        assertThat(outage.failedCommittables()).as("committed transactions that failed to commit").isZero();
        assertThat(abortedByKafka).as("the job's transactions Kafka rolled back as timed out").isPositive();
        recovery.assertWithinBound();
    }

    private Configuration configuration(PipelineTopics topics) {
        return ScoringRuns.configuration(topics, store.toString(), checkpoints, false);
    }

    private static String bootstrap() {
        return broker.config().bootstrapServers();
    }

    /** Records the figures, then holds them to exactly once: every id once, no alert state twice. */
    private void record(String scenario, String title, PipelineTopics topics, BrokerOutage outage, Recovery recovery,
            Map<String, Object> more) {
        IdTally scored = IdTally.of(FaultRuns.ids(RECORDS), FaultRuns.keys(io.readCommitted(topics.scored())));
        List<String> alerts = FaultRuns.alertStates(io.readCommitted(topics.alerts()));
        ReliabilityFigures.Builder figures = ReliabilityFigures.builder(scenario, title)
                .tally(scored)
                .restarts(outage.restarts())
                .recovery(recovery)
                .detail("recovery from the broker answering again", FaultRuns.seconds(outage.fromBack()))
                .detail("broker down (stop to answering again)", FaultRuns.seconds(outage.downtime()))
                .detail("checkpoints failed or expired", outage.failedCheckpoints())
                .detail("committables that failed to commit", outage.failedCommittables())
                .detail("why checkpoints failed (Flink's checkpoint history)", outage.checkpointFailures().isEmpty()
                        ? "none listed" : outage.checkpointFailures())
                .detail("the job's last failure", outage.lastFailure());
        more.forEach(figures::detail);
        ReliabilityReport.record(figures
                .detail("alerts committed (id/state)", alerts.size())
                .detail("alerts repeated", FaultRuns.repeats(alerts))
                .build());
        assertThat(scored).as("committed output").isEqualTo(new IdTally(RECORDS, RECORDS, 0, 0, 0));
        assertThat(alerts).as("committed alerts").isNotEmpty().doesNotHaveDuplicates();
    }
}
