package io.sentiflow.it.faults;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sentiflow.it.support.TopicIo;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import io.sentiflow.testing.KafkaBrokerExtension;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/** Test input and committed output of the fault tests against the shared broker. */
final class FaultIo {

    /** Raw and dead-letter topics of the fault tests take records this large (a 5 MiB text must fit). */
    static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final List<String> HEADLINES = List.of(
            "$AAPL shares rise after earnings beat expectations",
            "Fed signals rates will stay higher for longer",
            "Oil slides as inventories build for a third week",
            "Bank stocks fall on credit worries",
            "Gold steady ahead of the jobs report");

    private final TopicIo topics;

    FaultIo(KafkaBrokerExtension kafka) {
        this.topics = new TopicIo(kafka, MAX_MESSAGE_BYTES);
    }

    /** A valid event {@code seq} with id {@code id}. */
    static TextEvent event(String id, int seq) {
        return TextEvent.newBuilder()
                .setId(id)
                .setSource("faults-it")
                .setText(HEADLINES.get(seq % HEADLINES.size()))
                .setPublishedAt(START.plusSeconds(seq))
                .build();
    }

    static byte[] avro(TextEvent event) {
        return RecordCodec.textEvents().encode(event, WireFormat.AVRO);
    }

    /** Sends the records in order and waits until the broker acknowledged every one. */
    List<RecordMetadata> send(List<ProducerRecord<byte[], byte[]>> records) {
        return topics.send(records);
    }

    /** Every committed record of {@code topic} up to each partition's last stable offset as it stands now. */
    List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        return topics.readCommitted(topic);
    }

    static List<ScoredText> decodeScored(List<ConsumerRecord<byte[], byte[]>> records) {
        RecordCodec<ScoredText> codec = RecordCodec.scoredTexts();
        return records.stream().map(r -> ((Decoded.Ok<ScoredText>) codec.decode(r.value())).value()).toList();
    }

    static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), UTF_8));
        }
        return headers;
    }
}
