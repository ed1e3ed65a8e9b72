package io.sentiflow.it.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.it.reliability.IdTally;
import io.sentiflow.it.reliability.Recovery;
import io.sentiflow.it.reliability.ReliabilityFigures;
import io.sentiflow.it.reliability.ReliabilityReport;
import io.sentiflow.it.support.CommittedOutput;
import io.sentiflow.it.support.PipelineTopics;
import io.sentiflow.it.support.ScoringRuns;
import io.sentiflow.it.support.TopicIo;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.testing.KafkaBrokerExtension;
import io.sentiflow.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task of the running scoring job fails in the middle of a 20,000-text stream, once by losing
 * its TaskManager and once by a model that breaks while scoring: the job restarts from its last
 * checkpoint, and the committed output holds every text exactly once and no alert twice.
 *
 * <p>Texts cycle through five headlines (and a ticker per ten event minutes), so each micro-batch
 * encodes at most ten distinct texts with the real encoder and 20,000 texts pass in well under a
 * minute on two cores.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // bounds a hang on a shared 2-core machine, not speed
class TaskFailureITCase {

    private static final int RECORDS = 20_000;
    private static final int HALF = RECORDS / 2;
    private static final Duration DEADLINE = Duration.ofMinutes(4);

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final InMemoryReporter METRICS = InMemoryReporter.create();

    /** Two TaskManagers with room for the whole job each, so it can restart on the survivor. */
    @RegisterExtension
    static final MiniClusterExtension FLINK = ScoringRuns.miniCluster(METRICS, 2, ScoringRuns.PARALLELISM);

    @TempDir static Path store;

    @TempDir Path checkpoints;
    @TempDir Path scratch;

    private final TopicIo io = new TopicIo(KAFKA);

    @BeforeAll
    static void publishModel() {
        TinyModels.promote(store, TinyModels.untrainedInto(store, 11L));
    }

    @Test
    void lostTaskManagerRestoresFromCheckpointWithEveryTextOnceAndNoAlertTwice(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        PipelineTopics topics = PipelineTopics.create(KAFKA, "tm-loss", 2);
        JobClient job = ScoringRuns.start(jobConfig(topics), KAFKA.connection());
        Recovery recovery;
        long restarts;
        try (CommittedOutput out = CommittedOutput.follow(io, topics.scored())) {
            io.send(FaultRuns.texts(topics.raw(), 0, HALF));
            out.awaitDistinct(HALF / 5, DEADLINE);
            Instant fault = Instant.now();
            // Slots are spread one per TaskManager, so either one runs half of every operator.
            cluster.terminateTaskManager(0).get();
            io.send(FaultRuns.texts(topics.raw(), HALF, RECORDS));
            recovery = FaultRuns.awaitRecovery(cluster, METRICS, job.getJobID(), out, () -> fault, DEADLINE);
            out.awaitDistinct(RECORDS, DEADLINE);
            restarts = FaultRuns.restarts(METRICS, job.getJobID());
        } finally {
            cancelAndRestoreCluster(job, cluster);
        }
        checkAndRecord("task-failure-taskmanager-lost",
                "One of two TaskManagers terminated (MiniCluster#terminateTaskManager) while the job scored a "
                        + "20,000-text stream; the job restarted once, on the other, from its last checkpoint. "
                        + "Recovery runs from the termination to the restarted job's first committed record.",
                topics, restarts, recovery);
    }

    @Test
    void scoringFailureRestoresFromCheckpointWithEveryTextOnceAndNoAlertTwice(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        PipelineTopics topics = PipelineTopics.create(KAFKA, "scoring-throws", 2);
        Path marker = scratch.resolve("scoring-failed");
        JobClient job = ScoringRuns.start(jobConfig(topics), KAFKA.connection(), FailOnceModels.factory(marker));
        Recovery recovery;
        long restarts;
        try (CommittedOutput out = CommittedOutput.follow(io, topics.scored())) {
            io.send(FaultRuns.texts(topics.raw(), 0, HALF));
            out.awaitDistinct(HALF / 5, DEADLINE);
            TextEvent trigger = FaultRuns.event(HALF);
            trigger.setText(FailOnceModels.TRIGGER);
            io.send(List.of(FaultRuns.text(topics.raw(), trigger)));
            io.send(FaultRuns.texts(topics.raw(), HALF + 1, RECORDS));
            recovery = FaultRuns.awaitRecovery(cluster, METRICS, job.getJobID(), out,
                    () -> Files.getLastModifiedTime(marker).toInstant(), DEADLINE);
            out.awaitDistinct(RECORDS, DEADLINE);
            restarts = FaultRuns.restarts(METRICS, job.getJobID());
        } finally {
            job.cancel().get();
        }
        checkAndRecord("task-failure-scoring-throws",
                "A model instance broke in the middle of a 20,000-text stream (from a text only the test's "
                        + "model source treats as fatal, every call on it failed): finding no text of the batch it "
                        + "could score, the operator failed the task, and the job restarted once from its last "
                        + "checkpoint with fresh model instances. Recovery runs from the failing call (the "
                        + "marker file it created) to the restarted job's first committed record.",
                topics, restarts, recovery);
    }

    private Configuration jobConfig(PipelineTopics topics) {
        return FaultRuns.recovering(ScoringRuns.configuration(topics, store.toString(), checkpoints, false));
    }

    /**
     * Records the figures, then holds them to exactly once (every id once, no alert state twice), one
     * restart, and the recovery to its bound.
     */
    private void checkAndRecord(String scenario, String title, PipelineTopics topics, long restarts, Recovery recovery) {
        IdTally scored = IdTally.of(FaultRuns.ids(RECORDS), FaultRuns.keys(io.readCommitted(topics.scored())));
        List<String> alerts = FaultRuns.alertStates(io.readCommitted(topics.alerts()));
        ReliabilityReport.record(ReliabilityFigures.builder(scenario, title)
                .tally(scored)
                .restarts(restarts)
                .recovery(recovery)
                .detail("alerts committed (id/state)", alerts.size())
                .detail("alerts repeated", FaultRuns.repeats(alerts))
                .build());
        assertThat(scored).as("committed output").isEqualTo(new IdTally(RECORDS, RECORDS, 0, 0, 0));
        assertThat(alerts).as("committed alerts").isNotEmpty().doesNotHaveDuplicates();
        assertThat(restarts).as("restarts").isEqualTo(1);
        recovery.assertWithinBound();
    }

    private static void cancelAndRestoreCluster(JobClient job, MiniCluster cluster) throws Exception {
        try {
            job.cancel().get();
        } finally {
            cluster.startTaskManager();
        }
    }
}
