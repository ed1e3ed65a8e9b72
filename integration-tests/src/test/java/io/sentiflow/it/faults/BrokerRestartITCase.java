package io.sentiflow.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.deploy.broker.BrokerConfig;
import io.sentiflow.deploy.broker.LocalKafkaBroker;
import io.sentiflow.it.reliability.IdTally;
import io.sentiflow.it.reliability.ReliabilityFigures;
import io.sentiflow.it.reliability.ReliabilityReport;
import io.sentiflow.it.support.PipelineTopics;
import io.sentiflow.it.support.ScoringRuns;
import io.sentiflow.it.support.TopicIo;
import io.sentiflow.testing.KafkaBrokerExtension;
import io.sentiflow.testing.TinyModels;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker under a running scoring job stops and starts again (same ports, same log dirs) in the
 * middle of a 20,000-text stream: the job recovers by itself, through client retries or its
 * restart strategy, and the committed output holds every text exactly once and no alert twice.
 * The test runs a broker of its own, since the shared one must not go away under other tests.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // bounds a hang on a shared 2-core machine, not speed
class BrokerRestartITCase {

    private static final int RECORDS = 20_000;
    private static final int HALF = RECORDS / 2;
    private static final Duration DEADLINE = Duration.ofMinutes(4);

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
    void jobRecoversByItselfWithEveryTextOnceAndNoAlertTwice() throws Exception {
        String bootstrap = broker.config().bootstrapServers();
        PipelineTopics topics = PipelineTopics.create(bootstrap, "broker-restart", 2);
        JobClient job = ScoringRuns.start(
                FaultRuns.recovering(ScoringRuns.configuration(topics, store.toString(), checkpoints, false)),
                KafkaConnection.of(bootstrap));
        Duration recovery;
        Duration downtime;
        long restarts;
        long failedCheckpoints;
        try (CommittedOutput out = CommittedOutput.follow(io, topics.scored())) {
            io.send(FaultRuns.texts(topics.raw(), 0, HALF));
            out.awaitDistinct(HALF / 5, DEADLINE);
            Instant stopped = Instant.now();
            assertThat(broker.stop()).as("broker stopped").isTrue();
            broker.start();
            Instant back = Instant.now();
            downtime = Duration.between(stopped, back);
            io.send(FaultRuns.texts(topics.raw(), HALF, RECORDS));
            recovery = out.awaitNext(back, DEADLINE);
            out.awaitDistinct(RECORDS, DEADLINE);
            restarts = FaultRuns.restarts(METRICS, job.getJobID());
            failedCheckpoints = FaultRuns.jobGauge(METRICS, job.getJobID(), "numberOfFailedCheckpoints");
        } finally {
            job.cancel().get();
        }
        IdTally scored = IdTally.of(FaultRuns.ids(RECORDS), FaultRuns.keys(io.readCommitted(topics.scored())));
        List<String> alerts = FaultRuns.alertStates(io.readCommitted(topics.alerts()));
        ReliabilityReport.record(ReliabilityFigures.builder("broker-restart",
                        "The only Kafka broker stopped (SIGTERM) and started again on the same ports and log dirs "
                                + "while the job scored a 20,000-text stream; recovery time counts from the broker "
                                + "answering again.")
                .tally(scored)
                .restarts(restarts)
                .recoveryTime(recovery)
                .detail("broker down (stop to answering again)", seconds(downtime))
                .detail("checkpoints failed while it was down", failedCheckpoints)
                .detail("alerts committed (id/state)", alerts.size())
                .detail("alerts repeated", FaultRuns.repeats(alerts))
                .build());
        assertThat(scored).as("committed output").isEqualTo(new IdTally(RECORDS, RECORDS, 0, 0, 0));
        assertThat(alerts).as("committed alerts").isNotEmpty().doesNotHaveDuplicates();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
