package io.sentiflow.ingest;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** Event time of valid texts: their {@code publishedAt}, with bounded out-of-orderness and idleness. */
public final class PublishedAtWatermarks {

    private PublishedAtWatermarks() {}

    public static WatermarkStrategy<ValidText> strategy(IngestConfig config) {
        return WatermarkStrategy.<ValidText>forBoundedOutOfOrderness(config.outOfOrderness())
                .withTimestampAssigner((text, kafkaTimestamp) -> text.publishedAt())
                .withIdleness(config.idleness());
    }
}
