package io.sentiflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.junit.jupiter.api.Test;

class PublishedAtWatermarksTest {

    @Test
    void eventTimeIsPublishedAtNotTheKafkaTimestamp() {
        TimestampAssigner<ValidText> assigner = PublishedAtWatermarks
                .strategy(new IngestConfig(1024, Duration.ofSeconds(5), Duration.ofSeconds(30)))
                .createTimestampAssigner(null);
        ValidText text = new ValidText("id", "src", "text", 1_700_000_000_000L, List.of());

        assertThat(assigner.extractTimestamp(text, 42L)).isEqualTo(1_700_000_000_000L);
    }
}
