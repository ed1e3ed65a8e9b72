package io.sentiflow.ingest;

import static io.sentiflow.ingest.TestEvents.avro;
import static io.sentiflow.ingest.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.connect.RawRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class IngestDeserializationSchemaTest {

    @Test
    void emitsOneRecordPerKafkaRecordWithItsCoordinatesWhateverTheBytes() {
        IngestDeserializationSchema schema = new IngestDeserializationSchema(IngestConfig.defaults());
        schema.open(null);
        long now = System.currentTimeMillis();
        byte[] text = avro(event("n-1", "$AAPL beats", List.of(), now - 1_000));
        List<IngestedRecord> out = new ArrayList<>();
        Collector<IngestedRecord> collector = new Collector<>() {
            @Override
            public void collect(IngestedRecord record) {
                out.add(record);
            }

            @Override
            public void close() {}
        };

        schema.deserialize(new ConsumerRecord<>("news.raw", 2, 7L, now, TimestampType.CREATE_TIME,
                1, text.length, new byte[] {9}, text, new RecordHeaders(), Optional.empty()), collector);
        schema.deserialize(new ConsumerRecord<>("news.raw", 3, 8L, new byte[0], new byte[] {1, 2, 3}), collector);

        assertThat(out).hasSize(2);
        assertThat(out.get(0).text().origin()).isEqualTo(new RawRecord("news.raw", 2, 7L, now, new byte[] {9}, text));
        assertThat(out.get(0).text().publishedAt()).isEqualTo(Instant.ofEpochMilli(now - 1_000).toEpochMilli());
        assertThat(out.get(1).deadLetter().original().coordinates()).isEqualTo("news.raw-3@8");
        assertThat(out.get(1).deadLetter().errorClass()).isEqualTo("UNKNOWN_FORMAT");
    }
}
