package io.sentiflow.it.scoring;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.connect.DeadLetterHeaders;
import io.sentiflow.ingest.IngestMetrics;
import io.sentiflow.ingest.IngestOptions;
import io.sentiflow.it.support.PipelineTopics;
import io.sentiflow.it.support.ScoringRuns;
import io.sentiflow.it.support.TopicIo;
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
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scoring job end to end, bounded: a real KRaft broker, a real MiniCluster, a real (small)
 * model. Each job runs without a restart strategy, so finishing proves it never failed.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES) // the machine is shared; this bounds a hang, not speed
class ScoringPipelineITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = ScoringRuns.miniCluster(METRICS);

    @TempDir static Path store;

    private static String version;
    private static List<String> headlines;

    @TempDir Path checkpoints;

    private final TopicIo io = new TopicIo(KAFKA);

    @BeforeAll
    static void trainModel() {
        version = TinyModels.trainAndPromote(store, 7L);
        headlines = TestTexts.headlines();
    }

    @Test
    void scoresEveryTextExactlyOnceWithTheModelVersion() throws Exception {
        PipelineTopics topics = PipelineTopics.create(KAFKA, "exactly-once", 4);
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            TextEvent event = TestTexts.event("text-" + i, i, headlines);
            ids.add(event.getId());
            input.add(new ProducerRecord<>(topics.raw(), event.getId().getBytes(UTF_8), TestTexts.avro(event)));
        }
        io.send(input);

        ScoringRuns.runToEnd(ScoringRuns.configuration(topics, store.toString(), checkpoints, true), KAFKA.connection());

        List<ScoredText> scored = decodeScored(io.readCommitted(topics.scored()));
        assertThat(scored).hasSize(5_000);
        assertThat(scored).extracting(ScoredText::getId).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(scored).extracting(ScoredText::getModelVersion).containsOnly(version);
        assertThat(io.readCommitted(topics.dlq())).isEmpty();
    }

    @Test
    void routesBadRecordsToTheDlqWithCoordinatesAndScoresTheRest() throws Exception {
        PipelineTopics topics = PipelineTopics.create(KAFKA, "dead-letters", 2);
        BadRecords bad = new BadRecords(topics.raw(), headlines);
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        List<String> expectedClasses = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            if (i % 5 == 4) {
                BadRecords.Bad record = bad.next();
                input.add(record.record());
                expectedClasses.add(record.errorClass());
            } else {
                TextEvent event = TestTexts.event("valid-" + i, i, headlines);
                input.add(new ProducerRecord<>(topics.raw(), TestTexts.avro(event)));
                expectedClasses.add(null);
            }
        }
        List<RecordMetadata> sent = io.send(input);
        Configuration conf = ScoringRuns.configuration(topics, store.toString(), checkpoints, true);
        conf.set(IngestOptions.MAX_RECORD_BYTES, MemorySize.parse(BadRecords.LIMIT_BYTES + "b"));

        JobID jobId = ScoringRuns.runToEnd(conf, KAFKA.connection()).getJobID();

        assertThat(decodeScored(io.readCommitted(topics.scored()))).hasSize(200)
                .extracting(ScoredText::getId).doesNotHaveDuplicates().allMatch(id -> id.startsWith("valid-"));
        List<ConsumerRecord<byte[], byte[]>> dlq = io.readCommitted(topics.dlq());
        assertThat(dlq).hasSize(50);
        assertEachDeadLetterLocatesItsOriginal(dlq, topics.raw(), input, sent, expectedClasses);
        assertDeadLettersCountedByReason(jobId);
        assertThat(METRICS.findMetric(jobId, "numRestarts")).get()
                .extracting(gauge -> ((Gauge<?>) gauge).getValue()).isEqualTo(0L);
    }

    /**
     * Each dead letter's headers, Sentiflow's and Kafka Connect's, name the partition and offset of a bad
     * record sent, and its bytes are that record's.
     */
    private static void assertEachDeadLetterLocatesItsOriginal(List<ConsumerRecord<byte[], byte[]>> dlq, String rawTopic,
            List<ProducerRecord<byte[], byte[]>> input, List<RecordMetadata> sent, List<String> expectedClasses) {
        Map<String, Integer> byCoordinates = new HashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            byCoordinates.put(sent.get(i).partition() + "@" + sent.get(i).offset(), i);
        }
        for (ConsumerRecord<byte[], byte[]> letter : dlq) {
            Map<String, String> headers = headers(letter);
            int index = byCoordinates.get(headers.get(DeadLetterHeaders.SOURCE_PARTITION) + "@"
                    + headers.get(DeadLetterHeaders.SOURCE_OFFSET));
            assertThat(letter.value()).as("bytes unchanged").isEqualTo(input.get(index).value());
            assertThat(headers).containsEntry(DeadLetterHeaders.SOURCE_TOPIC, rawTopic)
                    .containsEntry(DeadLetterHeaders.SOURCE_TIMESTAMP, Long.toString(sent.get(index).timestamp()))
                    .containsEntry(DeadLetterHeaders.ERROR_CLASS, expectedClasses.get(index));
            assertThat(headers.get(DeadLetterHeaders.ERROR_REASON)).isNotBlank();
            assertThat(headers).as("Kafka Connect's names for the same facts")
                    .containsEntry(DeadLetterHeaders.CONNECT_TOPIC, rawTopic)
                    .containsEntry(DeadLetterHeaders.CONNECT_PARTITION, headers.get(DeadLetterHeaders.SOURCE_PARTITION))
                    .containsEntry(DeadLetterHeaders.CONNECT_OFFSET, headers.get(DeadLetterHeaders.SOURCE_OFFSET))
                    .containsEntry(DeadLetterHeaders.CONNECT_EXCEPTION_CLASS, expectedClasses.get(index))
                    .containsEntry(DeadLetterHeaders.CONNECT_EXCEPTION_MESSAGE, headers.get(DeadLetterHeaders.ERROR_REASON));
        }
        assertThat(dlq).extracting(r -> headers(r).get(DeadLetterHeaders.ERROR_CLASS))
                .containsOnly(BadRecords.ERROR_CLASSES.toArray(String[]::new));
    }

    private static void assertDeadLettersCountedByReason(JobID jobId) {
        Map<String, Long> counted = new HashMap<>();
        METRICS.findMetrics(jobId, IngestMetrics.DLQ_RECORDS).forEach((identifier, counter) ->
                counted.merge(reasonOf(identifier), ((Counter) counter).getCount(), Long::sum));
        // The scoring operator's SCORING_FAILED counter is registered at start, so it reads 0 here.
        assertThat(counted).as("dlqRecords by reason").containsEntry("SCORING_FAILED", 0L);
        counted.remove("SCORING_FAILED");
        assertThat(counted).as("dlqRecords by reason").containsOnlyKeys(BadRecords.ERROR_CLASSES)
                .allSatisfy((reason, count) -> assertThat(count).isEqualTo(10L));
    }

    private static List<ScoredText> decodeScored(List<ConsumerRecord<byte[], byte[]>> records) {
        RecordCodec<ScoredText> codec = RecordCodec.scoredTexts();
        List<ScoredText> scored = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Decoded<ScoredText> decoded = codec.decode(record.value());
            assertThat(decoded).isInstanceOf(Decoded.Ok.class);
            scored.add(((Decoded.Ok<ScoredText>) decoded).value());
        }
        return scored;
    }

    /** The reason tag of {@code ...sentiflow.reason.<REASON>.dlqRecords}. */
    private static String reasonOf(String identifier) {
        String[] parts = identifier.split("\\.");
        return parts[parts.length - 2];
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), UTF_8));
        }
        return headers;
    }
}
