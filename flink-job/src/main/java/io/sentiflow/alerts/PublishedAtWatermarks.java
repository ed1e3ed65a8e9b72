package io.sentiflow.alerts;

import io.sentiflow.schema.ScoredText;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time from {@code publishedAt}, with watermarks {@code allowed-lateness} behind the newest
 * text. The watermark moves with every text that advances it, not only on the periodic timer,
 * so what counts as late depends on the data alone and a replay sees the same late texts.
 */
public final class PublishedAtWatermarks implements WatermarkGenerator<ScoredText> {

    private final long latenessMs;
    private long newest = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    PublishedAtWatermarks(long latenessMs) {
        this.latenessMs = latenessMs;
    }

    /** The strategy the detector uses; idle inputs stop holding the watermark back after {@code idle-timeout}. */
    public static WatermarkStrategy<ScoredText> strategy(AlertConfig config) {
        long lateness = config.allowedLateness().toMillis();
        return WatermarkStrategy.<ScoredText>forGenerator(context -> new PublishedAtWatermarks(lateness))
                .withTimestampAssigner((text, previous) -> text.getPublishedAt().toEpochMilli())
                .withIdleness(config.idleTimeout());
    }

    @Override
    public void onEvent(ScoredText event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp > newest) {
            newest = eventTimestamp;
            emit(output);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        emit(output);
    }

    private void emit(WatermarkOutput output) {
        if (newest == Long.MIN_VALUE) {
            return;
        }
        long watermark = newest - latenessMs - 1;
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
