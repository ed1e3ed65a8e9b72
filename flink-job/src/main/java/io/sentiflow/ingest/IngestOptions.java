package io.sentiflow.ingest;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/** Configuration keys of validation and event time, {@code sentiflow.ingest.*}. */
public final class IngestOptions {

    public static final ConfigOption<MemorySize> MAX_RECORD_BYTES =
            ConfigOptions.key("sentiflow.ingest.max-record-bytes")
                    .memoryType()
                    .defaultValue(MemorySize.parse("1mb"))
                    .withDescription("Records larger than this (key plus value) go to the dead-letter "
                            + "topic with reason RECORD_TOO_LARGE.");

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
            ConfigOptions.key("sentiflow.ingest.out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription("How far behind the newest publishedAt seen a text may arrive "
                            + "and still count as on time for event-time windows.");

    public static final ConfigOption<Duration> IDLENESS =
            ConfigOptions.key("sentiflow.ingest.idleness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription("A source split without records for this long stops holding "
                            + "back the watermark.");

    private IngestOptions() {}
}
