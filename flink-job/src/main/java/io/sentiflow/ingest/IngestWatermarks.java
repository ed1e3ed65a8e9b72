package io.sentiflow.ingest;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time, made once, at the Kafka source, per partition: the watermark of a partition trails
 * the newest {@code publishedAt} read from it by {@code out-of-orderness}, and Flink's source
 * combines the partitions of a subtask (the slowest holds the others back; a partition silent for
 * {@code idleness} stops holding) and every operator downstream combines its inputs. So a text is
 * late only when it arrived more than {@code out-of-orderness} behind a newer text of its own
 * partition, however far one partition's backlog runs ahead of another's.
 *
 * <p>The watermark moves with each text that advances it, not only on the periodic timer, so
 * what counts as late depends on each partition's order alone. Dead letters carry no event time
 * and never move it. One generator per partition, used from the source's thread.
 *
 * @param <T> the source's record type
 */
public final class IngestWatermarks<T> implements WatermarkGenerator<T> {

    /** The timestamp of a record without event time (a dead letter): it never moves the watermark. */
    public static final long NO_EVENT_TIME = Long.MIN_VALUE;

    private final long outOfOrdernessMs;
    private long newest = NO_EVENT_TIME;
    private long emitted = NO_EVENT_TIME;

    public IngestWatermarks(long outOfOrdernessMs) {
        this.outOfOrdernessMs = outOfOrdernessMs;
    }

    /** The raw source's strategy: valid texts at their {@code publishedAt}, dead letters without event time. */
    public static WatermarkStrategy<IngestedRecord> strategy(IngestConfig config) {
        return strategy(config, (record, kafkaTimestamp) ->
                record.isValid() ? record.text().publishedAt() : NO_EVENT_TIME);
    }

    /** The same watermarks over any records whose event time {@code eventTime} gives. */
    public static <T> WatermarkStrategy<T> strategy(IngestConfig config, SerializableTimestampAssigner<T> eventTime) {
        long outOfOrderness = config.outOfOrderness().toMillis();
        return WatermarkStrategy.<T>forGenerator(context -> new IngestWatermarks<>(outOfOrderness))
                .withTimestampAssigner(eventTime)
                .withIdleness(config.idleness());
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
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
        if (newest == NO_EVENT_TIME) {
            return;
        }
        long watermark = newest - outOfOrdernessMs - 1;
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
