package io.sentiflow.ingest;

import static io.sentiflow.ingest.TestEvents.NOW;
import static io.sentiflow.ingest.TestEvents.PUBLISHED_AT;
import static io.sentiflow.ingest.TestEvents.avro;
import static io.sentiflow.ingest.TestEvents.event;
import static io.sentiflow.ingest.TestEvents.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.codec.RecordCodec;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class IngestWatermarksTest {

    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    };

    @Test
    void eventTimeIsPublishedAtAndDeadLettersHaveNone() {
        TextValidation validation = new TextValidation(RecordCodec.textEvents(), IngestConfig.defaults());
        TimestampAssigner<IngestedRecord> assigner =
                IngestWatermarks.strategy(IngestConfig.defaults()).createTimestampAssigner(null);

        IngestedRecord valid = validation.validate(raw(0, avro(event("a", "text", List.of()))), NOW);
        IngestedRecord refused = validation.validate(raw(1, new byte[] {1, 2}), NOW);

        assertThat(assigner.extractTimestamp(valid, 42L)).isEqualTo(PUBLISHED_AT);
        assertThat(assigner.extractTimestamp(refused, 42L)).isEqualTo(IngestWatermarks.NO_EVENT_TIME);
    }

    @Test
    void trailsTheNewestTextByTheOutOfOrdernessAtOnceAndNeverGoesBack() {
        IngestWatermarks<String> watermarks = new IngestWatermarks<>(60_000);

        watermarks.onEvent("a", 100_000, output);
        watermarks.onEvent("late but counted", 50_000, output);
        watermarks.onEvent("b", 130_000, output);
        watermarks.onPeriodicEmit(output);

        assertThat(emitted).containsExactly(39_999L, 69_999L);
    }

    @Test
    void recordsWithoutEventTimeNeverMoveIt() {
        IngestWatermarks<String> watermarks = new IngestWatermarks<>(60_000);

        watermarks.onEvent("dead letter", IngestWatermarks.NO_EVENT_TIME, output);
        watermarks.onPeriodicEmit(output);

        assertThat(emitted).isEmpty();
    }
}
