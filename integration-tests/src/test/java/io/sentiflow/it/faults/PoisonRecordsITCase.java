package io.sentiflow.it.faults;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.connect.DeadLetterHeaders;
import io.sentiflow.connect.KafkaOptions;
import io.sentiflow.it.faults.PoisonCorpus.Poison;
import io.sentiflow.it.reliability.ReliabilityFigures;
import io.sentiflow.it.reliability.ReliabilityReport;
import io.sentiflow.it.support.PipelineTopics;
import io.sentiflow.it.support.ScoringRuns;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.testing.KafkaBrokerExtension;
import io.sentiflow.testing.TinyModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad or awkward input of {@link PoisonCorpus}, each between valid records, through
 * the real scoring job (real broker, MiniCluster, real encoder): each kind is scored or
 * dead-lettered with its expected error class, the job finishes without a restart, and every valid
 * record is scored once.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // bounds a hang on a shared 2-core machine, not speed
class PoisonRecordsITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = ScoringRuns.miniCluster(METRICS);

    @TempDir static Path store;

    @TempDir Path checkpoints;

    private final FaultIo io = new FaultIo(KAFKA);

    @BeforeAll
    static void publishModel() {
        TinyModels.promote(store, TinyModels.untrainedInto(store, 3L));
    }

    @Test
    void scoresOrDeadLettersEveryPoisonKindAndScoresEveryValidRecordAroundThem() throws Exception {
        List<Poison> corpus = PoisonCorpus.all();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
        PipelineTopics topics = PipelineTopics.createForLargeRecords(KAFKA, "poison", 2, FaultIo.MAX_MESSAGE_BYTES);
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        List<Poison> poisonAt = new ArrayList<>();
        Set<String> validIds = new HashSet<>();
        for (int i = 0; i < corpus.size(); i++) {
            for (String id : List.of("valid-" + (2 * i), "valid-" + (2 * i + 1))) {
                TextEvent event = FaultIo.event(id, i);
                validIds.add(id);
                input.add(new ProducerRecord<>(topics.raw(), i % 2, id.getBytes(UTF_8), FaultIo.avro(event)));
                poisonAt.add(null);
            }
            Poison poison = corpus.get(i);
            input.add(new ProducerRecord<>(topics.raw(), i % 2, poison.kind().getBytes(UTF_8), poison.value()));
            poisonAt.add(poison);
        }
        List<RecordMetadata> sent = io.send(input);

        Configuration conf = ScoringRuns.configuration(topics, store.toString(), checkpoints, true);
        // The DLQ, like news.raw here, takes 8 MiB records: the 5 MiB text's dead letter fits whole.
        conf.set(KafkaOptions.DLQ_MAX_MESSAGE_BYTES, MemorySize.parse(FaultIo.MAX_MESSAGE_BYTES + "b"));
        JobID job = ScoringRuns.runToEnd(conf, KAFKA.connection()).getJobID();

        assertThat(METRICS.findMetric(job, "numRestarts")).get()
                .extracting(gauge -> ((Gauge<?>) gauge).getValue()).isEqualTo(0L);
        List<ScoredText> scored = FaultIo.decodeScored(io.readCommitted(topics.scored()));
        List<ConsumerRecord<byte[], byte[]>> dlq = io.readCommitted(topics.dlq());
        Set<String> expectedScored = new HashSet<>(validIds);
        corpus.stream().filter(p -> p.expected().equals(PoisonCorpus.SCORED)).forEach(p -> expectedScored.add(p.id()));
        recordFigures(corpus, input.size(), validIds, scored, dlq, FaultRuns.jobGauge(METRICS, job, "numRestarts"));
        assertEachKind(corpus, outcomes(scored, dlq, sent, poisonAt), dlq.size());
        assertScoredTextsUnchanged(corpus, scored);
        assertThat(scored).extracting(ScoredText::getId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expectedScored);
    }

    /**
     * Sent, out (scored plus dead letters), duplicate scored ids, and losses: records sent that
     * came out neither scored nor dead-lettered.
     */
    private static void recordFigures(List<Poison> corpus, int sent, Set<String> validIds, List<ScoredText> scored,
            List<ConsumerRecord<byte[], byte[]>> dlq, long restarts) {
        List<String> scoredIds = scored.stream().map(ScoredText::getId).toList();
        long distinctScored = scoredIds.stream().distinct().count();
        ReliabilityReport.record(ReliabilityFigures.builder("poison-records", corpus.size()
                        + " kinds of bad or awkward input (PoisonCorpus), each sent between two valid records, through a "
                        + "bounded run of the job: each kind is scored unchanged or dead-lettered with its reason.")
                .recordsSent(sent)
                .recordsOut(scored.size() + dlq.size())
                .duplicates(scoredIds.size() - distinctScored)
                .losses(Math.max(0, sent - distinctScored - dlq.size()))
                .restarts(restarts)
                .detail("poison kinds", corpus.size())
                .detail("poison kinds scored", scoredIds.stream().filter(id -> id.startsWith("poison-")).count())
                .detail("poison kinds dead-lettered with a reason", dlq.size())
                .detail("valid records scored", scoredIds.stream().filter(validIds::contains).distinct().count()
                        + " of " + validIds.size())
                .build());
    }

    /** What happened to each kind: SCORED, or the dead letter's error class; dead letters hold the original bytes. */
    private static Map<String, List<String>> outcomes(List<ScoredText> scored, List<ConsumerRecord<byte[], byte[]>> dlq,
            List<RecordMetadata> sent, List<Poison> poisonAt) {
        Map<String, Integer> byCoordinates = new HashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            byCoordinates.put(sent.get(i).partition() + "@" + sent.get(i).offset(), i);
        }
        Map<String, List<String>> outcomes = new HashMap<>();
        for (ScoredText text : scored) {
            if (text.getId().startsWith("poison-")) {
                outcomes.computeIfAbsent(text.getId().substring("poison-".length()), k -> new ArrayList<>())
                        .add(PoisonCorpus.SCORED);
            }
        }
        for (ConsumerRecord<byte[], byte[]> letter : dlq) {
            Map<String, String> headers = FaultIo.headers(letter);
            Integer index = byCoordinates.get(headers.get(DeadLetterHeaders.SOURCE_PARTITION) + "@"
                    + headers.get(DeadLetterHeaders.SOURCE_OFFSET));
            assertThat(index).as("dead letter %s locates a record sent", headers).isNotNull();
            Poison poison = poisonAt.get(index);
            assertThat(poison).as("dead letter of a valid record: %s", headers).isNotNull();
            assertThat(letter.value()).as("%s: bytes unchanged", poison.kind()).isEqualTo(poison.value());
            assertThat(headers.get(DeadLetterHeaders.ERROR_REASON)).as("%s: reason", poison.kind()).isNotBlank();
            outcomes.computeIfAbsent(poison.kind(), k -> new ArrayList<>())
                    .add(headers.get(DeadLetterHeaders.ERROR_CLASS));
        }
        return outcomes;
    }

    /** A scored awkward text comes out exactly as it went in: no character dropped or replaced. */
    private static void assertScoredTextsUnchanged(List<Poison> corpus, List<ScoredText> scored) {
        Map<String, String> textById = new HashMap<>();
        scored.forEach(text -> textById.put(text.getId(), text.getText()));
        SoftAssertions softly = new SoftAssertions();
        for (Poison poison : corpus) {
            if (poison.expected().equals(PoisonCorpus.SCORED)) {
                Decoded<TextEvent> sentEvent = RecordCodec.textEvents().decode(poison.value());
                softly.assertThat(textById.get(poison.id())).as("%s: text unchanged", poison.kind())
                        .isEqualTo(((Decoded.Ok<TextEvent>) sentEvent).value().getText());
            }
        }
        softly.assertAll();
    }

    private static void assertEachKind(List<Poison> corpus, Map<String, List<String>> outcomes, int deadLetters) {
        SoftAssertions softly = new SoftAssertions();
        for (Poison poison : corpus) {
            softly.assertThat(outcomes.get(poison.kind())).as(poison.kind()).containsExactly(poison.expected());
        }
        softly.assertThat(deadLetters).as("dead letters")
                .isEqualTo(corpus.stream().filter(p -> !p.expected().equals(PoisonCorpus.SCORED)).count());
        softly.assertAll();
    }
}
