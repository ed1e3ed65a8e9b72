package io.sentiflow.connect;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class AvroRecordSerializationSchemaTest {

    private static final ModelUpdate UPDATE = ModelUpdate.newBuilder()
            .setVersion("v2")
            .setUri("file:///models/versions/v2")
            .setManifestSha256("ab".repeat(32))
            .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
            .setMetrics(Map.of("sentimentAccuracy", 0.84))
            .setReason("test")
            .build();

    @Test
    void writesAvroSingleObjectKeyedByIdThatTheCodecReadsBack() throws Exception {
        AvroRecordSerializationSchema<ModelUpdate> schema = InstantiationUtil.clone(
                new AvroRecordSerializationSchema<>("model.updates", RecordCodec::modelUpdates, ModelUpdate::getVersion));

        ProducerRecord<byte[], byte[]> record = schema.serialize(UPDATE, null, 5L);

        assertThat(record.topic()).isEqualTo("model.updates");
        assertThat(new String(record.key(), UTF_8)).isEqualTo("v2");
        assertThat(record.timestamp()).as("stamped when written, so retention never sees old event times").isNull();
        assertThat(record.value()[0]).isEqualTo((byte) 0xC3);
        assertThat(RecordCodec.modelUpdates().decode(record.value()))
                .isEqualTo(new Decoded.Ok<>(UPDATE, io.sentiflow.schema.codec.WireFormat.AVRO));
    }
}
