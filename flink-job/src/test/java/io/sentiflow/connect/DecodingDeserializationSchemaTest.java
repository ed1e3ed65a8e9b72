package io.sentiflow.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DecodingDeserializationSchemaTest {

    private final Map<String, Counter> counters = new HashMap<>();
    private final List<ModelUpdate> out = new ArrayList<>();

    @Test
    void passesDecodableUpdatesAndDropsUndecodableOnesCountingThem() throws Exception {
        DecodingDeserializationSchema<ModelUpdate> schema = new DecodingDeserializationSchema<>(
                RecordCodec::modelUpdates, new AvroTypeInfo<>(ModelUpdate.class));
        schema.open(context());
        ModelUpdate update = ModelUpdate.newBuilder()
                .setVersion("v1").setUri("file:///m/versions/v1").setManifestSha256("00".repeat(32))
                .setCreatedAt(Instant.ofEpochMilli(1L)).setMetrics(Map.of()).setReason("test").build();

        schema.deserialize(record(RecordCodec.modelUpdates().encode(update, WireFormat.AVRO)), collector());
        schema.deserialize(record(new byte[] {(byte) 0xC3, 0x01, 7}), collector());
        schema.deserialize(record(null), collector());

        assertThat(out).containsExactly(update);
        assertThat(counters.get(DecodingDeserializationSchema.UNDECODABLE_RECORDS).getCount()).isEqualTo(2);
    }

    private DeserializationSchema.InitializationContext context() {
        MetricGroup group = new UnregisteredMetricsGroup() {
            @Override
            public Counter counter(String name) {
                return counters.computeIfAbsent(name, n -> new SimpleCounter());
            }

            @Override
            public MetricGroup addGroup(String name) {
                return this;
            }
        };
        return new DeserializationSchema.InitializationContext() {
            @Override
            public MetricGroup getMetricGroup() {
                return group;
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
            }
        };
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("model.updates", 0, 0L, 0L, TimestampType.CREATE_TIME,
                0, value == null ? 0 : value.length, null, value, new RecordHeaders(), Optional.empty());
    }

    private Collector<ModelUpdate> collector() {
        return new Collector<>() {
            @Override
            public void collect(ModelUpdate record) {
                out.add(record);
            }

            @Override
            public void close() {}
        };
    }
}
