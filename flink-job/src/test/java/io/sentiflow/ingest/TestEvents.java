package io.sentiflow.ingest;

import io.sentiflow.connect.RawRecord;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.time.Instant;
import java.util.List;

/** Builds TextEvents and their raw Kafka records for the validator's tests. */
final class TestEvents {

    private TestEvents() {}

    static TextEvent event(String id, String text, List<String> entities) {
        return TextEvent.newBuilder()
                .setId(id)
                .setSource("newswire")
                .setText(text)
                .setPublishedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setEntities(entities)
                .build();
    }

    static byte[] avro(TextEvent event) {
        return RecordCodec.textEvents().encode(event, WireFormat.AVRO);
    }

    static RawRecord raw(long offset, byte[] value) {
        return new RawRecord("news.raw", 1, offset, 1_700_000_000_500L, null, value);
    }
}
