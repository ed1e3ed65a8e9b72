package io.sentiflow.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RawRecordDeserializationSchemaTest {

    @Test
    void keepsBytesAndCoordinatesOfAnyRecord() {
        byte[] garbage = {(byte) 0xFF, 0x00, (byte) 0xC3};
        ConsumerRecord<byte[], byte[]> consumed = new ConsumerRecord<>(
                "news.raw", 2, 17L, 1234L, TimestampType.CREATE_TIME, 1, garbage.length,
                new byte[] {9}, garbage, new RecordHeaders(), Optional.empty());
        List<RawRecord> out = new ArrayList<>();

        new RawRecordDeserializationSchema().deserialize(consumed, collectInto(out));

        assertThat(out).containsExactly(new RawRecord("news.raw", 2, 17L, 1234L, new byte[] {9}, garbage));
        assertThat(out.get(0).sizeInBytes()).isEqualTo(4);
        assertThat(out.get(0).coordinates()).isEqualTo("news.raw-2@17");
    }

    private static <T> Collector<T> collectInto(List<T> list) {
        return new Collector<>() {
            @Override
            public void collect(T record) {
                list.add(record);
            }

            @Override
            public void close() {}
        };
    }
}
