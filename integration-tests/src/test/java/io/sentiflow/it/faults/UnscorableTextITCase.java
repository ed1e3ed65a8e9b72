package io.sentiflow.it.faults;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.connect.DeadLetterHeaders;
import io.sentiflow.it.reliability.IdTally;
import io.sentiflow.it.reliability.ReliabilityFigures;
import io.sentiflow.it.reliability.ReliabilityReport;
import io.sentiflow.it.support.CommittedOutput;
import io.sentiflow.it.support.PipelineTopics;
import io.sentiflow.it.support.ScoringRuns;
import io.sentiflow.it.support.TopicIo;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.scoring.MicroBatchScoring;
import io.sentiflow.testing.KafkaBrokerExtension;
import io.sentiflow.testing.TinyModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A text on which the model fails every time, sent three times among 3,000 valid texts to the
 * running job (which restarts after a failure, as in production): each copy goes to the DLQ with
 * {@code SCORING_FAILED} and its original bytes, every other text is scored exactly once, and the
 * job never restarts, where before this text failed the job on every replay.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // bounds a hang on a shared 2-core machine, not speed
class UnscorableTextITCase {

    private static final int RECORDS = 3_000;

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final InMemoryReporter METRICS = InMemoryReporter.create();

    @RegisterExtension
    static final MiniClusterExtension FLINK = ScoringRuns.miniCluster(METRICS);

    @TempDir static Path store;

    @TempDir Path checkpoints;

    private final TopicIo io = new TopicIo(KAFKA);

    @BeforeAll
    static void publishModel() {
        TinyModels.promote(store, TinyModels.untrainedInto(store, 5L));
    }

    @Test
    void deadLettersTheTextTheModelAlwaysFailsOnAndScoresEveryOtherTextOnceWithoutARestart() throws Exception {
        PipelineTopics topics = PipelineTopics.create(KAFKA, "unscorable", 2);
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        List<String> validIds = new ArrayList<>();
        for (int seq = 0; seq < RECORDS; seq++) {
            TextEvent event = FaultRuns.event(seq);
            if (seq == 500 || seq == 1500 || seq == 2999) {
                event.setText(PoisonTextModels.POISON);
            } else {
                validIds.add(event.getId().toString());
            }
            input.add(FaultRuns.text(topics.raw(), event));
        }
        JobClient job = ScoringRuns.start(
                FaultRuns.recovering(ScoringRuns.configuration(topics, store.toString(), checkpoints, false)),
                KAFKA.connection(), PoisonTextModels.factory());
        List<ScoredText> scored;
        List<ConsumerRecord<byte[], byte[]>> dlq;
        long restarts;
        try (CommittedOutput out = CommittedOutput.follow(io, topics.scored())) {
            io.send(input);
            out.awaitDistinct(validIds.size(), Duration.ofMinutes(4));
            restarts = FaultRuns.restarts(METRICS, job.getJobID());
        } finally {
            job.cancel().get();
        }
        scored = FaultIo.decodeScored(io.readCommitted(topics.scored()));
        dlq = io.readCommitted(topics.dlq());
        IdTally tally = IdTally.of(validIds, scored.stream().map(ScoredText::getId).toList());
        ReliabilityReport.record(ReliabilityFigures.builder("unscorable-text",
                        "A text the model fails on every time, three copies among 3,000 valid texts, through the "
                                + "running job: the scoring operator halves the failing batch until it finds the text, "
                                + "dead-letters it with SCORING_FAILED and scores the rest of the batch once.")
                .tally(tally)
                .restarts(restarts)
                .detail("dead letters SCORING_FAILED", dlq.size())
                .build());
        assertThat(tally).isEqualTo(new IdTally(validIds.size(), validIds.size(), 0, 0, 0));
        assertThat(restarts).isZero();
        assertThat(dlq).hasSize(3).allSatisfy(letter -> {
            Map<String, String> headers = FaultIo.headers(letter);
            assertThat(headers).containsEntry(DeadLetterHeaders.ERROR_CLASS, MicroBatchScoring.SCORING_FAILED)
                    .containsEntry(DeadLetterHeaders.SOURCE_TOPIC, topics.raw());
            assertThat(headers.get(DeadLetterHeaders.ERROR_REASON)).contains("injected failure");
            assertThat(new String(letter.value(), UTF_8)).contains(PoisonTextModels.POISON);
        });
    }
}
