package io.sentiflow.connect;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class EncodingSerializationSchemaTest {

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
        ProducerRecord<byte[], byte[]> record = serialized(WireFormat.AVRO);

        assertThat(record.topic()).isEqualTo("model.updates");
        assertThat(new String(record.key(), UTF_8)).isEqualTo("v2");
        assertThat(record.timestamp()).as("stamped when written, so retention never sees old event times").isNull();
        assertThat(record.value()[0]).isEqualTo((byte) 0xC3);
        assertThat(RecordCodec.modelUpdates().decode(record.value())).isEqualTo(new Decoded.Ok<>(UPDATE, WireFormat.AVRO));
    }

    @Test
    void writesPlainJsonWithTheSchemasFieldNamesThatTheCodecReadsBack() throws Exception {
        ProducerRecord<byte[], byte[]> record = serialized(WireFormat.JSON);

        assertThat(new String(record.key(), UTF_8)).isEqualTo("v2");
        JsonNode json = new ObjectMapper().readTree(record.value());
        assertThat(json.fieldNames()).toIterable().containsExactly("version", "uri", "manifestSha256",
                "parentVersion", "createdAt", "metrics", "reason");
        assertThat(json.get("createdAt").asLong()).isEqualTo(1_700_000_000_000L);
        assertThat(RecordCodec.modelUpdates().decode(record.value())).isEqualTo(new Decoded.Ok<>(UPDATE, WireFormat.JSON));
    }

    private static ProducerRecord<byte[], byte[]> serialized(WireFormat format) throws Exception {
        EncodingSerializationSchema<ModelUpdate> schema = InstantiationUtil.clone(new EncodingSerializationSchema<>(
                "model.updates", RecordCodec::modelUpdates, format, ModelUpdate::getVersion));
        return schema.serialize(UPDATE, null, 5L);
    }
}
