package io.sentiflow.ingest;

import io.sentiflow.connect.RawRecord;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.time.Instant;
import java.util.List;

/** Builds TextEvents and their raw Kafka records for the validator's tests. */
final class TestEvents {

    /** When the test events were published. */
    static final long PUBLISHED_AT = 1_700_000_000_000L;
    /** When they were appended to Kafka: half a second later. */
    static final long KAFKA_TIMESTAMP = PUBLISHED_AT + 500;
    /** The job's clock while it validates them: a second after that. */
    static final long NOW = KAFKA_TIMESTAMP + 1_000;

    private TestEvents() {}

    static TextEvent event(String id, String text, List<String> entities) {
        return event(id, text, entities, PUBLISHED_AT);
    }

    static TextEvent event(String id, String text, List<String> entities, long publishedAt) {
        return TextEvent.newBuilder()
                .setId(id)
                .setSource("newswire")
                .setText(text)
                .setPublishedAt(Instant.ofEpochMilli(publishedAt))
                .setEntities(entities)
                .build();
    }

    static byte[] avro(TextEvent event) {
        return RecordCodec.textEvents().encode(event, WireFormat.AVRO);
    }

    static RawRecord raw(long offset, byte[] value) {
        return raw(offset, value, KAFKA_TIMESTAMP);
    }

    static RawRecord raw(long offset, byte[] value, long kafkaTimestamp) {
        return new RawRecord("news.raw", 1, offset, kafkaTimestamp, null, value);
    }
}
