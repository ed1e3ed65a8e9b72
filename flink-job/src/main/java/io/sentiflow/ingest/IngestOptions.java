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
                    .defaultValue(Duration.ofMinutes(1))
                    .withDeprecatedKeys("sentiflow.alerts.allowed-lateness")
                    .withDescription("Event time of each Kafka partition trails its newest publishedAt by "
                            + "this much: a text may arrive this far out of order within its partition "
                            + "and still be counted by the alert windows, which close this much later. "
                            + "Later texts are scored but counted in lateRecordsDropped instead.");

    public static final ConfigOption<Duration> IDLENESS =
            ConfigOptions.key("sentiflow.ingest.idleness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDeprecatedKeys("sentiflow.alerts.idle-timeout")
                    .withDescription("A Kafka partition without records for this long stops holding "
                            + "back event time, so the windows of the others still close.");

    public static final ConfigOption<Duration> MAX_FUTURE =
            ConfigOptions.key("sentiflow.ingest.max-future")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription("A text whose publishedAt lies further ahead of the job's clock (or "
                            + "of its Kafka timestamp, if earlier) goes to the dead-letter topic with "
                            + "reason IMPLAUSIBLE_TIMESTAMP. At most out-of-orderness, so no accepted "
                            + "text can move its partition's event time past texts arriving on time.");

    public static final ConfigOption<Duration> MAX_PAST =
            ConfigOptions.key("sentiflow.ingest.max-past")
                    .durationType()
                    .defaultValue(Duration.ofDays(3650))
                    .withDescription("A text whose publishedAt lies further behind the job's clock goes "
                            + "to the dead-letter topic with reason IMPLAUSIBLE_TIMESTAMP: broken clocks "
                            + "(epoch zero, default dates). Wide, so replays and backfills of history pass; "
                            + "an old text can never hold event time ahead, only arrive late.");

    private IngestOptions() {}
}
