package io.sentiflow.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.TextEvent;
import java.util.Arrays;
import org.apache.avro.SchemaNormalization;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The published schemas are those the codecs write and read, with the fingerprints their payloads carry. */
class SchemaCatalogTest {

    @Test
    void theHeaderOfAPublishedSchemaIsTheFirstTenBytesTheCodecWrites() {
        PublishedSchema alerts = SchemaCatalog.of(SentimentAlert.class).get(0);
        byte[] payload = RecordCodec.sentimentAlerts().encode(Samples.sentimentAlert(), WireFormat.AVRO);

        StringBuilder first = new StringBuilder();
        for (byte b : Arrays.copyOf(payload, 10)) {
            first.append(first.isEmpty() ? "" : " ").append(String.format("%02X", b & 0xFF));
        }
        assertThat(alerts.header()).isEqualTo(first.toString());
        assertThat(alerts.fingerprint()).isEqualTo(Payloads.fingerprint(payload));
        assertThat(alerts.fingerprintHex()).isEqualTo(String.format("0x%016X", Payloads.fingerprint(payload)));
    }

    @Test
    void listsTheCurrentSchemaFirstThenTheHistoryThatTheCodecReads() {
        assertThat(SchemaCatalog.of(TextEvent.class))
                .extracting(PublishedSchema::version, PublishedSchema::fileName)
                .containsExactly(Tuple.tuple("current", "TextEvent.avsc"),
                        Tuple.tuple("v0", "TextEvent-v0.avsc"));
        assertThat(SchemaCatalog.of(TextEvent.class).get(0).fingerprint())
                .isEqualTo(SchemaNormalization.parsingFingerprint64(TextEvent.getClassSchema()));
        assertThat(SchemaCatalog.of(TextEvent.class).get(0).schema().toString())
                .as("no Java-only properties").doesNotContain("avro.java");
        assertThat(SchemaCatalog.of(TextEvent.class).get(1).fingerprint())
                .isNotEqualTo(SchemaNormalization.parsingFingerprint64(TextEvent.getClassSchema()));
    }

    @Test
    void coversEveryTopicRecordOnce() {
        assertThat(SchemaCatalog.all()).filteredOn(PublishedSchema::isCurrent).extracting(PublishedSchema::recordName)
                .containsExactly("io.sentiflow.schema.TextEvent", "io.sentiflow.schema.ScoredText",
                        "io.sentiflow.schema.SentimentAlert", "io.sentiflow.schema.ModelUpdate",
                        "io.sentiflow.schema.LabeledText", "io.sentiflow.schema.LearnerCommand");
        assertThat(SchemaCatalog.all()).extracting(PublishedSchema::fingerprint).doesNotHaveDuplicates();
    }
}
