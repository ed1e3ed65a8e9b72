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
 * @param outOfOrderness the watermark's bound on lateness
 * @param idleness after how long a silent split is marked idle
 */
public record IngestConfig(long maxRecordBytes, Duration outOfOrderness, Duration idleness)
        implements Serializable {

    public IngestConfig {
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException(IngestOptions.MAX_RECORD_BYTES.key()
                    + " must be positive, was " + maxRecordBytes);
        }
        requireNotNegative(IngestOptions.OUT_OF_ORDERNESS.key(), outOfOrderness);
        requireNotNegative(IngestOptions.IDLENESS.key(), idleness);
        if (idleness.isZero()) {
            throw new IllegalArgumentException(IngestOptions.IDLENESS.key() + " must be positive");
        }
    }

    public static IngestConfig fromConfiguration(ReadableConfig config) {
        return new IngestConfig(
                config.get(IngestOptions.MAX_RECORD_BYTES).getBytes(),
                config.get(IngestOptions.OUT_OF_ORDERNESS),
                config.get(IngestOptions.IDLENESS));
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
