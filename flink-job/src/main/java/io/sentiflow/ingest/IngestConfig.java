package io.sentiflow.ingest;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Validated settings of validation and event time; see {@link IngestOptions} for the keys.
 * Immutable and serializable, so operators can carry it.
 *
 * @param maxRecordBytes the largest record (key plus value) accepted
 * @param outOfOrderness how far each partition's event time trails its newest {@code publishedAt}
 * @param idleness after how long a silent partition stops holding back event time
 * @param maxFuture how far ahead of the clock a {@code publishedAt} may lie, at most {@code outOfOrderness}
 * @param maxPast how far behind the clock a {@code publishedAt} may lie
 */
public record IngestConfig(
        long maxRecordBytes, Duration outOfOrderness, Duration idleness, Duration maxFuture, Duration maxPast)
        implements Serializable {

    public IngestConfig {
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException(IngestOptions.MAX_RECORD_BYTES.key()
                    + " must be positive, was " + maxRecordBytes);
        }
        requireNotNegative(IngestOptions.OUT_OF_ORDERNESS.key(), outOfOrderness);
        requireNotNegative(IngestOptions.IDLENESS.key(), idleness);
        requireNotNegative(IngestOptions.MAX_FUTURE.key(), maxFuture);
        requireNotNegative(IngestOptions.MAX_PAST.key(), maxPast);
        if (idleness.isZero()) {
            throw new IllegalArgumentException(IngestOptions.IDLENESS.key() + " must be positive");
        }
        if (maxFuture.compareTo(outOfOrderness) > 0) {
            // A text accepted further ahead would move its partition's event time past the texts
            // that arrive on time after it, and they would drop out of alerting as late.
            throw new IllegalArgumentException(IngestOptions.MAX_FUTURE.key() + " = " + maxFuture
                    + " must not exceed " + IngestOptions.OUT_OF_ORDERNESS.key() + " = " + outOfOrderness);
        }
    }

    public static IngestConfig fromConfiguration(ReadableConfig config) {
        return new IngestConfig(
                config.get(IngestOptions.MAX_RECORD_BYTES).getBytes(),
                config.get(IngestOptions.OUT_OF_ORDERNESS),
                config.get(IngestOptions.IDLENESS),
                config.get(IngestOptions.MAX_FUTURE),
                config.get(IngestOptions.MAX_PAST));
    }

    public static IngestConfig defaults() {
        return fromConfiguration(new Configuration());
    }

    private static void requireNotNegative(String key, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative, was " + value);
        }
    }
}
