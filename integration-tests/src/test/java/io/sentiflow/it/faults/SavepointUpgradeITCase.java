package io.sentiflow.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sentiflow.alerts.WebhookOptions;
import io.sentiflow.it.reliability.IdTally;
import io.sentiflow.it.reliability.Recovery;
import io.sentiflow.it.reliability.ReliabilityFigures;
import io.sentiflow.it.reliability.ReliabilityReport;
import io.sentiflow.it.support.CommittedOutput;
import io.sentiflow.it.support.PipelineTopics;
import io.sentiflow.it.support.ScoringRuns;
import io.sentiflow.it.support.TopicIo;
import io.sentiflow.scoring.ScoringOptions;
import io.sentiflow.testing.KafkaBrokerExtension;
import io.sentiflow.testing.TinyModels;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade in the middle of a 20,000-text stream: the running job stops with a savepoint, and a
 * changed job starts from it, with a new operator (the alert webhook, uid {@code alerts-webhook},
 * turned on) and a changed option (micro-batches of 64 texts instead of 256). The committed output
 * holds every text exactly once and no alert twice, and the new operator delivers alerts.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // bounds a hang on a shared 2-core machine, not speed
class SavepointUpgradeITCase {

    private static final int RECORDS = 20_000;
    private static final int HALF = RECORDS / 2;
    private static final int CHANGED_BATCH_SIZE = 64;
    private static final Duration DEADLINE = Duration.ofMinutes(4);

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final InMemoryReporter METRICS = InMemoryReporter.create();

    @RegisterExtension static final MiniClusterExtension FLINK = ScoringRuns.miniCluster(METRICS);

    @TempDir static Path store;

    /** Alerts the upgraded job's webhook posted; each POST is one alert. */
    private static final AtomicInteger posted = new AtomicInteger();
    private static HttpServer webhook;

    @TempDir Path checkpoints;
    @TempDir Path savepoints;

    private final TopicIo io = new TopicIo(KAFKA);

    @BeforeAll
    static void publishModelAndListen() throws IOException {
        TinyModels.promote(store, TinyModels.untrainedInto(store, 17L));
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/alerts", exchange -> {
            exchange.getRequestBody().readAllBytes();
            posted.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterAll
    static void stopListening() {
        webhook.stop(0);
    }

    @Test
    void changedJobRestoredFromASavepointScoresEveryTextOnceAndRepeatsNoAlert() throws Exception {
        PipelineTopics topics = PipelineTopics.create(KAFKA, "upgrade", 2);
        Configuration first = FaultRuns.recovering(ScoringRuns.configuration(topics, store.toString(), checkpoints,
                false));
        JobClient old = ScoringRuns.start(first, KAFKA.connection());
        Recovery recovery;
        long restarts;
        String savepoint;
        try (CommittedOutput out = CommittedOutput.follow(io, topics.scored())) {
            io.send(FaultRuns.texts(topics.raw(), 0, HALF));
            out.awaitDistinct(HALF / 5, DEADLINE);
            Instant stopped = Instant.now();
            savepoint = old.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            old.getJobExecutionResult().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            // The stopped job committed its savepoint's transactions before it finished.
            Map<TopicPartition, Long> end = out.committedEnd();

            JobClient upgraded = ScoringRuns.start(upgrade(first, savepoint), KAFKA.connection());
            try {
                io.send(FaultRuns.texts(topics.raw(), HALF, RECORDS));
                recovery = new Recovery(stopped, out.awaitCommittedPast(end, DEADLINE), Recovery.BOUND);
                out.awaitDistinct(RECORDS, DEADLINE);
                restarts = FaultRuns.restarts(METRICS, upgraded.getJobID());
            } finally {
                upgraded.cancel().get();
            }
        }
        IdTally scored = IdTally.of(FaultRuns.ids(RECORDS), FaultRuns.keys(io.readCommitted(topics.scored())));
        List<String> alerts = FaultRuns.alertStates(io.readCommitted(topics.alerts()));
        ReliabilityReport.record(ReliabilityFigures.builder("stop-with-savepoint-upgrade",
                        "The job stopped with a savepoint in the middle of a 20,000-text stream, and a changed job "
                                + "restored from it: a new operator (the alert webhook, uid alerts-webhook) and a "
                                + "changed option (sentiflow.scoring.batch-size 256 to 64). Recovery runs from the stop "
                                + "request to the upgraded job's first committed record.")
                .tally(scored)
                .restarts(restarts)
                .recovery(recovery)
                .detail("alerts committed (id/state)", alerts.size())
                .detail("alerts repeated", FaultRuns.repeats(alerts))
                .detail("alerts posted by the new webhook operator", posted.get())
                .build());
        assertThat(scored).as("committed output").isEqualTo(new IdTally(RECORDS, RECORDS, 0, 0, 0));
        assertThat(alerts).as("committed alerts").isNotEmpty().doesNotHaveDuplicates();
        assertThat(posted.get()).as("alerts posted by the new operator").isPositive();
        assertThat(restarts).as("restarts of the upgraded job").isZero();
        recovery.assertWithinBound();
    }

    /** The changed job: the same uids and transactional ids, restored from {@code savepoint}. */
    private static Configuration upgrade(Configuration first, String savepoint) {
        Configuration changed = new Configuration(first);
        changed.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        changed.set(WebhookOptions.URL, "http://127.0.0.1:" + webhook.getAddress().getPort() + "/alerts");
        changed.set(ScoringOptions.BATCH_SIZE, CHANGED_BATCH_SIZE);
        return changed;
    }
}
