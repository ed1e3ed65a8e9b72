package io.sentiflow.it.faults;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.connect.DeadLetterHeaders;
import io.sentiflow.connect.KafkaOptions;
import io.sentiflow.deploy.topics.TopicRole;
import io.sentiflow.ingest.IngestOptions;
import io.sentiflow.it.reliability.IdTally;
import io.sentiflow.it.reliability.ReliabilityFigures;
import io.sentiflow.it.reliability.ReliabilityReport;
import io.sentiflow.it.support.PipelineTopics;
import io.sentiflow.it.support.ScoringRuns;
import io.sentiflow.it.support.TopicIo;
import io.sentiflow.testing.KafkaBrokerExtension;
import io.sentiflow.testing.TinyModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dead letters near the brokers' message limits, through bounded runs of the real job without a
 * restart strategy (a dead letter the exactly-once sink could not write would fail the run): a
 * record just under the raw topic's default limit reaches the DLQ (created as {@code kafka start}
 * creates it) whole, with its headers; records too large for the DLQ keep their headers and
 * coordinates there but not their bytes.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // bounds a hang on a shared 2-core machine, not speed
class DeadLetterLimitsITCase {

    /** The broker's default message limit: what news.raw has unless configured otherwise. */
    private static final int RAW_DEFAULT_LIMIT = 1024 * 1024 + 12;
    private static final int DLQ_LIMIT = Integer.parseInt(TopicRole.NEWS_DLQ.defaultSpec().configs().get("max.message.bytes"));

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    static final org.apache.flink.test.junit5.MiniClusterExtension FLINK =
            ScoringRuns.miniCluster(org.apache.flink.runtime.testutils.InMemoryReporter.create());

    @TempDir static Path store;

    @TempDir Path checkpoints;

    @BeforeAll
    static void publishModel() {
        TinyModels.promote(store, TinyModels.untrainedInto(store, 9L));
    }

    @Test
    void aRecordJustUnderTheRawLimitReachesTheDlqWholeWithItsHeaders() throws Exception {
        PipelineTopics topics = PipelineTopics.create(KAFKA, "near-limit", 1);
        // Undecodable bytes as large as news.raw takes with its default limit and the validator's 1 MiB.
        byte[] junk = filled(1024 * 1024 - 100);
        TopicIo io = new TopicIo(KAFKA, 2 * 1024 * 1024);
        io.send(List.of(new ProducerRecord<>(topics.raw(), null, junk),
                new ProducerRecord<>(topics.raw(), null, FaultIo.avro(FaultIo.event("after", 1)))));

        ScoringRuns.runToEnd(ScoringRuns.configuration(topics, store.toString(), checkpoints, true),
                KAFKA.connection());

        List<ConsumerRecord<byte[], byte[]>> dlq = io.readCommitted(topics.dlq());
        assertThat(dlq).singleElement().satisfies(letter -> {
            assertThat(letter.value()).isEqualTo(junk);
            assertThat(FaultIo.headers(letter)).containsEntry(DeadLetterHeaders.ERROR_CLASS, "UNKNOWN_FORMAT")
                    .doesNotContainKey(DeadLetterHeaders.VALUE_OMITTED);
            // With its headers the dead letter is larger than news.raw's limit would have allowed.
            int headerBytes = 0;
            for (var header : letter.headers()) {
                headerBytes += header.key().getBytes(UTF_8).length + header.value().length;
            }
            assertThat(letter.serializedValueSize() + headerBytes).isGreaterThan(RAW_DEFAULT_LIMIT);
        });
        assertThat(io.readCommitted(topics.scored())).hasSize(1);
    }

    @Test
    void recordsTooLargeForTheDlqKeepTheirHeadersAndCoordinatesThere() throws Exception {
        int rawLimit = 8 * 1024 * 1024;
        PipelineTopics topics = PipelineTopics.createWithLimits(KAFKA, "over-dlq-limit", 1, rawLimit, DLQ_LIMIT);
        TopicIo io = new TopicIo(KAFKA, rawLimit);
        List<byte[]> values = new ArrayList<>();
        // Around the DLQ's limit, where the headers decide, and far above it.
        for (int under : List.of(2_000, 1_000, 600, 300, 100, 0)) {
            values.add(filled(DLQ_LIMIT - under));
        }
        values.add(filled(3 * 1024 * 1024));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        values.forEach(value -> records.add(new ProducerRecord<>(topics.raw(), null, value)));
        io.send(records);
        Configuration conf = ScoringRuns.configuration(topics, store.toString(), checkpoints, true);
        conf.set(IngestOptions.MAX_RECORD_BYTES, MemorySize.parse(rawLimit + "b"));
        conf.set(KafkaOptions.DLQ_MAX_MESSAGE_BYTES, MemorySize.parse(DLQ_LIMIT + "b"));

        ScoringRuns.runToEnd(conf, KAFKA.connection());

        List<ConsumerRecord<byte[], byte[]>> dlq = io.readCommitted(topics.dlq());
        assertThat(dlq).hasSize(values.size());
        int whole = 0;
        for (ConsumerRecord<byte[], byte[]> letter : dlq) {
            Map<String, String> headers = FaultIo.headers(letter);
            byte[] sent = values.get(Integer.parseInt(headers.get(DeadLetterHeaders.SOURCE_OFFSET)));
            if (letter.value() == null) {
                assertThat(headers).containsEntry(DeadLetterHeaders.VALUE_OMITTED, Integer.toString(sent.length));
            } else {
                assertThat(letter.value()).isEqualTo(sent);
                whole++;
            }
            assertThat(headers).containsEntry(DeadLetterHeaders.ERROR_CLASS, "UNKNOWN_FORMAT");
        }
        assertThat(whole).as("the smallest fit whole").isPositive().isLessThan(values.size());
        // Each dead letter names the raw offset it came from: every record sent once in the DLQ.
        IdTally letters = IdTally.of(IntStream.range(0, values.size()).mapToObj(Integer::toString).toList(),
                dlq.stream().map(letter -> FaultIo.headers(letter).get(DeadLetterHeaders.SOURCE_OFFSET)).toList());
        assertThat(letters.exactlyOnce()).as("each record once in the DLQ: %s", letters).isTrue();
        ReliabilityReport.record(ReliabilityFigures.builder("dead-letters-near-limits",
                        "Undecodable records from 2 KB under the DLQ's 2 MiB limit to 3 MiB (news.raw raised to "
                                + "8 MiB), through a bounded run without a restart strategy: every one reached the "
                                + "DLQ once, whole or, when it would not fit with its headers, without its bytes.")
                .tally(letters)
                .detail("dead letters whole / without bytes (over the DLQ limit)", whole + " / " + (dlq.size() - whole))
                .build());
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        // 0x01 is neither the Avro marker C3 01 nor the start of a JSON object: UNKNOWN_FORMAT.
        Arrays.fill(bytes, (byte) 0x01);
        return bytes;
    }
}
