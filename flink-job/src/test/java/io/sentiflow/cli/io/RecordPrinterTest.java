package io.sentiflow.cli.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordPrinterTest {

    private static final TextEvent EVENT = TextEvent.newBuilder().setId("n1").setSource("newswire")
            .setText("Stocks rise").setPublishedAt(Instant.ofEpochMilli(1_000)).build();

    @Test
    void printsAvroRecordAsJsonLineWithTheSchemaFieldNames() {
        byte[] avro = RecordCodec.textEvents().encode(EVENT, WireFormat.AVRO);

        RecordPrinter.Line line = new RecordPrinter(RecordType.TEXT_EVENT, true).print(record("news.raw", avro));

        assertThat(line.decoded()).isTrue();
        assertThat(line.text()).isEqualTo(RecordCodec.textEvents().toJson(EVENT)).startsWith("{\"id\":\"n1\"");
    }

    @Test
    void prefixesCoordinatesAndFormatWithoutJsonFlag() {
        byte[] json = RecordCodec.textEvents().encode(EVENT, WireFormat.JSON);

        RecordPrinter.Line line = new RecordPrinter(RecordType.TEXT_EVENT, false).print(record("news.raw", json));

        assertThat(line.text()).startsWith("news.raw 0:7 key=n1 json {");
    }

    @Test
    void reportsUndecodablePayloadWithReason() {
        RecordPrinter.Line line = new RecordPrinter(RecordType.TEXT_EVENT, true)
                .print(record("news.raw", "not json".getBytes(StandardCharsets.UTF_8)));

        assertThat(line.decoded()).isFalse();
        assertThat(line.text()).contains("UNKNOWN_FORMAT").contains("payload=\"not json\"");
    }

    @Test
    void showsDeadLetterHeadersAndEscapedPayload() {
        ConsumerRecord<byte[], byte[]> record = record("news.dlq", new byte[] {'{', 0x00, (byte) 0xFF});
        record.headers().add("reason", "MALFORMED_JSON".getBytes(StandardCharsets.UTF_8));

        String json = new RecordPrinter(RecordType.DEAD_LETTER, true).print(record).text();

        assertThat(json).contains("\"headers\":{\"reason\":\"MALFORMED_JSON\"}")
                .contains("\"payload\":\"{\\\\x00\\\\xFF\"")
                .contains("\"offset\":7");
    }

    @Test
    void escapesControlCharactersOfValidUtf8() {
        assertThat(RecordPrinter.escape("a\nb\u0001ü".getBytes(StandardCharsets.UTF_8))).isEqualTo("a\\nb\\u0001ü");
    }

    @Test
    void mapsProjectTopicsToTheirRecordTypes() {
        assertThat(RecordType.forTopic("news.scored")).contains(RecordType.SCORED_TEXT);
        assertThat(RecordType.forTopic("news.dlq")).contains(RecordType.DEAD_LETTER);
        assertThat(RecordType.forTopic("model.updates")).contains(RecordType.MODEL_UPDATE);
        assertThat(RecordType.forTopic("elsewhere")).isEmpty();
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, byte[] value) {
        return new ConsumerRecord<>(topic, 0, 7, "n1".getBytes(StandardCharsets.UTF_8), value);
    }
}
